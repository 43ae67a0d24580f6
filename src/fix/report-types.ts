// What `upshift fix` reports: each change it makes, each object a person must migrate, and
// the files it could not read. The JSON output (-o json) is this shape.
import type { Finding, Severity } from '../core/types.js';

interface ObjectLocation {
  path: string;
  line: number;
  kind: string;
  namespace?: string;
  name?: string;
}

export interface FixChange extends ObjectLocation {
  from: string;
  to: string;
  family: string;
  /** How urgent the move was: error when the old API is not served at the target. */
  severity: Severity;
  notes: string[];
}

export interface ManualMigration extends ObjectLocation {
  apiVersion: string;
  /** The apiVersion it should move to, when one is served at the target. */
  to?: string;
  family?: string;
  severity: Severity;
  reason: string;
}

export interface FileFix {
  path: string;
  before: string;
  after: string;
}

export interface FixReport {
  tool: { name: string; version: string };
  platform: string;
  current?: string;
  target: string;
  changes: FixChange[];
  manual: ManualMigration[];
  /** Inputs that could not be read or parsed; such files are never touched. */
  problems: Finding[];
  /** Files left alone on purpose (symbolic links, read-only files), and why. */
  skipped: { path: string; reason: string }[];
  /** Files whose text changes, before and after. */
  files: FileFix[];
  /** With --write: the files written. */
  written: string[];
}

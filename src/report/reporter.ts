// The one interface every output format implements.

import type { Report } from '../core/types.js';

export interface ReportOptions {
  /** ANSI colours; only table and wide use it, and the caller decides (TTY, NO_COLOR). */
  color?: boolean;
  /** Absolute file paths in origins are printed relative to this directory. */
  cwd?: string;
}

export type Reporter = (report: Report, options: ReportOptions) => string;

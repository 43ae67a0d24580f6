// What a migration is: a pure function from an object on a retired API to the edits that
// move it to the API the target serves, or the reason a person has to do it.
import type { KubeObject } from '../core/types.js';

/** Keys and sequence indexes from the object's root. */
export type Path = readonly (string | number)[];

/**
 * One edit. Edits are applied in order, each to the result of the previous one, both to
 * the decoded object (what the result must be) and to the text (how it is written).
 */
export type Operation =
  /** Replace the value at `path`, or add the key (after/before a sibling, else last). */
  | { op: 'set'; path: Path; value: unknown; after?: string; before?: string }
  /** Rename the key at `path` in its position, keeping its value unless a new one is given. */
  | { op: 'rename'; path: Path; to: string; value?: unknown }
  | { op: 'delete'; path: Path }
  /** Copy the pair at `from` (its text, comments and all) into the map at `to` under `key`. */
  | { op: 'copy'; from: Path; to: Path; key: string; after?: string };

export interface MigrationInput {
  object: KubeObject;
  kind: string;
  /** The apiVersion the object is written with. */
  from: string;
  /** The apiVersion it moves to: the replacement served at the target. */
  to: string;
}

export type MigrationResult =
  | { operations: Operation[]; notes: string[] }
  | { manual: string };

export interface Migration {
  /** Whether this family knows how to move this apiVersion/kind. */
  handles(apiVersion: string, kind: string): boolean;
  migrate(input: MigrationInput): MigrationResult;
  /**
   * Whether the apiVersion line alone migrates this text: an unrendered Helm template (the
   * text is all there is to judge by), or a document the lexical index verified (the fast
   * path that skips the parser).
   */
  apiVersionLineSuffices(from: string, kind: string, templateText: string): boolean;
}

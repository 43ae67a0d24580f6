// Small constructors for the edits migrations return, so that migrations read as the
// deprecation guide does: rename this, move that, set the other.
import { isRecord } from '../core/fields.js';
import type { Operation, Path } from './types.js';

export function set(path: Path, value: unknown, position: { after?: string; before?: string } = {}): Operation {
  return { op: 'set', path, value, ...position };
}

export function rename(path: Path, to: string): Operation {
  return { op: 'rename', path, to };
}

/** Rename a key and give it a new value, in the position of the old pair. */
export function replaceKey(path: Path, to: string, value: unknown): Operation[] {
  return [{ op: 'rename', path, to, value }];
}

export function remove(path: Path): Operation {
  return { op: 'delete', path };
}

export function isEmptyRecord(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}

// How the FileResults of manifest-files.ts cross between threads, or wait for their turn: a
// batch's results encoded (JSON when JSON carries them exactly, origins in the file read as
// [line, column]), decoded on the scan's thread when their turn comes.
import { deserialize, serialize } from 'node:v8';
import type { Origin } from '../core/types.js';
import { isJsonExact } from './json-exact.js';
import type { FileResult } from './manifest-files.js';

/**
 * A worker's results for one batch, as JSON when that carries them exactly (json-exact.ts),
 * else serialized by node:v8; decoded here only when their turn comes.
 */
export type BatchReply = { batch: number; json: string } | { batch: number; serialized: Uint8Array };

/**
 * A batch's results as a reply: JSON when that carries them exactly (it nearly always does, and
 * JSON.parse on the scan's thread takes half the time of v8's deserialize: 68-98 ms against
 * 134-155 ms for a third of the bench estate's files), else serialized by node:v8. A worker
 * sends its batches so, and the scan's thread keeps so a batch it reads ahead of its turn: kept
 * as objects, much of it outlived two young-generation collections and was promoted, to be
 * freed only by a full collection.
 */
export function encodeBatch(batch: number, results: FileResult[]): BatchReply {
  if (isJsonExact(results)) return { batch, json: JSON.stringify(results) };
  const serialized = serialize(results);
  return { batch, serialized: new Uint8Array(serialized.buffer, serialized.byteOffset, serialized.byteLength) };
}

/** How a worker sends the origin of a resource in the file it read (see compactOrigins). */
type CompactOrigin = [line: number, column: number];

/**
 * Replaces the origins of `result`'s resources that are `{ type: 'file', path, line, column }`
 * in the file itself with [line, column], for a worker's reply: the path, repeated for every
 * resource, was a fifth of what a worker sent and the scan's thread parsed (7 interleaved runs of the
 * bench estate, twice: 2.64 s against 2.81 s and 2.71 s against 2.79 s). restoreOrigins undoes it.
 */
export function compactOrigins(result: FileResult, path: string): FileResult {
  for (const resource of result.resources) {
    const origin = resource.origin;
    if (origin.type === 'file' && origin.path === path && typeof origin.line === 'number' && typeof origin.column === 'number' && hasOnlyKeys(origin, ORIGIN_KEYS)) {
      (resource as { origin: Origin | CompactOrigin }).origin = [origin.line, origin.column];
    }
  }
  return result;
}

const ORIGIN_KEYS = ['type', 'path', 'line', 'column'];

/** Whether `object`'s own keys are `keys`, in that order (so that the origin rebuilt is the same object). */
function hasOnlyKeys(object: object, keys: readonly string[]): boolean {
  let index = 0;
  for (const key in object) if (key !== keys[index++]) return false;
  return index === keys.length;
}

/**
 * Rebuilds the origins compactOrigins made compact, and points every other origin in the file
 * at the one string of its path: an origin that came through JSON has a copy of its own, and the
 * inventory keeps resources to the end of the scan (20,000 copies of 70-character paths on the
 * bench estate).
 */
function restoreOrigins(result: FileResult, path: string): FileResult {
  for (const resource of result.resources) {
    const origin = resource.origin as Origin | CompactOrigin;
    if (Array.isArray(origin)) resource.origin = { type: 'file', path, line: origin[0], column: origin[1] };
  }
  for (const { origin } of result.resources) sharePath(origin, path);
  for (const { origin } of result.findings) sharePath(origin, path);
  return result;
}

function sharePath(origin: Origin | undefined, path: string): void {
  if (origin?.type === 'file' && origin.path === path) origin.path = path;
}

/** The FileResults a worker's reply carries, for the files of its batch at `paths` (as displayed). */
export function resultsOf(reply: BatchReply, paths: readonly string[]): FileResult[] {
  const results = 'json' in reply ? (JSON.parse(reply.json) as FileResult[]) : (deserialize(reply.serialized) as FileResult[]);
  return results.map((result, index) => restoreOrigins(result, paths[index]));
}

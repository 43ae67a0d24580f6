// How the FileResults of manifest-files.ts cross between threads: a worker's reply for a batch
// (JSON when JSON carries it exactly, origins in the file read as [line, column]), and the
// results the scan's thread reads ahead of their turn, parked as JSON until then.
import { deserialize } from 'node:v8';
import type { Origin } from '../core/types.js';
import { isJsonExact } from './json-exact.js';
import type { FileResult } from './manifest-files.js';

/**
 * A worker's results for one batch, as JSON when that carries them exactly (json-exact.ts),
 * else serialized by node:v8; decoded here only when their turn comes.
 */
export type BatchReply = { batch: number; json: string } | { batch: number; serialized: Uint8Array };

/**
 * A batch the scan's thread read ahead of its turn, each file's result parked as JSON text when JSON
 * carries it exactly (else as it is). It waits while the batches before it are handed over:
 * kept as objects, much of it outlived two young-generation collections and was promoted, to be
 * freed only by a full collection. Parked, the bench estate's scan peaked 6 MB lower and ran
 * faster (7 interleaved runs: 2.13 s against 2.27 s), as the collector had less to copy.
 */
export type Parked = (FileResult | string)[];

export function park(result: FileResult): FileResult | string {
  return isJsonExact(result) ? JSON.stringify(result) : result;
}

export function unpark(parked: FileResult | string, path: string): FileResult {
  return restoreOrigins(typeof parked === 'string' ? (JSON.parse(parked) as FileResult) : parked, path);
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

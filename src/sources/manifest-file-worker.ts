// A worker thread of manifest-files.ts: is sent every batch of files, reads those it claims
// first in the shared claims array (this thread or another may have taken the others), and
// posts back their FileResults as JSON or serialized (see BatchReply). The scan options come as workerData.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileScanOptions } from './files.js';
import { readFileResult } from './manifest-files.js';
import { compactOrigins, type BatchReply } from './file-result-handover.js';
import { displayPath } from '../core/display-path.js';
import { isJsonExact } from './json-exact.js';

const { claims, ...options } = workerData as FileScanOptions & { claims: Int32Array };

parentPort!.on('message', ({ batch, files }: { batch: number; files: string[] }) => {
  if (Atomics.compareExchange(claims, batch, 0, 1) !== 0) return;
  const results = files.map((file) => compactOrigins(readFileResult(file, options), displayPath(file, options.cwd)));
  // JSON when it carries the results exactly (it nearly always does): JSON.parse on the scan's
  // thread takes half the time of v8's deserialize (a third of the bench estate's files: 68-98 ms
  // against 134-155 ms), and that thread is the one the scan waits for.
  if (isJsonExact(results)) {
    parentPort!.postMessage({ batch, json: JSON.stringify(results) } satisfies BatchReply);
    return;
  }
  const serialized = serialize(results);
  // Handed over, not copied: the worker has no further use for the bytes.
  const bytes = new Uint8Array(serialized.buffer, serialized.byteOffset, serialized.byteLength);
  const whole = serialized.byteOffset === 0 && serialized.byteLength === serialized.buffer.byteLength;
  parentPort!.postMessage({ batch, serialized: bytes } satisfies BatchReply, whole ? [serialized.buffer] : []);
});

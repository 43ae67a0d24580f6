// A worker thread of manifest-files.ts: is sent every batch of files, reads those it claims
// first in the shared claims array (this thread or another may have taken the others), and
// posts back their FileResults, serialized (see BatchReply). The scan options come as workerData.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileScanOptions } from './files.js';
import { readFileResult } from './manifest-files.js';

const { claims, ...options } = workerData as FileScanOptions & { claims: Int32Array };

parentPort!.on('message', ({ batch, files }: { batch: number; files: string[] }) => {
  if (Atomics.compareExchange(claims, batch, 0, 1) !== 0) return;
  const serialized = serialize(files.map((file) => readFileResult(file, options)));
  // Handed over, not copied: the worker has no further use for the bytes.
  const bytes = new Uint8Array(serialized.buffer, serialized.byteOffset, serialized.byteLength);
  parentPort!.postMessage({ batch, serialized: bytes }, serialized.byteOffset === 0 && serialized.byteLength === serialized.buffer.byteLength ? [serialized.buffer] : []);
});

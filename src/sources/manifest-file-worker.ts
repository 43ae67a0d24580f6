// A worker thread of manifest-files.ts: is sent every batch of files, reads those it claims
// first in the shared claims array (this thread or another may have taken the others), and
// posts back their FileResults encoded (see readEncoded). The scan options come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileScanOptions } from './files.js';
import { readEncoded } from './manifest-files.js';

const { claims, ...options } = workerData as FileScanOptions & { claims: Int32Array };

parentPort!.on('message', ({ batch, files }: { batch: number; files: string[] }) => {
  if (Atomics.compareExchange(claims, batch, 0, 1) !== 0) return;
  const reply = readEncoded(batch, files, options);
  // Handed over, not copied: the worker has no further use for the bytes.
  const whole = 'serialized' in reply && reply.serialized.byteOffset === 0 && reply.serialized.byteLength === reply.serialized.buffer.byteLength;
  parentPort!.postMessage(reply, whole ? [reply.serialized.buffer as ArrayBuffer] : []);
});

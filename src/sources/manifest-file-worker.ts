// A worker thread of manifest-files.ts: is sent every batch of files, reads those it claims
// first in the shared claims array (this thread or another may have taken the others), and
// posts back their FileResults encoded (see readEncoded). The scan options come as workerData.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { FileScanOptions } from './files.js';
import { readEncoded } from './manifest-files.js';

const { claims, posted, replies, ...options } = workerData as FileScanOptions & { claims: Int32Array; posted: Int32Array; replies: MessagePort };

parentPort!.on('message', ({ batch, files }: { batch: number; files: string[] }) => {
  if (Atomics.compareExchange(claims, batch, 0, 1) !== 0) return;
  const reply = readEncoded(batch, files, options);
  // Handed over, not copied: the worker has no further use for the bytes.
  const whole = 'serialized' in reply && reply.serialized.byteOffset === 0 && reply.serialized.byteLength === reply.serialized.buffer.byteLength;
  replies.postMessage(reply, whole ? [reply.serialized.buffer as ArrayBuffer] : []);
  // Counted after it is posted: the scan's thread, told, finds it on its port (see takeReplies).
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
});

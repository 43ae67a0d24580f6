// A worker thread of manifest-files.ts: reads and decodes the batches of files it is sent and
// posts back their FileResults. The scan options come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileScanOptions } from './files.js';
import { readFileResult } from './manifest-files.js';

const options = workerData as FileScanOptions;

parentPort!.on('message', ({ batch, files }: { batch: number; files: string[] }) => {
  parentPort!.postMessage({ batch, results: files.map((file) => readFileResult(file, options)) });
});

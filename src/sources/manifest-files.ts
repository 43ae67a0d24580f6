// Reads the manifest files of a scan, in the order given: on this thread and worker threads
// when there are the cores and enough files for the parallel reading and decoding to repay
// starting the threads (see manifest-file-worker.ts), else one after another on this thread.
// Either way each file comes back as the same FileResult, so a scan's output does not depend
// on which path read it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { deserialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, Resource } from '../core/types.js';
import type { ClusterDescription } from './eksctl.js';
import type { FileScanOptions } from './files.js';
import { readManifestFile } from './manifest-file.js';
import { readInfrastructureFile } from './infrastructure-file.js';

/** What one manifest file holds: its resources and input problems, and the clusters it describes when it is eksctl or CloudFormation. */
export interface FileResult {
  resources: Resource[];
  findings: Finding[];
  infrastructure?: ClusterDescription;
}

export function readFileResult(file: string, options: FileScanOptions): FileResult {
  const contents = readManifestFile(file, options);
  const infrastructure = contents.text === undefined ? undefined : readInfrastructureFile(contents.text, file, options.cwd);
  return infrastructure ? { resources: contents.resources, findings: contents.findings, infrastructure } : { resources: contents.resources, findings: contents.findings };
}

// Below some thousand files, starting a thread (it loads the readers' modules) costs more
// than reading in parallel saves.
const FILES_PER_WORKER = 1_500;
// Files read as one unit, by this thread or a worker: enough that messages are few, few
// enough that the last batches keep every thread busy and few results wait for their turn.
const BATCH_FILES = 64;
const BATCHES_PER_THREAD = 8;
const WORKER_SCRIPT = new URL('./manifest-file-worker.js', import.meta.url);

/**
 * How many worker threads to read `files` files with besides this thread: one per core beyond
 * the first two, with at least FILES_PER_WORKER files each; `requested` (a test's, a caller's)
 * overrides. 0 when the worker script is not there, as when the sources run untranspiled
 * under a test runner.
 */
export function workerCount(files: number, requested?: number): number {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) return 0;
  if (requested !== undefined) return Math.max(0, Math.min(requested, files - 1));
  // Measured on 2 cores shared with other work (bench/run.js check, 20,001 files, load 12 to
  // 17): one worker beside this thread used less CPU time on this thread (2.0 s against 2.7 s)
  // but took 10 to 25% longer and 12 to 15 MB more memory than none, so 2 cores read on one thread.
  return Math.max(0, Math.min(availableParallelism() - 2, Math.floor(files / FILES_PER_WORKER) - 1));
}

/** The files' results in the order of `files`, read by this thread and `workers` worker threads. */
export async function* readManifestFiles(files: readonly string[], options: FileScanOptions, workers: number): AsyncGenerator<FileResult> {
  if (workers === 0) {
    for (const file of files) yield readFileResult(file, options);
    return;
  }
  yield* readInParallel(files, options, workers);
}

/** A worker's results for one batch, serialized there (node:v8) and deserialized here only when their turn comes. */
interface BatchReply {
  batch: number;
  serialized: Uint8Array;
}

/**
 * Batches go to whichever thread is free: each worker keeps two in flight, and this thread
 * reads the next unassigned batch itself whenever the one due next has not come back yet.
 * Results are yielded in file order; a worker's stay serialized until then, as decoding them
 * is most of what handing results between threads costs, and compact while they wait.
 */
async function* readInParallel(files: readonly string[], options: FileScanOptions, count: number): AsyncGenerator<FileResult> {
  const size = Math.max(1, Math.min(BATCH_FILES, Math.ceil(files.length / ((count + 1) * BATCHES_PER_THREAD))));
  const batches: string[][] = [];
  for (let at = 0; at < files.length; at += size) batches.push(files.slice(at, at + size));
  const done = new Map<number, FileResult[] | Uint8Array>();
  let assigned = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const workerData = { cwd: options.cwd, maxFileBytes: options.maxFileBytes, objectKinds: options.objectKinds, dropped: options.dropped };
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SCRIPT, { workerData }));
  const assign = (worker: Worker) => {
    if (assigned < batches.length) worker.postMessage({ batch: assigned, files: batches[assigned++] });
  };
  try {
    for (const worker of workers) {
      worker.on('message', (reply: BatchReply) => {
        done.set(reply.batch, reply.serialized);
        assign(worker);
        notify();
      });
      worker.on('error', (error) => {
        failure ??= error;
        notify();
      });
      worker.on('exit', (code) => {
        failure ??= new Error(`a manifest-reading worker thread stopped (exit code ${code}) before the scan was done`);
        notify();
      });
      // Two batches in flight: a worker never waits for this thread between batches.
      assign(worker);
      assign(worker);
    }
    for (let next = 0; next < batches.length; next++) {
      while (!done.has(next)) {
        if (failure !== undefined) throw failure;
        if (assigned < batches.length) {
          const batch = assigned++;
          done.set(batch, batches[batch].map((file) => readFileResult(file, options)));
          // Let the workers' replies in (and hand them their next batches) before going on.
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      const results = done.get(next)!;
      done.delete(next);
      yield* results instanceof Uint8Array ? (deserialize(results) as FileResult[]) : results;
    }
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

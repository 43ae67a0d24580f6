// Reads the manifest files of a scan, in the order given: on worker threads when there are
// enough files for the parallel reading and decoding to repay starting the threads (see
// manifest-file-worker.ts), else one after another on this thread. Either way each file comes
// back as the same FileResult, so a scan's output does not depend on which path read it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, Resource } from '../core/types.js';
import type { ClusterDescription } from './eksctl.js';
import { readManifestFile, type FileScanOptions } from './files.js';
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

// Measured on 2 cores (bench/run.js check): below some thousand files, starting the threads
// (each loads the readers' modules) costs more than reading in parallel saves.
const FILES_PER_WORKER = 1_500;
// Files sent to a worker at a time: large enough that messages are few, small enough that the
// last batches keep every thread busy.
const BATCH_FILES = 64;
const WORKER_SCRIPT = new URL('./manifest-file-worker.js', import.meta.url);

/**
 * How many worker threads to read `files` files with: one per core beyond this thread's own,
 * at least FILES_PER_WORKER files each; `requested` (a test's, a caller's) overrides. 0 when
 * the worker script is not there, as when the sources run untranspiled under a test runner.
 */
export function workerCount(files: number, requested?: number): number {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) return 0;
  if (requested !== undefined) return Math.max(0, Math.min(requested, files));
  return Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER));
}

/** The files' results in the order of `files`, read by `workers` threads (0: on this thread). */
export async function* readManifestFiles(files: readonly string[], options: FileScanOptions, workers: number): AsyncGenerator<FileResult> {
  if (workers === 0) {
    for (const file of files) yield readFileResult(file, options);
    return;
  }
  yield* readInParallel(files, options, workers);
}

interface BatchReply {
  batch: number;
  results: FileResult[];
}

async function* readInParallel(files: readonly string[], options: FileScanOptions, count: number): AsyncGenerator<FileResult> {
  const batches: string[][] = [];
  for (let at = 0; at < files.length; at += BATCH_FILES) batches.push(files.slice(at, at + BATCH_FILES));
  // Batches are handed out as workers finish them, so a slow file does not idle the others;
  // replies wait in `arrived` until every batch before them has been yielded.
  const arrived = new Map<number, FileResult[]>();
  let sent = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const workerData = { cwd: options.cwd, maxFileBytes: options.maxFileBytes, objectKinds: options.objectKinds, dropped: options.dropped };
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SCRIPT, { workerData }));
  const sendNext = (worker: Worker) => {
    if (sent < batches.length) {
      worker.postMessage({ batch: sent, files: batches[sent] });
      sent++;
    }
  };
  try {
    for (const worker of workers) {
      worker.on('message', (reply: BatchReply) => {
        arrived.set(reply.batch, reply.results);
        sendNext(worker);
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
      // Two batches in flight per worker: it never waits for this thread between batches.
      sendNext(worker);
      sendNext(worker);
    }
    for (let next = 0; next < batches.length; next++) {
      while (!arrived.has(next)) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const results = arrived.get(next)!;
      arrived.delete(next);
      yield* results;
    }
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

// Reads the manifest files of a scan, in the order they are found: on this thread and worker
// threads when there are the cores and enough files for the parallel reading and decoding to
// repay starting the threads (see manifest-file-worker.ts), else one after another on this
// thread. Files can be handed over while the paths are still being expanded (files.ts streams
// a large directory folder group by folder group), so the workers read the first files while
// this thread lists the rest. Either way each file comes back as the same FileResult, in the
// order given, so a scan's output does not depend on which thread read what.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Finding, Resource } from '../core/types.js';
import type { ClusterDescription } from './eksctl.js';
import type { FileScanOptions } from './files.js';
import { readManifestFile } from './manifest-file.js';
import { cpuBudget } from '../core/cpu-budget.js';
import { displayPath } from '../core/display-path.js';
import { originPath } from '../core/origin-path.js';
import { compactOrigins, encodeBatch, resultsOf, type BatchReply } from './file-result-handover.js';
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
  if (!infrastructure) return { resources: contents.resources, findings: contents.findings };
  // An eksctl file that is not valid YAML was one problem told twice, as a manifest and as a
  // ClusterConfig: the eksctl reader's finding, in eksctl's terms, is the one kept.
  const told = new Set(infrastructure.findings.map(placeOf));
  return { resources: contents.resources, findings: contents.findings.filter((finding) => !told.has(placeOf(finding))), infrastructure };
}

function placeOf(finding: Finding): string {
  const origin = finding.origin;
  return `${finding.id} ${originPath(origin) ?? ''}:${origin && 'line' in origin ? origin.line : ''}`;
}

// Below this many files per worker, starting a thread (it loads the readers' modules) costs
// more than reading in parallel saves.
const FILES_PER_WORKER = 1_500;
// Files read as one unit, by this thread or a worker: enough that messages are few, few
// enough that the last batches keep every thread busy and few results wait for their turn.
const BATCH_FILES = 64;
// Batches the threads share claims for (4 bytes each); later ones are read on this thread.
const MAX_SHARED_BATCHES = 1 << 18;
// How many batches, from the one this thread takes next, any thread may read. Unbounded, the
// worker ran up to 29 batches ahead of this thread on the 20k bench estate: its replies waited
// long enough to be moved to V8's old generation and died there, the larger part of what made
// the peak grow faster than the input (maxRSS 141-142 MB against 135-137 with 8, 5k estate
// 102-105 either way; 1, 2, 4 and 16 did no better than 8).
const READ_AHEAD_BATCHES = 8;
// The window while this thread is still listing the files (before results() is called), when
// none of the replies can be taken in yet: with 8, the worker read its 8 batches of the 20k
// bench estate's first folder group and then waited for the listing to end; with 64, median of
// 21 interleaved runCheck runs 2.18 s against 2.35 s (15 runs: 32 gave 1.94 s, 128 1.97 s, 8
// 2.05 s), peak RSS the same (129-130 MB medians).
const LISTING_READ_AHEAD_BATCHES = 64;
const WORKER_SCRIPT = new URL('./manifest-file-worker.js', import.meta.url);

/**
 * How many worker threads to read `files` files with besides this thread: one per core beyond
 * the first (the cores the cgroup's CPU quota allows, see cpu-budget.ts), with at least
 * FILES_PER_WORKER files each; `requested` (a test's, a caller's) overrides. 0 when the worker script is not there, as when the sources run untranspiled under
 * a test runner. However busy the machine: with two or four other processes keeping both cores
 * busy, the bench estate's scan still took 2.99 s with a worker against 3.56 s without, and
 * 4.29 s against 4.68 s (runCheck with workers 1 and 0, 5 interleaved runs each, 2026-12-07).
 * (An earlier rule read no worker into a 1-minute load average of every core and one more; it
 * also counted the scans run just before, so back-to-back scans fell to one thread.)
 */
export function workerCount(files: number, requested?: number): number {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) return 0;
  if (requested !== undefined) return Math.max(0, Math.min(requested, files - 1));
  return Math.max(0, Math.min(cpuBudget() - 1, Math.floor(files / FILES_PER_WORKER)));
}

/** A reading in progress: files go in (add) as they are found, results come out in that order. */
export interface FileReading {
  /** More files to read, after those already added. */
  add(files: readonly string[]): void;
  /**
   * Every added file with its result, in the order added, but for the files `skip` names (not
   * read at all without workers, passed over when read with the rest of their batch), a batch
   * of files at a time; call once, after the last add.
   */
  results(skip?: (file: string) => boolean): AsyncGenerator<[string, FileResult][]>;
  /** Stops the worker threads (after results(), or when the scan is abandoned). */
  stop(): Promise<void>;
  /** Whether worker threads may read: only then do files handed over early get read early. */
  readonly parallel: boolean;
}

/**
 * Starts a reading. Worker threads start as the files added pass FILES_PER_WORKER apiece (or
 * at once, up to `requestedWorkers`); every batch of files goes to every worker as it enters the
 * read-ahead window (READ_AHEAD_BATCHES from the one this thread takes next, or
 * LISTING_READ_AHEAD_BATCHES while this thread is still listing files), and whichever
 * thread claims it first in the shared claims array reads it. This thread claims batches of the
 * window too, when the one due next is not back yet, so no thread waits while there is work.
 */
export function startReading(options: FileScanOptions, requestedWorkers?: number): FileReading {
  const files: string[] = [];
  const batches: string[][] = [];
  let pending: string[] = [];
  // Made with the first worker: a scan on one thread needs none.
  let claims: Int32Array | undefined;
  // Batches read ahead of their turn, by a worker or this thread, encoded (see encodeBatch).
  const done = new Map<number, BatchReply>();
  const workers: Worker[] = [];
  // Where each worker posts its replies, taken in (receiveMessageOnPort) only when this thread
  // looks for the batch due: a 'message' listener took every reply in as it came, as a string on
  // this thread's heap, and while the files were being listed 64 of them came in at once and
  // waited their turn long enough to be moved to the old generation.
  const replyPorts: MessagePort[] = [];
  // Replies posted so far, counted by the workers: what this thread waits on when it has nothing to read.
  let posted: Int32Array | undefined;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  // The batch this thread takes next (results()), and the end of the read-ahead window from it.
  let taken = 0;
  let listing = true;
  const windowEnd = () => Math.min(batches.length, taken + (listing ? LISTING_READ_AHEAD_BATCHES : READ_AHEAD_BATCHES));
  // The batches before this one were sent to the workers.
  let sent = 0;
  const share = (worker: Worker, batch: number) => {
    if (batch < MAX_SHARED_BATCHES) worker.postMessage({ batch, files: batches[batch] });
  };
  const shareWindow = () => {
    for (const end = windowEnd(); sent < end; sent++) if (Atomics.load(claims!, sent) === 0) for (const worker of workers) share(worker, sent);
  };
  const startWorkers = () => {
    const wanted = workerCount(files.length, requestedWorkers);
    while (workers.length < wanted) {
      claims ??= new Int32Array(new SharedArrayBuffer(4 * MAX_SHARED_BATCHES));
      posted ??= new Int32Array(new SharedArrayBuffer(4));
      const { port1, port2 } = new MessageChannel();
      replyPorts.push(port1);
      const workerData = { cwd: options.cwd, maxFileBytes: options.maxFileBytes, objectKinds: options.objectKinds, dropped: options.dropped, claims, posted, replies: port2 };
      // A small young generation: a worker's objects live only until they are serialized, and
      // the default made the 20k bench estate peak at 175 MB against 156 (bench/tasks/check.js).
      const worker = new Worker(WORKER_SCRIPT, { workerData, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      worker.on('error', (error) => {
        failure ??= error;
        notify();
      });
      worker.on('exit', (code) => {
        failure ??= new Error(`a manifest-reading worker thread stopped (exit code ${code}) before the scan was done`);
        notify();
      });
      workers.push(worker);
      for (let batch = 0; batch < sent; batch++) if (Atomics.load(claims, batch) === 0) share(worker, batch);
    }
    if (workers.length > 0) shareWindow();
  };
  const seal = (batch: string[]) => {
    batches.push(batch);
    if (workers.length > 0) shareWindow();
  };
  // Takes in the workers' replies, in the order posted, until the one for batch `next` (true when it is in).
  const takeReplies = (next: number): boolean => {
    for (const port of replyPorts) {
      while (!done.has(next)) {
        const received = receiveMessageOnPort(port);
        if (received === undefined) break;
        const reply = received.message as BatchReply;
        done.set(reply.batch, reply);
      }
    }
    return done.has(next);
  };
  const claim = (batch: number) => batch >= MAX_SHARED_BATCHES || Atomics.compareExchange(claims!, batch, 0, 1) === 0;

  return {
    parallel: workerCount(Number.MAX_SAFE_INTEGER, requestedWorkers) > 0,
    add(found) {
      for (const file of found) {
        files.push(file);
        pending.push(file);
        if (pending.length === BATCH_FILES) {
          seal(pending);
          pending = [];
        }
      }
      startWorkers();
    },
    // A batch at a time, and the reading and decoding in functions of their own: a generator
    // that yielded each of the bench estate's 20,000 files, with the reading inlined, was
    // optimized four times at 60-70 ms of compiling each (node --trace-opt).
    async *results(skip = () => false) {
      if (workers.length === 0) {
        for (let from = 0; from < files.length; from += BATCH_FILES) yield readHere(files.slice(from, from + BATCH_FILES), options, skip);
        return;
      }
      if (pending.length > 0) seal(pending);
      pending = [];
      listing = false;
      // The first batch not known to be claimed: where this thread looks for work.
      let unclaimed = 0;
      for (let next = 0; next < batches.length; next++) {
        taken = next;
        shareWindow();
        for (;;) {
          // Read before looking, so that a reply posted after the look still wakes the wait below.
          const seen = Atomics.load(posted!, 0);
          if (takeReplies(next)) break;
          if (failure !== undefined) throw failure;
          unclaimed = Math.max(unclaimed, next);
          while (unclaimed < windowEnd() && (done.has(unclaimed) || !claim(unclaimed))) unclaimed++;
          if (unclaimed < windowEnd()) {
            // Encoded as a worker's reply even when it is the batch due: objects read from YAML
            // here have other hidden classes than those JSON.parse makes of the replies, and one
            // batch of them, met by the per-resource checks and summaries V8 had already
            // optimized for the others, had it deoptimize and compile again a dozen functions
            // (node --trace-deopt on the 20k bench estate: 14-20 deopts in a run without such a
            // batch, 26-39 with one, which came in about half the runs).
            done.set(unclaimed, readEncoded(unclaimed, batches[unclaimed], options));
            // Let a worker's error or exit in before going on.
            await new Promise<void>((resolve) => setImmediate(resolve));
          } else {
            const waiting = Atomics.waitAsync(posted!, 0, seen);
            // A worker's error or exit comes as an event, not a reply: either ends the wait.
            if (waiting.async) await Promise.race([waiting.value, new Promise<void>((resolve) => (wake = resolve))]);
          }
        }
        const read = done.get(next)!;
        done.delete(next);
        yield handOver(batches[next], read, options, skip);
      }
    },
    async stop() {
      for (const worker of workers) worker.removeAllListeners('exit');
      await Promise.all(workers.map((worker) => worker.terminate()));
      for (const port of replyPorts) port.close();
      // The scan holds this reading until its report is made: let the file list go now.
      files.length = 0;
      batches.length = 0;
      done.clear();
    },
  };
}

/** The files of a batch read on this thread, in order, but for those `skip` names. */
function readHere(batch: readonly string[], options: FileScanOptions, skip: (file: string) => boolean): [string, FileResult][] {
  const read: [string, FileResult][] = [];
  for (const file of batch) if (!skip(file)) read.push([file, readFileResult(file, options)]);
  return read;
}

/**
 * The files of batch `index` read and encoded (see encodeBatch): what a worker sends back, and
 * how this thread keeps a batch it reads ahead of its turn.
 */
export function readEncoded(index: number, batch: readonly string[], options: FileScanOptions): BatchReply {
  return encodeBatch(index, batch.map((file) => compactOrigins(readFileResult(file, options), displayPath(file, options.cwd))));
}

/** A batch's results, as a worker or this thread encoded them, but for the files `skip` names. */
function handOver(batch: readonly string[], read: BatchReply, options: FileScanOptions, skip: (file: string) => boolean): [string, FileResult][] {
  const results = resultsOf(read, batch.map((file) => displayPath(file, options.cwd)));
  const kept: [string, FileResult][] = [];
  for (let index = 0; index < batch.length; index++) if (!skip(batch[index])) kept.push([batch[index], results[index]]);
  return kept;
}

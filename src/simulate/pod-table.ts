// The pods of one update-model run as parallel typed arrays indexed by run pod number: the
// pods of the group's nodes first, node by node, then each replacement as it is created.
// Typed arrays rather than arrays of numbers: they start at the size the run needs, their
// elements live outside the collected heap, and the young-generation collector has nothing
// in them to copy. What the model reads of a pod's snapshot entry (budget, workload, timings)
// is copied in when the pod is added: the run then reads a few small arrays in the order it
// drains nodes instead of the snapshot-wide ones in random order.
import type { PreparedCluster } from './cluster.js';

/** Pod phases. */
export const RUNNING = 0;
export const EVICTING = 1;
export const LEFT = 2;

export class PodTable {
  /** The snapshot pod each run pod is (or replaces): its labels, budgets, workload and timings. */
  origin: Int32Array;
  node: Int32Array;
  phase: Uint8Array;
  healthy: Uint8Array;
  /** Time of the eviction attempt already queued, so that wake-ups do not pile up; -1 none. */
  retryAt: Float64Array;
  /** Index of the pod's Delayed blocker in the run's list; -1 none. */
  blocker: Int32Array;
  /** The origin's PreparedCluster.podBudget, podWorkload, podDaemon, podGraceSeconds and podStartupSeconds. */
  budget: Int32Array;
  workload: Int32Array;
  daemon: Uint8Array;
  graceSeconds: Float64Array;
  startupSeconds: Float64Array;
  length = 0;

  constructor(
    private readonly cluster: PreparedCluster,
    capacity: number,
  ) {
    this.origin = new Int32Array(capacity);
    this.node = new Int32Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.healthy = new Uint8Array(capacity);
    this.retryAt = new Float64Array(capacity).fill(-1);
    this.blocker = new Int32Array(capacity).fill(-1);
    this.budget = new Int32Array(capacity);
    this.workload = new Int32Array(capacity);
    this.daemon = new Uint8Array(capacity);
    this.graceSeconds = new Float64Array(capacity);
    this.startupSeconds = new Float64Array(capacity);
  }

  /**
   * Appends the snapshot pods listed in `origins`, running and healthy on `node`; their
   * snapshot fields arrive with copyOrigins.
   */
  addRunning(origins: Int32Array, node: number): void {
    const first = this.length;
    this.reserve(first + origins.length);
    this.origin.set(origins, first);
    this.node.fill(node, first, first + origins.length);
    this.healthy.fill(1, first, first + origins.length);
    this.length = first + origins.length;
  }

  /**
   * Copies the snapshot fields of every pod added so far. One pass over all of them rather than
   * one per node: a loop of thousands is optimized while it runs, twenty at a time never is.
   */
  copyOrigins(): void {
    const { cluster } = this;
    for (let pod = 0; pod < this.length; pod++) {
      const origin = this.origin[pod];
      this.budget[pod] = cluster.podBudget[origin];
      this.workload[pod] = cluster.podWorkload[origin];
      this.daemon[pod] = cluster.podDaemon[origin];
      this.graceSeconds[pod] = cluster.podGraceSeconds[origin];
      this.startupSeconds[pod] = cluster.podStartupSeconds[origin];
    }
  }

  /** Appends the replacement of `pod`: the same origin, running but not ready, on the pod's node until placed; returns its number. */
  addReplacement(pod: number): number {
    const replacement = this.length;
    if (replacement === this.origin.length) this.reserve(replacement + 1);
    this.origin[replacement] = this.origin[pod];
    this.node[replacement] = this.node[pod];
    this.budget[replacement] = this.budget[pod];
    this.workload[replacement] = this.workload[pod];
    this.daemon[replacement] = this.daemon[pod];
    this.graceSeconds[replacement] = this.graceSeconds[pod];
    this.startupSeconds[replacement] = this.startupSeconds[pod];
    this.length = replacement + 1;
    return replacement;
  }

  private reserve(size: number): void {
    if (size <= this.origin.length) return;
    const capacity = Math.max(size, this.origin.length * 2);
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, empty: number): T => {
      const next = new (old.constructor as new (length: number) => T)(capacity);
      next.set(old);
      if (empty !== 0) next.fill(empty, old.length);
      return next;
    };
    this.origin = grow(this.origin, 0);
    this.node = grow(this.node, 0);
    this.phase = grow(this.phase, RUNNING);
    this.healthy = grow(this.healthy, 0);
    this.retryAt = grow(this.retryAt, -1);
    this.blocker = grow(this.blocker, -1);
    this.budget = grow(this.budget, 0);
    this.workload = grow(this.workload, 0);
    this.daemon = grow(this.daemon, 0);
    this.graceSeconds = grow(this.graceSeconds, 0);
    this.startupSeconds = grow(this.startupSeconds, 0);
  }
}

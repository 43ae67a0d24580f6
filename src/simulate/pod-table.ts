// The pods of one update-model run as parallel typed arrays indexed by run pod number: the
// pods of the group's nodes first, node by node, then each replacement as it is created.
// Typed arrays rather than arrays of numbers: they start at the size the run needs, their
// elements live outside the collected heap, and the young-generation collector has nothing
// in them to copy.

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
  length = 0;

  constructor(capacity: number) {
    this.origin = new Int32Array(capacity);
    this.node = new Int32Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.healthy = new Uint8Array(capacity);
    this.retryAt = new Float64Array(capacity).fill(-1);
    this.blocker = new Int32Array(capacity).fill(-1);
  }

  /** Appends the pods of `origins` (snapshot pod indices), running and healthy on `node`. */
  addRunning(origins: Int32Array, node: number): void {
    const first = this.length;
    this.reserve(first + origins.length);
    this.origin.set(origins, first);
    this.node.fill(node, first, first + origins.length);
    this.healthy.fill(1, first, first + origins.length);
    this.length = first + origins.length;
  }

  /** Appends a running pod that is not ready yet (a replacement); returns its number. */
  add(origin: number, node: number): number {
    const pod = this.length;
    if (pod === this.origin.length) this.reserve(pod + 1);
    this.origin[pod] = origin;
    this.node[pod] = node;
    this.length = pod + 1;
    return pod;
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
  }
}

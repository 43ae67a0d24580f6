// The update model's clock: events ordered by time, and events of equal time in the order they
// were queued, so that every run of the model gives the same answer.
import FlatQueue from 'flatqueue';

/** Event types; an event is one number, type × 2^26 + target (a pod or node index). */
export const WAVE = 0;
export const EVICT = 1;
export const GONE = 2;
export const READY = 3;
export const DEADLINE = 4;
export const TERMINATE = 5;
export const JOIN = 6;

const TARGET_BITS = 26;
const TARGET_MASK = 2 ** TARGET_BITS - 1;
/** A literal rather than 2 ** TARGET_BITS: code that has not been optimized yet calls pow() for it. */
const TYPE_SCALE = 67_108_864;
/** The priority is time × 2^30 + sequence: one number per event keeps the heap two flat arrays. */
const TIME_SCALE = 2 ** 30;
const INITIAL_CAPACITY = 1024;

/**
 * A binary heap (flatqueue) of events as plain numbers: O(log n) per push and pop, and no
 * object per event — millions of small objects cost more in GC than the model itself. The heap
 * is flatqueue's typed-array form (fixed capacity, doubled here when full): arrays of numbers
 * change representation as their values grow, and each change throws away optimized code.
 *
 * Events for the current time (a wave's evictions, forced deletions) skip the heap: they go to
 * a first-in-first-out list, which is already in priority order because its events share the
 * time and take rising sequence numbers. pop() takes the lower priority of the two heads, so
 * the order is exactly the one heap's, at O(1) for about a third of the events.
 */
export class EventQueue {
  private heap = new FlatQueue<number>(INITIAL_CAPACITY, Float64Array, Uint32Array);
  private soon = new Uint32Array(INITIAL_CAPACITY);
  private soonPriority = new Float64Array(INITIAL_CAPACITY);
  private soonHead = 0;
  private soonTail = 0;
  private sequence = 0;
  /** The time of the event popped last, in whole seconds. */
  now = 0;

  get length(): number {
    return this.heap.length + this.soonTail - this.soonHead;
  }

  push(time: number, type: number, target: number): void {
    const event = type * TYPE_SCALE + target;
    const priority = time * TIME_SCALE + this.sequence++;
    // Every event in the list has time === now, and now cannot pass it while it is queued.
    if (time === this.now) {
      if (this.soonTail === this.soon.length) this.growSoon();
      this.soon[this.soonTail] = event;
      this.soonPriority[this.soonTail++] = priority;
      return;
    }
    if (this.heap.length === this.heap.capacity) this.growHeap();
    this.heap.push(event, priority);
  }

  /** Removes the next event, moves `now` to its time and returns it (see eventType, eventTarget). */
  pop(): number {
    const head = this.soonHead;
    if (head < this.soonTail && (this.heap.length === 0 || this.soonPriority[head] < this.heap.values[0])) {
      if (++this.soonHead === this.soonTail) this.soonHead = this.soonTail = 0;
      return this.soon[head];
    }
    this.now = Math.floor(this.heap.values[0] / TIME_SCALE);
    return this.heap.pop()!;
  }

  /** Copies the heap's arrays as they are into a queue of twice the capacity: the heap order holds. */
  private growHeap(): void {
    const grown = new FlatQueue<number>(this.heap.capacity * 2, Float64Array, Uint32Array);
    (grown.ids as unknown as Uint32Array).set(this.heap.ids as unknown as Uint32Array);
    (grown.values as unknown as Float64Array).set(this.heap.values as unknown as Float64Array);
    grown.length = this.heap.length;
    this.heap = grown;
  }

  private growSoon(): void {
    const soon = new Uint32Array(this.soon.length * 2);
    const soonPriority = new Float64Array(this.soon.length * 2);
    soon.set(this.soon.subarray(this.soonHead, this.soonTail));
    soonPriority.set(this.soonPriority.subarray(this.soonHead, this.soonTail));
    this.soonTail -= this.soonHead;
    this.soonHead = 0;
    this.soon = soon;
    this.soonPriority = soonPriority;
  }
}

export function eventType(event: number): number {
  return event >>> TARGET_BITS;
}

export function eventTarget(event: number): number {
  return event & TARGET_MASK;
}

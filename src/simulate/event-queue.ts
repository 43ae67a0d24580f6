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
/** The priority is time × 2^30 + sequence: one number per event keeps the heap two flat arrays. */
const TIME_SCALE = 2 ** 30;

/**
 * A binary heap (flatqueue) of events as plain numbers: O(log n) per push and pop, and no
 * object per event — millions of small objects cost more in GC than the model itself.
 *
 * Events for the current time (a wave's evictions, forced deletions) skip the heap: they go to
 * a first-in-first-out list, which is already in priority order because its events share the
 * time and take rising sequence numbers. pop() takes the lower priority of the two heads, so
 * the order is exactly the one heap's, at O(1) for about a third of the events.
 */
export class EventQueue {
  private readonly heap = new FlatQueue<number>();
  private readonly soon: number[] = [];
  private readonly soonPriority: number[] = [];
  private soonHead = 0;
  private sequence = 0;
  /** The time of the event popped last, in whole seconds. */
  now = 0;

  get length(): number {
    return this.heap.length + this.soon.length - this.soonHead;
  }

  push(time: number, type: number, target: number): void {
    const event = type * 2 ** TARGET_BITS + target;
    const priority = time * TIME_SCALE + this.sequence++;
    // Every event in the list has time === now, and now cannot pass it while it is queued.
    if (time === this.now) {
      this.soon.push(event);
      this.soonPriority.push(priority);
    } else this.heap.push(event, priority);
  }

  /** Removes the next event, moves `now` to its time and returns it (see eventType, eventTarget). */
  pop(): number {
    const head = this.soonHead;
    if (head < this.soon.length && (this.heap.length === 0 || this.soonPriority[head] < this.heap.peekValue()!)) {
      const event = this.soon[head];
      if (++this.soonHead === this.soon.length) {
        this.soon.length = 0;
        this.soonPriority.length = 0;
        this.soonHead = 0;
      }
      return event;
    }
    this.now = Math.floor(this.heap.peekValue()! / TIME_SCALE);
    return this.heap.pop()!;
  }
}

export function eventType(event: number): number {
  return event >>> TARGET_BITS;
}

export function eventTarget(event: number): number {
  return event & TARGET_MASK;
}

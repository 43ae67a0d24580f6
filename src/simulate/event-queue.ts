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
 */
export class EventQueue {
  private readonly heap = new FlatQueue<number>();
  private sequence = 0;
  /** The time of the event popped last, in whole seconds. */
  now = 0;

  get length(): number {
    return this.heap.length;
  }

  push(time: number, type: number, target: number): void {
    this.heap.push(type * 2 ** TARGET_BITS + target, time * TIME_SCALE + this.sequence++);
  }

  /** Removes the next event, moves `now` to its time and returns it (see eventType, eventTarget). */
  pop(): number {
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

// The event queue's order is the model's determinism: by time, then by the order of pushing,
// whether an event went through the heap or the list of events for the current time.
import { describe, expect, it } from 'vitest';
import { EventQueue, eventTarget, eventType } from './event-queue.js';

/** A deterministic pseudo-random sequence (no Math.random: a failure must replay). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('event queue', () => {
  it('pops by time, then in push order, events at the current time included', () => {
    const queue = new EventQueue();
    queue.push(10, 2, 7);
    queue.push(0, 1, 1);
    queue.push(0, 3, 2);
    queue.push(5, 1, 3);
    const popped: [number, number, number][] = [];
    const pop = () => {
      const event = queue.pop();
      popped.push([queue.now, eventType(event), eventTarget(event)]);
    };
    pop();
    // At time 0, pushed after the queued (0, 3, 2): it comes after it.
    queue.push(0, 4, 9);
    pop();
    pop();
    pop();
    // At time 5, pushed after the (10, 2, 7) but earlier in time.
    queue.push(5, 6, 4);
    queue.push(10, 0, 5);
    while (queue.length > 0) pop();
    expect(popped).toEqual([
      [0, 1, 1],
      [0, 3, 2],
      [0, 4, 9],
      [5, 1, 3],
      [5, 6, 4],
      [10, 2, 7],
      [10, 0, 5],
    ]);
  });

  it('gives the order of a sort by (time, push order) over thousands of mixed pushes and pops', () => {
    const next = random(17);
    const queue = new EventQueue();
    const pending: { time: number; sequence: number; target: number }[] = [];
    let sequence = 0;
    let target = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 5_000; step++) {
      if (pending.length === 0 || next() < 0.55) {
        // Half of the pushes at the current time, the others up to 90 s later.
        const time = queue.now + (next() < 0.5 ? 0 : Math.floor(next() * 90));
        queue.push(time, step % 7, target);
        pending.push({ time, sequence: sequence++, target: target++ });
      } else {
        pending.sort((a, b) => a.time - b.time || a.sequence - b.sequence);
        const first = pending.shift()!;
        expected.push(first.target);
        popped.push(eventTarget(queue.pop()));
        expect(queue.now).toBe(first.time);
      }
      expect(queue.length).toBe(pending.length);
    }
    expect(popped).toEqual(expected);
  });

  it('keeps the order when both lists outgrow their first capacity', () => {
    const queue = new EventQueue();
    // 3,000 events at the current time (the list) and 3,000 later ones (the heap), interleaved.
    for (let target = 0; target < 6_000; target++) queue.push(target % 2 === 0 ? 0 : 6_000 - target, 1, target);
    const popped = Array.from({ length: 6_000 }, () => eventTarget(queue.pop()));
    // First the even targets at time 0 in push order, then the odd ones by time: target 5,999 at 1, 5,997 at 3...
    const expected = [...Array.from({ length: 3_000 }, (_, index) => 2 * index), ...Array.from({ length: 3_000 }, (_, index) => 5_999 - 2 * index)];
    expect(popped).toEqual(expected);
    expect(queue.length).toBe(0);
  });
});

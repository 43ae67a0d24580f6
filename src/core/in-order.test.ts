import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { inOrder, limitTo } from './in-order.js';

async function collect<R>(results: AsyncIterable<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const result of results) all.push(result);
  return all;
}

/** Work that sleeps `delay` ms, counting how many run at once. */
function sleeper() {
  const state = { running: 0, most: 0, started: [] as number[] };
  const work = async (delay: number) => {
    state.started.push(delay);
    state.most = Math.max(state.most, ++state.running);
    await sleep(delay);
    state.running--;
    return delay * 10;
  };
  return { state, work };
}

describe('inOrder', () => {
  it('yields results in the order of the items, whichever finishes first, with at most the limit running', async () => {
    const { state, work } = sleeper();
    expect(await collect(inOrder([30, 5, 20, 1, 10], limitTo(2), work, 8))).toEqual([300, 50, 200, 10, 100]);
    expect(state.most).toBe(2);
    expect(state.started).toEqual([30, 5, 20, 1, 10]);
  });

  it('starts the work when called, before anything is taken, up to `ahead` items past the one taken next', async () => {
    const { state, work } = sleeper();
    const results = inOrder([5, 5, 5, 5, 5], limitTo(8), work, 2);
    await sleep(20);
    // Both ran to the end while nobody took their results; the third waits for the first to be taken.
    expect(state.started).toEqual([5, 5]);
    const iterator = results[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 50, done: false });
    expect(state.started).toEqual([5, 5, 5]);
    expect(await collect({ [Symbol.asyncIterator]: () => iterator })).toEqual([50, 50, 50, 50]);
  });

  it('shares one limit between runs, taking turns in the order the work came', async () => {
    const { state, work } = sleeper();
    const limit = limitTo(2);
    const first = inOrder([20, 20, 20], limit, work, 8);
    const second = inOrder([1, 2], limit, work, 8);
    expect(await collect(second)).toEqual([10, 20]);
    expect(await collect(first)).toEqual([200, 200, 200]);
    expect(state.most).toBe(2);
    expect(state.started).toEqual([20, 20, 20, 1, 2]);
  });

  it('throws a failure in its turn, after the results before it, and never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    const seen: number[] = [];
    const work = async (item: number) => {
      if (item === 2) throw new Error('item 2 failed');
      await sleep(20);
      return item;
    };
    await expect(
      (async () => {
        for await (const result of inOrder([1, 2, 3], limitTo(3), work, 8)) seen.push(result);
      })(),
    ).rejects.toThrow('item 2 failed');
    await sleep(30);
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([1]);
    expect(unhandled).toEqual([]);
  });

  it('starts nothing more once stopped, and ends after what was started', async () => {
    const { state, work } = sleeper();
    const results = inOrder([5, 5, 5, 5], limitTo(1), work, 2);
    results.stop();
    expect(await collect(results)).toEqual([50, 50]);
    expect(state.started).toEqual([5, 5]);
  });

  it('runs one at a time when the limit is below one, and yields nothing for no items', async () => {
    const { state, work } = sleeper();
    expect(await collect(inOrder([3, 1, 2], limitTo(0), work, 8))).toEqual([30, 10, 20]);
    expect(state.most).toBe(1);
    expect(await collect(inOrder([], limitTo(4), async (item: number) => item, 8))).toEqual([]);
  });
});

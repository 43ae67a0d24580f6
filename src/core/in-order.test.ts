import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { inOrder } from './in-order.js';

async function collect<R>(results: AsyncGenerator<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('inOrder', () => {
  it('yields results in the order of the items, whichever finishes first, with at most `limit` running', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = async (delay: number) => {
      started.push(delay);
      most = Math.max(most, ++running);
      await sleep(delay);
      running--;
      return delay * 10;
    };
    expect(await collect(inOrder([30, 5, 20, 1, 10], 2, work))).toEqual([300, 50, 200, 10, 100]);
    expect(most).toBe(2);
    expect(started).toEqual([30, 5, 20, 1, 10]);
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
        for await (const result of inOrder([1, 2, 3], 3, work)) seen.push(result);
      })(),
    ).rejects.toThrow('item 2 failed');
    await sleep(30);
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([1]);
    expect(unhandled).toEqual([]);
  });

  it('runs one at a time when the limit is below one, and yields nothing for no items', async () => {
    expect(await collect(inOrder([3, 1, 2], 0, async (item) => item))).toEqual([3, 1, 2]);
    expect(await collect(inOrder([], 4, async (item: number) => item))).toEqual([]);
  });
});

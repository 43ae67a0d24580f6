// Work that waits on other processes (kubectl kustomize, helm template), run several at once,
// its results taken in the order the work was given, so that a scan's output does not depend on
// which process finished first.

/** Runs a task when one of a fixed number of places is free; runs shared by several inOrder calls. */
export type Limit = <R>(task: () => Promise<R>) => Promise<R>;

/** At most `count` (at least one) tasks running at once, the others started in the order they came. */
export function limitTo(count: number): Limit {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finished task hands its place straight to the next one waiting, so that a task that comes
  // meanwhile cannot take it too.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (task) => {
    if (running < Math.max(1, count)) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Results in the order of the items, the work already under way (see inOrder). */
export interface InOrder<R> extends AsyncIterable<R> {
  /** Starts no more work (ending what runs is the caller's part): for a scan that is abandoned. */
  stop(): void;
}

/**
 * Starts `work` on the items at once, each within `limit`, and yields the results in the order
 * of `items`, each as soon as it and those before it are done. Work goes on while the caller does
 * something else (a scan starts its kubectl and helm processes before it reads its files), but
 * at most `ahead` items past the one the caller takes next are started, so that results do not
 * pile up unread. A failure is thrown when its turn comes, as it would have been one item at a
 * time.
 */
export function inOrder<T, R>(items: readonly T[], limit: Limit, work: (item: T) => Promise<R>, ahead: number): InOrder<R> {
  const started: (Promise<R> | undefined)[] = [];
  let next = 0;
  let taken = 0;
  let stopped = false;
  const startMore = () => {
    while (!stopped && next < items.length && next < taken + Math.max(1, ahead)) {
      const item = items[next];
      const result = limit(() => work(item));
      // Awaited in its turn below; until then a failure must not count as unhandled.
      result.catch(() => undefined);
      started[next++] = result;
    }
  };
  startMore();
  return {
    stop() {
      stopped = true;
    },
    async *[Symbol.asyncIterator]() {
      try {
        while (taken < next) {
          const result = await started[taken]!;
          // Let go of it: the caller has it now.
          started[taken++] = undefined;
          startMore();
          yield result;
        }
      } finally {
        stopped = true;
      }
    },
  };
}

// Work that waits on other processes (kubectl kustomize, helm template), run several at once,
// its results taken in the order the work was given, so that a scan's output does not depend on
// which process finished first.

/**
 * Runs `work` on each item, up to `limit` at once, and yields the results in the order of
 * `items`, each as soon as it and those before it are done. A failure is thrown when its turn
 * comes, as it would have been one item at a time.
 */
export async function* inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  const startMore = () => {
    while (next < items.length && running.length < Math.max(1, limit)) {
      const result = work(items[next++]);
      // Awaited in its turn below; until then a failure must not count as unhandled.
      result.catch(() => undefined);
      running.push(result);
    }
  };
  startMore();
  while (running.length > 0) {
    const result = await running.shift()!;
    startMore();
    yield result;
  }
}

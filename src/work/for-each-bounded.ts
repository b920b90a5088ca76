/**
 * Runs `fn` over every item with at most `limit` running at once, pulling items from
 * the source only as workers free up: an async generator of pages (branches,
 * repositories) is walked lazily, never loaded whole, and never hammers GitHub with
 * more than `limit` requests in flight. Resolves when all are done; `fn` is expected to
 * handle its own errors (a rejection stops the walk at the next item).
 */
export async function forEachBounded<T>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in items
      ? items[Symbol.asyncIterator]()
      : toAsync(items as Iterable<T>)[Symbol.asyncIterator]();
  let failed = false;
  // Async generators queue concurrent `next()` calls, so workers can share one.
  const worker = async () => {
    for (let next = await iterator.next(); !next.done && !failed; next = await iterator.next()) {
      try {
        await fn(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Remembers the last `capacity` delivery ids, so a redelivered webhook is skipped.
 * Bounded, because a long-running app sees millions of deliveries; correctness
 * never depends on it (markers and skip-if-unchanged writes do that), it only
 * saves the API calls.
 */
export function createSeenDeliveries(capacity = 10_000) {
  const seen = new Set<string>();
  return {
    /** True the first time an id is offered, false for a repeat. */
    firstTime(id: string): boolean {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) seen.delete(seen.values().next().value!);
      return true;
    },
    /** Lets a repeat of `id` through again (a redelivery after the work failed). */
    forget(id: string): void {
      seen.delete(id);
    },
  };
}

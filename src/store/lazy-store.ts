import type { Store } from "./store.js";

/** How store jobs reach the database: opened on first use, so a start never waits on it. */
export type StoreAccess = () => Promise<Store>;

/**
 * Opens the store once, on first use, and tries again on the next use when opening
 * failed (the database was down at start): a record is delayed, never the app.
 */
export function lazyStore(open: () => Promise<Store>): StoreAccess {
  let opening: Promise<Store> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}

/**
 * Marks a database failure as worth retrying: the work runner retries what is marked
 * `transient`, with backoff. Every store failure is, because recording is never urgent
 * and a database that is down, restarting or failing over comes back; the runner's
 * attempt limit ends a failure that does not.
 */
export function transient(error: unknown): Error {
  const wrapped = new Error(
    `history store: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
  return Object.assign(wrapped, { transient: true });
}

/** Runs a write against the store, its failures marked for retry. */
export async function withStore<T>(store: StoreAccess, write: (s: Store) => Promise<T>) {
  try {
    return await write(await store());
  } catch (error) {
    throw transient(error);
  }
}

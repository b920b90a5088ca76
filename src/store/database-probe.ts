import type { Probe } from "../ops/readiness.js";
import type { StoreAccess } from "./lazy-store.js";
import type { Store } from "./store.js";

/** The message of whatever was thrown (a driver's errors may come from another realm). */
const reason = (error: unknown) => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(error);
};

/**
 * The database's readiness probe (`GET /readyz`, name `database`). Opening the store can
 * take longer than a probe may wait (PGlite compiles PostgreSQL's WebAssembly: 15–20 s
 * on a busy machine), so the probe starts the opening, answers "opening" at once while it
 * runs, and asks `select 1` of the open store from then on. An opening that failed is
 * tried again by the next probe, which reports why the last one failed meanwhile.
 */
export function databaseProbe(store: StoreAccess): Probe {
  let open: Store | undefined;
  let opening = false;
  let failure: string | undefined;
  return async () => {
    if (!open) {
      if (!opening) {
        opening = true;
        store().then(
          (s) => {
            open = s;
          },
          (error: unknown) => {
            failure = reason(error);
            opening = false;
          },
        );
      }
      throw new Error(failure ? `could not open the database: ${failure}` : "opening the database");
    }
    try {
      await open.db.query("select 1");
    } catch (error) {
      throw new Error(`the database did not answer: ${reason(error)}`, { cause: error });
    }
  };
}

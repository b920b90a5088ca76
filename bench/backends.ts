import { openDb, type Db } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { startPostgres } from "../test/kit/services.js";

/**
 * Runs `measure` on each history backend in turn, a migrated empty database each: the
 * embedded PGlite and a throwaway PostgreSQL server (stopped afterwards, whatever happens).
 */
export async function forEachBackend(
  measure: (name: string, db: Db) => Promise<void>,
): Promise<void> {
  const postgres = await startPostgres();
  try {
    const backends: Array<[string, () => Promise<Db>]> = [
      ["embedded (PGlite)", () => openDb({ dataDir: "memory://" })],
      ["PostgreSQL", () => openDb({ databaseUrl: postgres.url })],
    ];
    for (const [name, open] of backends) {
      const db = await open();
      try {
        await migrate(db);
        await measure(name, db);
      } finally {
        await db.close();
      }
    }
  } finally {
    await postgres.stop();
  }
}

import { openDb, type Db } from "./db.js";
import { migrate } from "./migrations.js";
import type { Period } from "./figures.js";
import { readHistory, type HistoryRange } from "./read-history.js";
import { readSummary } from "./read-summary.js";
import { createRecorder, type Recorder } from "./record.js";
import type { History } from "./rows.js";
import type { Summary } from "./summary.js";

/** The history database: the writes of {@link Recorder} and the reads of the figures. */
export interface Store extends Recorder {
  readonly db: Db;
  /** The rows of a period, for the pure figures (one repository's detail, the board). */
  history(range: HistoryRange): Promise<History>;
  /** `GET /andon/api/summary`: the figures computed by the database (`readSummary`). */
  summary(days: number, period: Period, canRead: (repo: string) => boolean): Promise<Summary>;
  close(): Promise<void>;
}

/** Wraps an open database (already migrated) as the store. */
export function createStore(db: Db): Store {
  return {
    db,
    ...createRecorder(db.query),
    history: (range) => readHistory(db.query, range),
    summary: (days, period, canRead) => readSummary(db.query, days, period, canRead),
    close: () => db.close(),
  };
}

/**
 * Opens the database the environment names and brings its schema up to date:
 * `DATABASE_URL` (PostgreSQL) or else PGlite in `ANDON_DATA_DIR` (default `./.andon`).
 */
export async function openStore(env: NodeJS.ProcessEnv): Promise<Store> {
  const db = await openDb({
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.ANDON_DATA_DIR ? { dataDir: env.ANDON_DATA_DIR } : {}),
  });
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return createStore(db);
}

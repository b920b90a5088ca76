import { mkdirSync } from "node:fs";

/** One row as the database returns it: column name → value. */
export type Row = Record<string, unknown>;

/** A parameterised statement: `$1`, `$2`… in `sql`, the values in `params`. */
export type Query = <R extends Row = Row>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * The whole query layer: plain parameterised SQL in PostgreSQL's dialect, run by either
 * backend. Why no ORM or query builder: the same SQL text runs unchanged on a PostgreSQL
 * server (`pg`) and on PGlite (PostgreSQL compiled to WebAssembly, in process), both work
 * on Node 20 with no native build, and the statements here are few enough to read whole.
 * `pg` and PGlite already speak `$n` parameters, so nothing is ever spliced into SQL.
 */
export interface Db {
  readonly kind: "postgres" | "embedded";
  query: Query;
  /** Runs `work` in one transaction on one connection (migrations, advisory locks). */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** `DATABASE_URL`: a PostgreSQL server. Without it, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** `ANDON_DATA_DIR` (default `./.andon`); `memory://` keeps nothing on disk (tests). */
  dataDir?: string;
}

/** Opens the history database that `env` names (see {@link OpenDbOptions}). */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openEmbedded(options.dataDir ?? "./.andon");
}

/** Connections per replica: as many as the board's read sends at once. */
const POOL_SIZE = 5;

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import("pg");
  // A server that accepts no connection (hung, partitioned) fails a query in 5 s instead
  // of queueing every later one behind it: records are retried, probes report it.
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    min: POOL_SIZE,
    connectionTimeoutMillis: 5_000,
  });
  // A dropped idle connection must not crash the process: the next query reconnects.
  pool.on("error", () => undefined);
  // Every connection opened now and kept (`min`): the board's read sends its queries at
  // once, and its first render would otherwise pay for opening them too.
  try {
    await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query("select 1")));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const query: Query = async (sql, params = []) =>
    (await pool.query(sql, params as unknown[])).rows;
  return {
    kind: "postgres",
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(async (sql, params = []) => {
          return (await client.query(sql, params as unknown[])).rows;
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(dataDir: string): Promise<Db> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  return {
    kind: "embedded",
    query: async (sql, params = []) => (await lite.query(sql, params as unknown[])).rows as never,
    transaction: (work) =>
      lite.transaction((tx) =>
        work(async (sql, params = []) => (await tx.query(sql, params as unknown[])).rows as never),
      ),
    close: () => lite.close(),
  };
}

import { openDb, type Db } from "../../src/store/db.js";
import { startPostgres, type RunningService } from "../kit/services.js";

/**
 * The two backends every store test runs against: a real PostgreSQL server and PGlite.
 * `fresh()` gives an empty database each time (a new PostgreSQL database on the one
 * server, the one PGlite emptied).
 */
export interface Backend {
  name: "postgres" | "embedded";
  start(): Promise<void>;
  fresh(): Promise<Db>;
  /** The URL of the last fresh PostgreSQL database (for a second connection). */
  url?: () => string;
  stop(): Promise<void>;
}

function postgresBackend(): Backend {
  let server: RunningService | undefined;
  let admin: Db | undefined;
  let count = 0;
  let last = "";
  const opened: Db[] = [];
  return {
    name: "postgres",
    async start() {
      server = await startPostgres();
      admin = await openDb({ databaseUrl: server.url });
    },
    async fresh() {
      const name = `andon_${++count}`;
      await admin!.query(`create database ${name}`);
      last = server!.url.replace(/\/postgres$/, `/${name}`);
      const db = await openDb({ databaseUrl: last });
      opened.push(db);
      return db;
    },
    url: () => last,
    async stop() {
      for (const db of opened) await db.close().catch(() => undefined);
      await admin?.close();
      await server?.stop();
    },
  };
}

/**
 * PGlite takes seconds to compile its WebAssembly, so one instance serves a test file:
 * `fresh()` empties it by dropping and recreating the schema.
 */
function embeddedBackend(): Backend {
  let db: Db | undefined;
  return {
    name: "embedded",
    async start() {
      db = await openDb({ dataDir: "memory://" });
    },
    async fresh() {
      await db!.query("drop schema public cascade");
      await db!.query("create schema public");
      return { ...db!, close: async () => undefined };
    },
    async stop() {
      await db?.close();
    },
  };
}

/** For `describe.each`: each backend by name. */
export const BACKENDS: Array<[string, () => Backend]> = [
  ["PostgreSQL", postgresBackend],
  ["PGlite", embeddedBackend],
];

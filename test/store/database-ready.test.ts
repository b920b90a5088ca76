import { afterEach, describe, expect, it } from "@jest/globals";
import type { AndonOptions } from "../../src/index.js";
import { lazyStore, type StoreAccess } from "../../src/store/lazy-store.js";
import { openStore } from "../../src/store/store.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { ciCompletedEvent, pullRequestEvent, pushEvent } from "../kit/payloads.js";
import { freePort, startPostgres, type PostgresService } from "../kit/services.js";

const ENV = { ANDON_SWEEP_INTERVAL: "0" };

let postgres: PostgresService | undefined;
let opened: StoreAccess | undefined;
afterEach(async () => {
  stopAndon();
  await (await opened?.().catch(() => undefined))?.close();
  await postgres?.stop();
  postgres = opened = undefined;
});

async function databaseProbe(h: Harness) {
  const { status, body } = await h.http("GET", "/readyz");
  const probes = (body as { probes: Array<{ name: string; error?: string }> }).probes;
  return { status, probe: probes.find((p) => p.name === "database") };
}

/** Andon with the store the environment names, opened as production opens it. */
async function andonWith(env: Record<string, string>, options: AndonOptions = {}) {
  opened = lazyStore(() => openStore(env));
  const h = await startAndon({ env: ENV, history: opened, ...options });
  return { h, history: opened };
}

describe("GET /readyz and the history database", () => {
  it("is not ready while the embedded store opens, without waiting for it, then ready", async () => {
    const { h, history } = await andonWith({ ANDON_DATA_DIR: "memory://" });

    // PGlite takes seconds to open: the probe answers at once, and starts the opening.
    expect(await databaseProbe(h)).toEqual({
      status: 503,
      probe: { name: "database", ok: false, error: "opening the database" },
    });
    await history();
    expect(await databaseProbe(h)).toEqual({
      status: 200,
      probe: { name: "database", ok: true },
    });
  }, 120_000);

  it("says why the database could not be opened", async () => {
    const port = await freePort();
    const { h, history } = await andonWith({
      DATABASE_URL: `postgres://andon@127.0.0.1:${port}/postgres`,
    });
    expect((await databaseProbe(h)).probe).toMatchObject({ error: "opening the database" });
    await expect(history()).rejects.toThrow(/ECONNREFUSED/);

    const { status, probe } = await databaseProbe(h);
    expect(status).toBe(503);
    expect(probe).toMatchObject({ ok: false });
    expect(probe?.error).toMatch(
      /^could not open the database: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
  });

  it("turns not ready when PostgreSQL stops; gates keep working, the record waits for it", async () => {
    postgres = await startPostgres();
    const server = postgres;
    const gates: Array<string | null | undefined> = [];
    let check = () => undefined as string | null | undefined;
    // A retry's wait: the first is where the outage ends (the server comes back).
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      gates.push(check());
      if (sleeps.push(ms) === 1) await server.resume();
    };
    const { h, history } = await andonWith({ DATABASE_URL: server.url }, { sleep });
    expect((await databaseProbe(h)).status).toBe(503);
    await history();
    expect(await databaseProbe(h)).toEqual({
      status: 200,
      probe: { name: "database", ok: true },
    });
    const { fake } = h;
    const repo = fake.repo("acme/shop");
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, fake.head(repo), "test", "success")));
    fake.push(repo, "feature", { files: { "src/a.ts": "export {};" } });
    const pull = fake.pull(repo, { headRef: "feature" });
    await h.send(pullRequestEvent(repo, pull));
    check = () => fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion;
    expect(check()).toBe("success");

    await server.halt();
    const down = await databaseProbe(h);
    expect(down.status).toBe(503);
    expect(down.probe?.error).toMatch(
      /^the database did not answer: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect((await h.http("GET", "/healthz")).status).toBe(200);

    // Main turns red: the PR's gate fails at once; recording the episode waits for the
    // database (the gate had failed when the record first waited), then lands once.
    const before = fake.head(repo);
    const broken = fake.push(repo, "main", { files: { "src/cart.ts": "bad" } });
    await h.send(pushEvent(repo, "main", before, broken.sha));
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));
    expect(check()).toBe("failure");
    expect(sleeps).toHaveLength(1);
    expect(gates).toEqual(["failure"]);
    const store = await history();
    expect(await store.db.query("select breaking_sha from red_episodes")).toEqual([
      { breaking_sha: broken.sha },
    ]);
    expect((await databaseProbe(h)).status).toBe(200);
  }, 120_000);
});

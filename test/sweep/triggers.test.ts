import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { openDb } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore, type Store } from "../../src/store/store.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { installationEvent, repositoriesAddedEvent } from "../kit/payloads.js";
import { jitterMs } from "../../src/sweep/jitter.js";
import { H, SWEEP_ENV, TOKEN, hoursAgo } from "../kit/sweep-scenario.js";

afterEach(stopAndon);

function staleOrg(fake: FakeGitHub) {
  const installation = fake.installation(7, "acme");
  const shop = fake.repo("acme/shop", { installationId: 7 });
  const api = fake.repo("acme/api", { installationId: 7 });
  const heads = {
    shop: fake.push(shop, "feature/old", { date: hoursAgo(fake, 48) }).sha,
    api: fake.push(api, "feature/old", { date: hoursAgo(fake, 48) }).sha,
  };
  return { installation, shop, api, heads };
}

describe("POST /andon/sweep", () => {
  it("starts a sweep of every installation with the right token, answering 202", async () => {
    const fake = new FakeGitHub();
    const { shop, heads } = staleOrg(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    const answer = await harness.http("POST", "/andon/sweep", { authorization: `Bearer ${TOKEN}` });
    await harness.idle();

    expect(answer).toEqual({
      status: 202,
      body: { message: "Sweep started", installations: 1, suspended: 0 },
    });
    expect(fake.commentsOn(shop, heads.shop)).toHaveLength(1);
  });

  it.each([
    ["a wrong token", { authorization: "Bearer not-the-token" }],
    ["a token of another scheme", { authorization: `Basic ${TOKEN}` }],
    ["no token", {}],
  ])("answers 401 to %s and sweeps nothing", async (_, headers) => {
    const fake = new FakeGitHub();
    staleOrg(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    const answer = await harness.http("POST", "/andon/sweep", headers);
    await harness.idle();

    expect(answer).toEqual({ status: 401, body: { message: "Bad credentials" } });
    expect(fake.requests).toEqual([]);
    expect(harness.sweeps).toEqual([]);
  });

  it("does not exist when ANDON_SWEEP_TOKEN is unset", async () => {
    const fake = new FakeGitHub();
    staleOrg(fake);
    const harness = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } }, fake);

    const answer = await harness.http("POST", "/andon/sweep", { authorization: "Bearer " });

    expect(answer.status).toBe(404);
    expect(fake.requests).toEqual([]);
  });

  it("answers 405 to anything but POST", async () => {
    const harness = await startAndon({ env: SWEEP_ENV });

    const answer = await harness.http("GET", "/andon/sweep", { authorization: `Bearer ${TOKEN}` });

    expect(answer.status).toBe(405);
  });
});

describe("installation events", () => {
  it("sweeps a new installation at once, with no stale-branch comment", async () => {
    const fake = new FakeGitHub();
    const { installation, shop, api, heads } = staleOrg(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await harness.send(installationEvent(installation, [shop, api]));

    expect(fake.commentsOn(shop, heads.shop)).toHaveLength(0);
    expect(fake.commentsOn(api, heads.api)).toHaveLength(0);
    expect(harness.sweeps).toEqual([
      expect.objectContaining({ job: "sweep:7", repos: 2, nagged: 0 }),
    ]);
  });

  it("sweeps only the repositories added to an installation", async () => {
    const fake = new FakeGitHub();
    const { installation, shop, api, heads } = staleOrg(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await harness.send(repositoriesAddedEvent(installation, [api]));

    expect(harness.sweeps).toEqual([expect.objectContaining({ repos: 1, nagged: 0 })]);
    expect(fake.commentsOn(api, heads.api)).toHaveLength(0);
    expect(fake.commentsOn(shop, heads.shop)).toHaveLength(0);
    expect(fake.count((r) => r.path.startsWith("/repos/acme/shop"))).toBe(0);
    expect(fake.count((r) => r.path.startsWith("/installation/repositories"))).toBe(0);
  });
});

describe("the in-process scheduler", () => {
  it("sweeps each installation once a day, at its own slot", async () => {
    const fake = new FakeGitHub(new Date("2026-11-25T00:00:00Z"));
    const { shop, heads } = staleOrg(fake);
    const harness = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "24h" } }, fake);
    const slot = jitterMs(7, 24 * H);

    await harness.timers.runDue();
    fake.advance(slot - 1);
    await harness.timers.runDue();
    await harness.idle();
    expect(harness.sweeps).toEqual([]);

    fake.advance(1);
    await harness.timers.runDue();
    await harness.idle();
    expect(harness.sweeps).toHaveLength(1);
    expect(fake.commentsOn(shop, heads.shop)).toHaveLength(1);

    fake.advance(24 * H);
    await harness.timers.runDue();
    await harness.idle();
    expect(harness.sweeps).toHaveLength(2);
    expect(fake.commentsOn(shop, heads.shop)).toHaveLength(2);
  });

  it("posts no stale-branch comment in an installation's first 24 hours", async () => {
    const fake = new FakeGitHub(new Date("2026-11-25T00:00:00Z"));
    fake.installation(7, "acme", false, fake.now.toISOString());
    const shop = fake.repo("acme/shop", { installationId: 7 });
    const head = fake.push(shop, "feature/old", { date: hoursAgo(fake, 48) }).sha;
    const harness = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "24h" } }, fake);
    const slot = jitterMs(7, 24 * H);

    await harness.timers.runDue();
    fake.advance(slot);
    await harness.timers.runDue();
    await harness.idle();
    expect(harness.sweeps).toEqual([expect.objectContaining({ repos: 1, nagged: 0 })]);
    expect(fake.commentsOn(shop, head)).toHaveLength(0);

    fake.advance(24 * H);
    await harness.timers.runDue();
    await harness.idle();
    expect(harness.sweeps).toHaveLength(2);
    expect(fake.commentsOn(shop, head)).toHaveLength(1);
  });

  describe("with the history store", () => {
    let store: Store;
    beforeAll(async () => {
      const db = await openDb({ dataDir: "memory://" });
      await migrate(db);
      store = createStore(db);
    }, 60_000);
    afterAll(() => store.close());

    it("leaves a repository added to the installation a quiet first day, the others nagged", async () => {
      const fake = new FakeGitHub(new Date("2026-11-25T00:00:00Z"));
      const { installation, shop, api, heads } = staleOrg(fake);
      const harness = await startAndon(
        { env: { ANDON_SWEEP_INTERVAL: "24h" }, history: async () => store },
        fake,
      );
      const slot = jitterMs(7, 24 * H);

      await harness.send(repositoriesAddedEvent(installation, [api]));
      await harness.idle();
      await harness.timers.runDue();
      fake.advance(slot);
      await harness.timers.runDue();
      await harness.idle();
      expect(harness.sweeps.at(-1)).toEqual(expect.objectContaining({ repos: 2, nagged: 1 }));
      expect(fake.commentsOn(shop, heads.shop)).toHaveLength(1);
      expect(fake.commentsOn(api, heads.api)).toHaveLength(0);

      fake.advance(24 * H);
      await harness.timers.runDue();
      await harness.idle();
      expect(fake.commentsOn(api, heads.api)).toHaveLength(1);
    });

    it("posts no stale-branch comment when the store cannot say which repositories are new", async () => {
      const fake = new FakeGitHub(new Date("2026-11-25T00:00:00Z"));
      const { shop, api, heads } = staleOrg(fake);
      const down = async (): Promise<Store> => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      };
      const harness = await startAndon(
        { env: { ANDON_SWEEP_INTERVAL: "24h" }, history: down },
        fake,
      );

      await harness.timers.runDue();
      fake.advance(jitterMs(7, 24 * H));
      await harness.timers.runDue();
      await harness.idle();
      expect(harness.sweeps.at(-1)).toEqual(expect.objectContaining({ repos: 2, nagged: 0 }));
      expect(fake.commentsOn(shop, heads.shop)).toHaveLength(0);
      expect(fake.commentsOn(api, heads.api)).toHaveLength(0);
    });
  });

  it("is off with ANDON_SWEEP_INTERVAL=0", async () => {
    const harness = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });

    expect(harness.timers.size).toBe(0);
  });
});

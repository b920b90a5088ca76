import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { openDb } from "../../src/store/db.js";
import { migrate, MIGRATIONS } from "../../src/store/migrations.js";
import { createStore, type Store } from "../../src/store/store.js";
import { summarize } from "../../src/store/summary.js";
import { BACKENDS, type Backend } from "./backends.js";

const range = (from: string, to: string, repo?: string) => ({
  from: new Date(from),
  to: new Date(to),
  ...(repo ? { repo } : {}),
});

const red = {
  repo: "acme/shop",
  installationId: 1,
  breakingSha: "b1",
  author: "mona",
  failingChecks: ["test (node 20)"],
  at: "2026-11-20T10:00:00.000Z",
  url: "https://github.com/acme/shop/commit/b1",
};
const green = {
  repo: "acme/shop",
  installationId: 1,
  breakingSha: "b1",
  fixingSha: "f1",
  fixingAuthor: "hubot",
  flaky: false,
  flippedChecks: [],
  at: "2026-11-20T11:30:00.000Z",
};

describe.each(BACKENDS)("the history store on %s", (_name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = make();
    await backend.start();
  }, 120_000);
  afterAll(() => backend.stop());

  async function freshStore(): Promise<Store> {
    const db = await backend.fresh();
    await migrate(db);
    return createStore(db);
  }

  it("migrates once, and a second start has nothing to do", async () => {
    const db = await backend.fresh();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query("select version from schema_migrations order by version");
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("migrates once when several replicas start at the same moment", async () => {
    // PGlite belongs to one process: its "replicas" are three callers sharing it.
    const shared = await backend.fresh();
    const replicas =
      backend.name === "postgres"
        ? await Promise.all([1, 2, 3].map(() => openDb({ databaseUrl: backend.url!() })))
        : [shared, shared, shared];
    const applied = await Promise.all(replicas.map((db) => migrate(db)));
    expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied.filter((a) => a.length === 0)).toHaveLength(2);
    if (backend.name === "postgres") await Promise.all(replicas.map((db) => db.close()));
  });

  it("records an episode once however often its red and green are recorded", async () => {
    const store = await freshStore();
    await Promise.all([store.recordRed(red), store.recordRed(red), store.recordGreen(green)]);
    await store.recordGreen(green);
    const history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.episodes).toEqual([
      {
        repo: "acme/shop",
        breakingSha: "b1",
        fixingSha: "f1",
        author: "mona",
        failingChecks: ["test (node 20)"],
        start: red.at,
        end: green.at,
        flaky: false,
        flippedChecks: [],
      },
    ]);
    expect(history.repositories).toEqual([
      { repo: "acme/shop", installationId: 1, firstSeen: red.at },
    ]);
  });

  it("completes an episode whose green was recorded before its red", async () => {
    const store = await freshStore();
    await store.recordGreen({ ...green, flaky: true, fixingSha: "b1", flippedChecks: ["e2e"] });
    let history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.episodes).toEqual([]); // no start yet: nothing to measure
    await store.recordRed(red);
    history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.episodes).toMatchObject([
      { start: red.at, end: green.at, flaky: true, flippedChecks: ["e2e"], author: "mona" },
    ]);
  });

  it("pairs a closure with its opening, once", async () => {
    const store = await freshStore();
    const closure = { repo: "acme/shop", installationId: 1, by: "lead", reason: "release" };
    await store.recordClosed({ ...closure, at: "2026-11-21T09:00:00.000Z" });
    await store.recordClosed({ ...closure, at: "2026-11-21T09:00:00.000Z" });
    const opening = { repo: "acme/shop", at: "2026-11-21T12:00:00.000Z", by: "qa" };
    expect(await store.recordOpened(opening)).toBe(true);
    expect(await store.recordOpened(opening)).toBe(true);
    expect(await store.recordOpened({ repo: "acme/none", at: opening.at, by: "qa" })).toBe(false);
    const history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.closures).toEqual([
      {
        repo: "acme/shop",
        by: "lead",
        at: "2026-11-21T09:00:00.000Z",
        reason: "release",
        openedBy: "qa",
        openedAt: "2026-11-21T12:00:00.000Z",
      },
    ]);
  });

  it("marks a merge made while red, whichever was recorded first", async () => {
    const store = await freshStore();
    const merge = {
      repo: "acme/shop",
      installationId: 1,
      mergeSha: "m1",
      author: "octocat",
      branchAgeHours: 5,
      letThrough: null,
    };
    await store.recordMerge({ ...merge, number: 7, mergedAt: "2026-11-20T10:30:00.000Z" });
    await store.recordMerge({ ...merge, number: 7, mergedAt: "2026-11-20T10:30:00.000Z" });
    await store.recordMerge({ ...merge, number: 8, mergedAt: "2026-11-20T12:00:00.000Z" });
    await store.recordRed(red);
    await store.recordGreen(green);
    const marked = await store.db.query(
      "select pr_number, merged_while_red from merges order by pr_number",
    );
    expect(marked).toEqual([
      { pr_number: 7, merged_while_red: true },
      { pr_number: 8, merged_while_red: false },
    ]);
    // The figures get them tallied, and only those of the period.
    const history = await store.history(range("2026-11-20T11:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.merges).toEqual([{ repo: "acme/shop", merges: 1, branchAgeHours: [5] }]);
  });

  it("keeps the newest snapshot of a day, and reads the newest day", async () => {
    const store = await freshStore();
    const snapshot = { repo: "acme/shop", installationId: 1, oldestBranchAgeHours: 30 };
    await store.recordSnapshot({
      ...snapshot,
      takenAt: "2026-11-23T23:00:00.000Z",
      tests: "no-tests",
      staleBranches: 4,
    });
    await store.recordSnapshot({
      ...snapshot,
      takenAt: "2026-11-24T08:00:00.000Z",
      tests: "ok",
      staleBranches: 2,
    });
    await store.recordSnapshot({
      ...snapshot,
      takenAt: "2026-11-24T06:00:00.000Z",
      tests: "no-ci",
      staleBranches: 9,
    });
    const history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.snapshots).toEqual([
      {
        repo: "acme/shop",
        day: "2026-11-24",
        tests: "ok",
        staleBranches: 2,
        oldestBranchAgeHours: 30,
        oldestBranch: null,
        oldestBranchAuthor: null,
      },
    ]);
    const rows = await store.db.query("select count(*)::int as n from daily_snapshots");
    expect(rows[0]!.n).toBe(2);
  });

  it("reports a red being confirmed by a re-run until it ends, the newest change winning", async () => {
    const store = await freshStore();
    const shop = { repo: "acme/shop", installationId: 1 };
    const period = range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z");
    const entry = async () =>
      summarize(await store.history(period), 24, period, () => true).repos[0];
    await store.recordConfirming({ ...shop, confirming: true, at: "2026-11-24T10:00:00.000Z" });
    expect((await store.history(period)).repositories).toEqual([
      {
        repo: "acme/shop",
        installationId: 1,
        firstSeen: "2026-11-24T10:00:00.000Z",
        confirmingSince: "2026-11-24T10:00:00.000Z",
      },
    ]);
    expect(await entry()).toMatchObject({ repo: "acme/shop", confirming: true });

    await store.recordConfirming({ ...shop, confirming: false, at: "2026-11-24T10:20:00.000Z" });
    // The start again, late (a retried job): it does not reopen what has ended.
    await store.recordConfirming({ ...shop, confirming: true, at: "2026-11-24T10:00:00.000Z" });
    expect((await store.history(period)).repositories[0]).not.toHaveProperty("confirmingSince");
    expect(await entry()).not.toHaveProperty("confirming");
  });

  it("keeps the oldest stale branch's name and head-commit author with the day's snapshot", async () => {
    const store = await freshStore();
    await store.recordSnapshot({
      repo: "acme/analytics",
      installationId: 1,
      takenAt: "2026-11-24T08:00:00.000Z",
      tests: "ok",
      staleBranches: 2,
      oldestBranchAgeHours: 63,
      oldestBranch: "experiment/new-charts",
      oldestBranchAuthor: "dee",
    });
    const history = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(history.snapshots).toEqual([
      {
        repo: "acme/analytics",
        day: "2026-11-24",
        tests: "ok",
        staleBranches: 2,
        oldestBranchAgeHours: 63,
        oldestBranch: "experiment/new-charts",
        oldestBranchAuthor: "dee",
      },
    ]);
  });

  it("reads only what overlaps the period, and one repository when asked", async () => {
    const store = await freshStore();
    await store.recordRed({ ...red, breakingSha: "old", at: "2026-10-01T00:00:00.000Z" });
    await store.recordGreen({ ...green, breakingSha: "old", at: "2026-10-01T01:00:00.000Z" });
    await store.recordRed({ ...red, breakingSha: "open", at: "2026-10-02T00:00:00.000Z" });
    await store.recordRed({ ...red, repo: "acme/api", at: "2026-11-20T00:00:00.000Z" });
    const all = await store.history(range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z"));
    expect(all.episodes.map((e) => `${e.repo}@${e.breakingSha}`)).toEqual([
      "acme/api@b1",
      "acme/shop@open",
    ]);
    const one = await store.history(
      range("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z", "acme/api"),
    );
    expect(one.repositories.map((r) => r.repo)).toEqual(["acme/api"]);
    expect(one.episodes.map((e) => e.breakingSha)).toEqual(["b1"]);
  });
});

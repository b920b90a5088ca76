import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { migrate } from "../../src/store/migrations.js";
import { createStore, type Store } from "../../src/store/store.js";
import { summarize } from "../../src/store/summary.js";
import { BACKENDS, type Backend } from "./backends.js";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso).toISOString();

/**
 * A month of seven repositories written through the recorder, chosen so that every branch
 * of the figures is taken: episodes that begin before the period, end after it or never,
 * overlap closures and each other; a repository first seen mid-period and one first seen
 * after it; a green recorded with no red; even and odd counts of restore times (a median
 * midway between two), times with seconds and milliseconds; merges with and without a
 * branch age, inside and outside the period; snapshots old, new and several on one day.
 */
async function month(store: Store): Promise<void> {
  const red = (repo: string, sha: string, when: string, author = "mona") =>
    store.recordRed({
      repo,
      installationId: 1,
      breakingSha: sha,
      author,
      failingChecks: [`test ${sha}`, "lint"],
      at: at(when),
      url: null,
    });
  const green = (repo: string, sha: string, when: string, flaky = false) =>
    store.recordGreen({
      repo,
      installationId: 1,
      breakingSha: sha,
      fixingSha: flaky ? sha : `${sha}-fix`,
      fixingAuthor: "hubot",
      flaky,
      flippedChecks: flaky ? ["lint"] : [],
      at: at(when),
    });
  const merge = (repo: string, number: number, when: string, age: number | null) =>
    store.recordMerge({
      repo,
      installationId: 1,
      number,
      mergeSha: `m${number}`,
      mergedAt: at(when),
      author: "mona",
      branchAgeHours: age,
      letThrough: null,
    });
  const snapshot = (repo: string, when: string, stale: number) =>
    store.recordSnapshot({
      repo,
      installationId: 1,
      takenAt: at(when),
      tests: stale % 2 ? "no-ci" : "ok",
      staleBranches: stale,
      oldestBranchAgeHours: stale * 24,
    });

  // acme/shop: seen long ago; red across the period's start, a flaky one, an episode
  // overlapping a closure, and red at the end.
  await store.seeRepository("acme/shop", 1, at("2026-09-01T00:00:00Z"));
  await red("acme/shop", "s1", "2026-10-28T22:00:00Z");
  await green("acme/shop", "s1", "2026-11-01T03:17:41.250Z");
  await red("acme/shop", "s2", "2026-11-05T10:00:00Z", "octocat");
  await green("acme/shop", "s2", "2026-11-05T10:07:00Z", true);
  await red("acme/shop", "s3", "2026-11-10T09:00:00Z");
  await store.recordClosed({
    repo: "acme/shop",
    installationId: 1,
    at: at("2026-11-10T08:00:00Z"),
    by: "lead",
    reason: "freeze",
  });
  await store.recordOpened({ repo: "acme/shop", at: at("2026-11-10T12:30:00Z"), by: "lead" });
  await green("acme/shop", "s3", "2026-11-10T13:00:00Z");
  await red("acme/shop", "s4", "2026-11-29T18:45:12.345Z", "bea");
  for (const [n, day, age] of [
    [1, "2026-10-20", 5],
    [2, "2026-11-02", 30.25],
    [3, "2026-11-03", null],
    [4, "2026-11-20", 0.5],
    [5, "2026-11-28", 71.75],
  ] as const)
    await merge("acme/shop", n, `${day}T12:00:00Z`, age);
  await snapshot("acme/shop", "2026-11-29T01:00:00Z", 3);
  await snapshot("acme/shop", "2026-11-29T05:00:00Z", 2);
  await snapshot("acme/shop", "2026-11-28T05:00:00Z", 9);

  // acme/api: first seen mid-period, closed at the end, four restores (even count).
  await store.seeRepository("acme/api", 1, at("2026-11-15T06:00:00Z"));
  for (const [sha, from, to] of [
    ["a1", "2026-11-16T10:00:00Z", "2026-11-16T10:07:00Z"],
    ["a2", "2026-11-17T10:00:00Z", "2026-11-17T10:08:30Z"],
    ["a3", "2026-11-18T10:00:00Z", "2026-11-18T11:00:00.001Z"],
    ["a4", "2026-11-19T10:00:00Z", "2026-11-19T10:00:01Z"],
  ] as const) {
    await red("acme/api", sha, from);
    await green("acme/api", sha, to);
  }
  await store.recordClosed({
    repo: "acme/api",
    installationId: 1,
    at: at("2026-11-27T00:00:00Z"),
    by: "lead",
    reason: "incident",
  });
  // A red being confirmed by a re-run: the summary says so in both paths.
  await store.recordConfirming({
    repo: "acme/api",
    installationId: 1,
    confirming: true,
    at: "2026-11-29T09:00:00Z",
  });
  await merge("acme/api", 7, "2026-11-20T00:00:00Z", 1.5);
  await merge("acme/api", 8, "2026-11-21T00:00:00Z", 2.5);
  await snapshot("acme/api", "2026-11-10T00:00:00Z", 4);

  // acme/web: two episodes still open, the later one named; a green with no red.
  await store.seeRepository("acme/web", 1, at("2026-10-01T00:00:00Z"));
  await red("acme/web", "w1", "2026-11-25T00:00:00Z");
  await red("acme/web", "w2", "2026-11-26T00:00:00Z", "bea");
  await green("acme/web", "w0", "2026-11-24T00:00:00Z");

  // acme/docs: quiet, green all along. acme/late: first seen after the period.
  await store.seeRepository("acme/docs", 1, at("2026-08-01T00:00:00Z"));
  await store.seeRepository("acme/late", 1, at("2026-12-05T00:00:00Z"));
  await red("acme/late", "l1", "2026-12-05T00:00:00Z");
  // acme/old: an episode and a closure long before any period here.
  await store.seeRepository("acme/old", 1, at("2026-06-01T00:00:00Z"));
  await red("acme/old", "o1", "2026-06-02T00:00:00Z");
  await green("acme/old", "o1", "2026-06-03T00:00:00Z");
  await merge("acme/old", 1, "2026-06-04T00:00:00Z", 9);
}

const periods = ["2026-11-30T00:00:00Z", "2026-11-10T12:00:00Z", "2026-12-01T06:30:00Z"].flatMap(
  (to) => [1, 7, 30, 90].map((days) => ({ to, days })),
);

const viewers: Array<[string, (repo: string) => boolean]> = [
  ["everyone's", () => true],
  ["a person's", (repo) => repo === "acme/shop" || repo === "acme/api"],
  ["one repository's", (repo) => repo === "acme/web"],
  ["nobody's", () => false],
];

describe.each(BACKENDS)("the database's summary on %s", (_name, make) => {
  let backend: Backend;
  let store: Store;
  beforeAll(async () => {
    backend = make();
    await backend.start();
    const db = await backend.fresh();
    await migrate(db);
    store = createStore(db);
    await month(store);
  }, 120_000);
  afterAll(() => backend.stop());

  it.each(viewers)(
    "equals the pure figures over the rows, for %s view of every period",
    async (_viewer, canRead) => {
      for (const { to, days } of periods) {
        const period = { from: new Date(Date.parse(to) - days * DAY), to: new Date(to) };
        const pure = summarize(await store.history(period), days, period, canRead);
        expect({ to, days, summary: await store.summary(days, period, canRead) }).toStrictEqual({
          to,
          days,
          summary: pure,
        });
      }
    },
  );

  it("takes every branch of the figures in the month (the comparison is not vacuous)", async () => {
    const to = new Date("2026-11-30T00:00:00Z");
    const period = { from: new Date(to.getTime() - 30 * DAY), to };
    const summary = await store.summary(30, period, () => true);
    expect(summary.repos.map((r) => [r.repo, r.state, r.breakingSha, r.staleBranches])).toEqual([
      ["acme/api", "closed", null, null],
      ["acme/docs", "green", null, null],
      ["acme/old", "green", null, null],
      ["acme/shop", "red", "s4", 2],
      ["acme/web", "red", "w2", null],
    ]);
    const shop = summary.repos.find((r) => r.repo === "acme/shop")!;
    expect(shop.failingChecks).toEqual(["test s4", "lint"]);
    expect(shop.redSince).toBe("2026-11-29T18:45:12.345Z");
    const api = summary.repos.find((r) => r.repo === "acme/api")!;
    // 7, 8.5, 60.0000167 and 0.0167 minutes: midway between 7 and 8.5.
    expect(api.restoreMinutes).toEqual({ median: 7.8, p90: 60 });
    expect(summary.installation).toMatchObject({ episodes: 9, flakyEpisodes: 1 });
  });
});

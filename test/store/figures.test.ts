import { describe, expect, it } from "@jest/globals";
import {
  coveredMs,
  figures,
  median,
  percentile,
  type Figures,
  type RepoRows,
} from "../../src/store/figures.js";
import type { ClosureRow, EpisodeRow, MergeTally } from "../../src/store/rows.js";
import { stateOf } from "../../src/store/summary.js";

const period = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-11T00:00:00Z") };
const H = 3_600_000;

const episode = (start: string, end: string | null, flaky = false): EpisodeRow => ({
  repo: "acme/shop",
  breakingSha: start,
  fixingSha: end ? "f" : null,
  author: "mona",
  failingChecks: ["test"],
  start,
  end,
  flaky,
  flippedChecks: flaky ? ["test"] : [],
});

const tally = (merges: number, branchAgeHours: number[]): MergeTally => ({
  repo: "acme/shop",
  merges,
  branchAgeHours,
});

const rows = (over: Partial<RepoRows> = {}): RepoRows => ({
  firstSeen: "2026-10-01T00:00:00.000Z",
  episodes: [],
  closures: [],
  merges: [],
  ...over,
});

const none: Figures = {
  greenPct: null,
  episodes: 0,
  flakyEpisodes: 0,
  restoreMinutes: { median: null, p90: null },
  mergesPerDay: null,
  mergedBranchAgeHours: { median: null },
};
const allGreen: Figures = { ...none, greenPct: 100, mergesPerDay: 0 };

describe("figures of one repository over ten days", () => {
  it.each<[string, RepoRows, Figures]>([
    [
      "a repository first seen after the period: nothing to measure",
      rows({ firstSeen: "2026-11-12T00:00:00Z" }),
      none,
    ],
    ["green all along, no merges", rows(), allGreen],
    [
      "one 12-hour episode",
      rows({ episodes: [episode("2026-11-02T00:00:00Z", "2026-11-02T12:00:00Z")] }),
      { ...allGreen, greenPct: 95, episodes: 1, restoreMinutes: { median: 720, p90: 720 } },
    ],
    [
      "first seen half-way: measured over five days only",
      rows({
        firstSeen: "2026-11-06T00:00:00Z",
        episodes: [episode("2026-11-07T00:00:00Z", "2026-11-08T00:00:00Z")],
      }),
      { ...allGreen, greenPct: 80, episodes: 1, restoreMinutes: { median: 1440, p90: 1440 } },
    ],
    [
      "red now: the open episode counts to the end, with no time to restore yet",
      rows({ episodes: [episode("2026-11-10T00:00:00Z", null)] }),
      { ...allGreen, greenPct: 90, episodes: 1 },
    ],
    [
      "a closure overlapping an episode: not green once, for the union",
      rows({
        episodes: [episode("2026-11-02T00:00:00Z", "2026-11-02T12:00:00Z")],
        closures: [
          {
            repo: "acme/shop",
            by: "lead",
            at: "2026-11-02T06:00:00Z",
            reason: null,
            openedBy: "lead",
            openedAt: "2026-11-02T18:00:00Z",
          },
        ],
      }),
      { ...allGreen, greenPct: 92.5, episodes: 1, restoreMinutes: { median: 720, p90: 720 } },
    ],
    [
      "an episode begun before the period: its red time counts, the episode does not",
      rows({ episodes: [episode("2026-10-31T12:00:00Z", "2026-11-01T12:00:00Z")] }),
      { ...allGreen, greenPct: 95 },
    ],
    [
      "a flaky episode counts among the episodes and on its own",
      rows({
        episodes: [
          episode("2026-11-03T00:00:00Z", "2026-11-03T00:30:00Z", true),
          episode("2026-11-04T00:00:00Z", "2026-11-04T01:30:00Z"),
        ],
      }),
      {
        ...allGreen,
        greenPct: 99.2,
        episodes: 2,
        flakyEpisodes: 1,
        restoreMinutes: { median: 60, p90: 90 },
      },
    ],
    [
      "merges per day, and the median age of the branches that have one",
      rows({ merges: [tally(5, [1, 2, 3, 10])] }),
      { ...allGreen, mergesPerDay: 0.5, mergedBranchAgeHours: { median: 2.5 } },
    ],
  ])("%s", (_name, repo, expected) => {
    expect(figures([repo], period)).toEqual(expected);
  });
});

describe("figures of an installation", () => {
  it("weighs each repository by the time it was measured", () => {
    const a = rows({
      episodes: [episode("2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z")],
      merges: [tally(2, [4, 6])],
    });
    const b = rows({
      firstSeen: "2026-11-06T00:00:00Z",
      merges: [tally(2, [8, 2])],
    });
    const unseen = rows({ firstSeen: "2026-12-01T00:00:00Z" });
    expect(figures([a, b, unseen], period)).toEqual({
      greenPct: 93.3, // (216 h + 120 h) of (240 h + 120 h)
      episodes: 1,
      flakyEpisodes: 0,
      restoreMinutes: { median: 1440, p90: 1440 },
      mergesPerDay: 0.4, // 4 merges over the 10 days since the first was seen
      mergedBranchAgeHours: { median: 5 },
    });
  });

  it("has nothing to measure with no repository", () => {
    expect(figures([], period)).toEqual(none);
  });
});

describe("median and percentile", () => {
  it.each<[number[], number | null, number | null]>([
    [[], null, null],
    [[7], 7, 7],
    [[3, 1], 2, 3],
    [[3, 1, 2], 2, 3],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5.5, 9],
    [Array.from({ length: 20 }, (_, i) => i + 1), 10.5, 18],
  ])("%j: median %p, p90 %p", (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 90)).toBe(p90);
  });
});

describe("covered time", () => {
  it.each<[string, Array<[number, number]>, number]>([
    ["nothing", [], 0],
    [
      "disjoint",
      [
        [1 * H, 2 * H],
        [3 * H, 5 * H],
      ],
      3 * H,
    ],
    [
      "overlapping and nested",
      [
        [1 * H, 4 * H],
        [2 * H, 3 * H],
        [3 * H, 6 * H],
      ],
      5 * H,
    ],
    [
      "clipped to the window",
      [
        [-5 * H, 1 * H],
        [9 * H, 20 * H],
      ],
      2 * H,
    ],
  ])("%s", (_name, intervals, expected) => {
    expect(coveredMs(intervals, 0, 10 * H)).toBe(expected);
  });
});

describe("the state at the end of a period [from, to)", () => {
  const closure = (at: string, openedAt: string | null): ClosureRow => ({
    repo: "acme/shop",
    at,
    by: "lead",
    reason: "freeze",
    openedBy: null,
    openedAt,
  });
  it.each<[string, EpisodeRow[], ClosureRow[], string]>([
    ["no episode", [], [], "green"],
    ["an episode still open", [episode("2026-11-10T00:00:00Z", null)], [], "red"],
    [
      "an episode that began exactly at the end",
      [episode("2026-11-11T00:00:00Z", null)],
      [],
      "green",
    ],
    [
      "an episode ended exactly at the end",
      [episode("2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z")],
      [],
      "green",
    ],
    [
      "an episode ending after the end",
      [episode("2026-11-10T00:00:00Z", "2026-11-11T00:00:01Z")],
      [],
      "red",
    ],
    [
      "a closure still open, while red too",
      [episode("2026-11-10T00:00:00Z", null)],
      [closure("2026-11-09T00:00:00Z", null)],
      "closed",
    ],
    ["a closure written exactly at the end", [], [closure("2026-11-11T00:00:00Z", null)], "green"],
  ])("%s", (_name, episodes, closures, state) => {
    expect(
      stateOf({ repo: "acme/shop", episodes, closures, snapshot: undefined }, period).state,
    ).toBe(state);
  });
});

import { describe, expect, it } from "@jest/globals";
import { boardSummary } from "../../src/board/board-summary.js";
import type { History } from "../../src/store/rows.js";

const TO = new Date("2026-11-25T12:00:00.000Z");
const PERIOD = { from: new Date("2026-11-18T12:00:00.000Z"), to: TO };

const HISTORY: History = {
  repositories: [
    { repo: "acme/shop", installationId: 1, firstSeen: "2026-11-01T00:00:00.000Z" },
    { repo: "acme/inventory", installationId: 1, firstSeen: "2026-11-01T00:00:00.000Z" },
    { repo: "globex/api", installationId: 2, firstSeen: "2026-11-01T00:00:00.000Z" },
  ],
  episodes: [
    {
      repo: "acme/shop",
      breakingSha: "a".repeat(40),
      fixingSha: "b".repeat(40),
      author: "bea",
      failingChecks: ["unit tests"],
      start: "2026-11-20T09:00:00.000Z",
      end: "2026-11-20T10:00:00.000Z",
      flaky: false,
      flippedChecks: [],
    },
    {
      repo: "acme/shop",
      breakingSha: "c".repeat(40),
      fixingSha: null,
      author: "gil",
      failingChecks: ["build"],
      start: "2026-11-25T11:00:00.000Z",
      end: null,
      flaky: false,
      flippedChecks: [],
    },
  ],
  closures: [
    {
      repo: "acme/inventory",
      by: "erin",
      at: "2026-11-25T11:10:00.000Z",
      reason: "release 4.2",
      openedBy: null,
      openedAt: null,
    },
  ],
  merges: [],
  snapshots: [
    {
      repo: "acme/shop",
      day: "2026-11-25",
      tests: "ok",
      staleBranches: 2,
      oldestBranchAgeHours: 70,
      oldestBranch: "experiment/new-charts",
      oldestBranchAuthor: "dee",
    },
  ],
};

describe("boardSummary", () => {
  it("is the API's summary plus each repository's episodes, closure and oldest stale branch", () => {
    const summary = boardSummary(HISTORY, 7, PERIOD, () => true);
    const shop = summary.repos.find((r) => r.repo === "acme/shop")!;
    expect(shop).toMatchObject({
      state: "red",
      breakingSha: "c".repeat(40),
      breakingAuthor: "gil",
      episodeList: [
        { start: "2026-11-20T09:00:00.000Z", end: "2026-11-20T10:00:00.000Z", flaky: false },
        { start: "2026-11-25T11:00:00.000Z", end: null, flaky: false },
      ],
      staleBranches: {
        count: 2,
        oldestHours: 70,
        oldestBranch: "experiment/new-charts",
        author: "dee",
      },
    });
    const inventory = summary.repos.find((r) => r.repo === "acme/inventory")!;
    expect(inventory).toMatchObject({
      state: "closed",
      closedBy: "erin",
      closedReason: "release 4.2",
      closedAt: "2026-11-25T11:10:00.000Z",
      episodeList: [],
    });
  });

  it("leaves out every repository the viewer cannot read, from the figures too", () => {
    const summary = boardSummary(HISTORY, 7, PERIOD, (repo) => repo === "acme/inventory");
    expect(summary.repos.map((r) => r.repo)).toEqual(["acme/inventory"]);
    expect(summary.installation.episodes).toBe(0);
  });
});

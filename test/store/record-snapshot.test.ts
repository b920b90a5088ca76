import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import type { StaleScan } from "../../src/integration/nag-stale-branches.js";
import { staleFiguresOf } from "../../src/store/record-snapshot.js";

const HOUR = 3_600_000;

function stale(branch: string, hours: number, author: { login?: string; name: string }) {
  return {
    repo: { owner: "acme", repo: "analytics" },
    branch,
    mainline: "main",
    config: DEFAULT_CONFIG.integration,
    age: {
      ageMs: hours * HOUR,
      oldestSha: "a".repeat(40),
      oldestAt: "2026-11-22T17:00:00Z",
      ahead: 1,
      behind: 3,
      complete: true,
    },
    head: {
      sha: "b".repeat(40),
      committedAt: "2026-11-22T17:00:00Z",
      authorName: author.name,
      ...(author.login ? { authorLogin: author.login } : {}),
    },
  };
}

const scan = (...branches: ReturnType<typeof stale>[]): StaleScan => ({
  branches: branches.length + 1,
  stale: branches,
  skipped: {},
});

describe("staleFiguresOf", () => {
  it.each([
    [
      "no stale branch",
      scan(),
      {
        staleBranches: 0,
        oldestBranchAgeHours: null,
        oldestBranch: null,
        oldestBranchAuthor: null,
      },
    ],
    [
      "the oldest of several, with its head commit's login",
      scan(
        stale("feature/x", 30, { login: "ana", name: "Ana Alvarez" }),
        stale("experiment/new-charts", 63.456, { login: "dee", name: "Dee Dubois" }),
        stale("fix/y", 40, { login: "bea", name: "Bea Breaker" }),
      ),
      {
        staleBranches: 3,
        oldestBranchAgeHours: 63.46,
        oldestBranch: "experiment/new-charts",
        oldestBranchAuthor: "dee",
      },
    ],
    [
      "the git name when GitHub matched no account to the commit",
      scan(stale("old", 50, { name: "Build Bot" })),
      {
        staleBranches: 1,
        oldestBranchAgeHours: 50,
        oldestBranch: "old",
        oldestBranchAuthor: "Build Bot",
      },
    ],
  ])("%s", (_name, input, expected) => {
    expect(staleFiguresOf(input)).toEqual(expected);
  });
});

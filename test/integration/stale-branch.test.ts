import { describe, expect, it } from "@jest/globals";
import { integrationSchema } from "../../src/config/schema.js";
import type { BranchAge } from "../../src/integration/branch-age.js";
import { staleComment } from "../../src/integration/stale-comment.js";
import {
  headFromComparison,
  orderNags,
  skipByAge,
  skipByName,
  skipByPriorNags,
  type BranchHead,
  type StaleBranch,
} from "../../src/integration/stale-branch.js";
import type { PriorNag } from "../../src/integration/stale-markers.js";

const H = 3_600_000;
const NOW = new Date("2024-05-10T06:00:00Z");

const stale: BranchAge = {
  ageMs: 76 * H,
  oldestSha: "9f2c1e4b7a6d5c3b2a1f0e9d8c7b6a5f4e3d2c1b",
  oldestAt: "2024-05-07T02:00:00.000Z",
  ahead: 12,
  behind: 40,
  complete: true,
};

const HEAD: BranchHead = {
  sha: "3b18e512dba79e4c8300dd08aeb37f8e728b8dad",
  committedAt: "2024-05-09T17:00:00Z",
  authorLogin: "ada",
  authorName: "Ada Lovelace",
};

interface Case {
  branch?: string;
  cfg?: object;
  age?: BranchAge | undefined;
  head?: BranchHead;
  priorNags?: PriorNag[];
}

/** The three questions in the order the sweep asks them: "nag", or why not. */
function verdict({
  branch = "feature/checkout",
  cfg = {},
  head = HEAD,
  priorNags = [],
  ...rest
}: Case) {
  const config = integrationSchema.parse(cfg);
  const age = "age" in rest ? rest.age : stale;
  return (
    skipByName(branch, "main", config) ??
    skipByAge(age, head, config, NOW) ??
    skipByPriorNags(priorNags, config, NOW) ??
    "nag"
  );
}

function staleBranch(overrides: Partial<StaleBranch> & { cfg?: object } = {}): StaleBranch {
  const { cfg = {}, ...rest } = overrides;
  return {
    repo: { owner: "acme", repo: "shop" },
    branch: "feature/checkout",
    mainline: "main",
    config: integrationSchema.parse(cfg),
    age: stale,
    head: HEAD,
    ...rest,
  };
}

const nags = (...createdAt: string[]) =>
  createdAt.map((at) => ({ day: at.slice(0, 10), createdAt: at }));
const head = (committedAt: string) => ({ ...HEAD, committedAt });

describe("whether a branch is nagged", () => {
  it.each<[string, Case, string]>([
    ["nags a stale branch that was never nagged", {}, "nag"],
    [
      "leaves a repository alone that turned integration off",
      { cfg: { enabled: false } },
      "disabled",
    ],
    ["never nags the mainline", { branch: "main" }, "mainline"],
    ["skips a branch matching ignoreBranches", { branch: "release/2024.05" }, "ignored"],
    ["skips a branch with nothing that is not on main", { age: undefined }, "not-ahead"],
    ["skips a branch within maxAgeHours", { age: { ...stale, ageMs: 20 * H } }, "fresh"],
    ["skips a branch exactly at maxAgeHours", { age: { ...stale, ageMs: 24 * H } }, "fresh"],
    ["honours a longer maxAgeHours", { cfg: { maxAgeHours: 96 } }, "fresh"],
    ["leaves an abandoned branch alone", { head: head("2024-04-10T05:59:59Z") }, "abandoned"],
    [
      "still nags a head exactly abandonedAfterDays old",
      { head: head("2024-04-10T06:00:00Z") },
      "nag",
    ],
    ["honours a shorter abandonedAfterDays", { cfg: { abandonedAfterDays: 0.5 } }, "abandoned"],
    [
      "stops after maxNags on an unchanged head",
      { priorNags: nags("2024-05-06T06:00:00Z", "2024-05-07T06:00:00Z", "2024-05-08T06:00:00Z") },
      "max-nags",
    ],
    ["never nags when maxNags is 0", { cfg: { maxNags: 0 } }, "max-nags"],
    [
      "waits nagEveryHours after the last nag",
      { priorNags: nags("2024-05-09T09:00:00Z") },
      "nagged-recently",
    ],
    [
      "nags again a day later, even a few seconds short of 24h",
      { priorNags: nags("2024-05-09T06:00:30Z") },
      "nag",
    ],
    [
      "never posts a second marker for the same day, whatever nagEveryHours",
      { cfg: { nagEveryHours: 1 }, priorNags: nags("2024-05-10T00:10:00Z") },
      "nagged-recently",
    ],
    [
      "honours a longer nagEveryHours",
      { cfg: { nagEveryHours: 72 }, priorNags: nags("2024-05-08T06:00:00Z") },
      "nagged-recently",
    ],
  ])("%s", (_behaviour, input, expected) => {
    expect(verdict(input)).toBe(expected);
  });
});

describe("staleComment", () => {
  it("starts with the marker of the branch and today's UTC date", () => {
    expect(staleComment(staleBranch(), 0, NOW)).toMatch(
      /^<!-- andon:stale:feature\/checkout:2024-05-10 -->\n/,
    );
  });

  it("counts the reminders on this head", () => {
    expect(staleComment(staleBranch(), 2, NOW)).toContain("reminder 3 of at most 3");
  });

  it("mentions the head commit's author and says what to do", () => {
    expect(staleComment(staleBranch(), 0, NOW)).toMatchInlineSnapshot(`
     "<!-- andon:stale:feature/checkout:2024-05-10 -->

     @ada, the branch \`feature/checkout\` has not reached \`main\` for **3d 4h** (the limit is 24h). It is 12 commits ahead and 40 behind \`main\`; its oldest commit not on \`main\` is 9f2c1e4, committed 2024-05-07.

     Integrating with the mainline at least once a day keeps every merge small and every conflict cheap.
     The longer a branch lives, the further it drifts from what everyone else is building — and the bigger and riskier its merge.

     **What to do**
     - **Merge what is ready.** Land the finished part on \`main\` now and carry on in a new branch.
     - **Split it** into smaller pull requests that can each reach \`main\` today.
     - **Hide unfinished work behind a feature flag**, so it can merge switched off and be switched on when done.
     - Merging \`main\` into the branch takes in the 40 commits it is behind, but does not reset its age: only reaching \`main\` does.
     - If the branch is no longer needed, delete it.

     <sub>Andon reminder 1 of at most 3 while \`feature/checkout\` stays at 3b18e51. Settings: \`integration\` in \`.github/andon.yml\`.</sub>"
    `);
  });

  it("names an author GitHub does not know without mentioning anyone", () => {
    const { authorLogin: _login, ...unknown } = HEAD;
    const body = staleComment(
      staleBranch({
        head: { ...unknown, authorName: "Grace *ops* @hopper" },
        age: { ...stale, ahead: 1, behind: 1, complete: false },
      }),
      0,
      NOW,
    );
    // The name's "@" is followed by a zero-width space: shown, but no mention.
    expect(body).not.toMatch(/@\w/);
    expect(body.replaceAll("\u200b", "<ZWSP>")).toMatchInlineSnapshot(`
     "<!-- andon:stale:feature/checkout:2024-05-10 -->

     Grace \\*ops\\* @<ZWSP>hopper, the branch \`feature/checkout\` has not reached \`main\` for **at least 3d 4h** (the limit is 24h). It is 1 commit ahead and 1 behind \`main\`; its oldest commit not on \`main\` is 9f2c1e4, committed 2024-05-07.

     Integrating with the mainline at least once a day keeps every merge small and every conflict cheap.
     The longer a branch lives, the further it drifts from what everyone else is building — and the bigger and riskier its merge.

     **What to do**
     - **Merge what is ready.** Land the finished part on \`main\` now and carry on in a new branch.
     - **Split it** into smaller pull requests that can each reach \`main\` today.
     - **Hide unfinished work behind a feature flag**, so it can merge switched off and be switched on when done.
     - Merging \`main\` into the branch takes in the 1 commit it is behind, but does not reset its age: only reaching \`main\` does.
     - If the branch is no longer needed, delete it.

     <sub>Andon reminder 1 of at most 3 while \`feature/checkout\` stays at 3b18e51. Settings: \`integration\` in \`.github/andon.yml\`.</sub>"
    `);
  });
});

describe("headFromComparison", () => {
  const commit = (sha: string, login: string | null, name: string, date: string) => ({
    sha,
    commit: { author: { name, date }, committer: { name: "GitHub", date } },
    author: login ? { login } : null,
  });
  const commits = [
    commit("aaa", "grace", "Grace Hopper", "2024-05-07T02:00:00Z"),
    commit("bbb", null, "Ada Lovelace", "2024-05-09T17:00:00Z"),
  ];

  it.each([
    [
      "aaa",
      {
        sha: "aaa",
        committedAt: "2024-05-07T02:00:00Z",
        authorLogin: "grace",
        authorName: "Grace Hopper",
      },
    ],
    ["bbb", { sha: "bbb", committedAt: "2024-05-09T17:00:00Z", authorName: "Ada Lovelace" }],
    ["ccc", undefined],
  ])("reads head %p off the compared commits", (sha, expected) => {
    expect(headFromComparison(commits, sha)).toEqual(expected);
  });
});

describe("orderNags", () => {
  const branch = (repo: string, name: string, hours: number) => ({
    repo: { owner: "acme", repo },
    branch: name,
    age: { ...stale, ageMs: hours * H },
  });
  const found = [
    branch("shop", "feature/cart", 30),
    branch("api", "spike/grpc", 200),
    branch("web", "redesign", 90),
    branch("shop", "feature/apple-pay", 90),
    branch("api", "feature/v2", 90),
  ];
  const label = (b: { repo: { repo: string }; branch: string }) => `${b.repo.repo}#${b.branch}`;

  it("puts the oldest branches first, by repository then branch on ties", () => {
    expect(orderNags(found).map(label)).toEqual([
      "api#spike/grpc",
      "api#feature/v2",
      "shop#feature/apple-pay",
      "web#redesign",
      "shop#feature/cart",
    ]);
  });

  it("gives the same order whatever order the branches were found in", () => {
    expect(orderNags([...found].reverse()).map(label)).toEqual(orderNags(found).map(label));
  });
});

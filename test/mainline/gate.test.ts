import { describe, expect, it } from "@jest/globals";
import type { RevertFinding } from "../../src/mainline/true-revert.js";
import { DEFAULT_CONFIG, type MainlineConfig } from "../../src/config/schema.js";
import { judgeGate, type GatePullRequest } from "../../src/mainline/gate.js";
import type { MainlineJudgement } from "../../src/mainline/mainline-state.js";
import { MONA, at, sha } from "./fixtures.js";

const now = new Date(at(6.2));

const red: MainlineJudgement = {
  state: "red",
  headSha: sha("e5d4c3b"),
  decidingSha: sha("d4c3b2a"),
  failing: [
    {
      name: "test (20.x)",
      url: "https://github.com/acme/shop/actions/runs/9123456789/job/25010203040",
    },
    {
      name: "continuous-integration/jenkins/branch",
      url: "https://jenkins.acme.dev/job/shop/job/main/413/display/redirect",
    },
  ],
  episode: {
    breakingSha: sha("3f9c2e1"),
    breakingAuthor: MONA,
    since: at(3),
    failing: [],
    startKnown: true,
  },
  episodeSource: "history",
};
const green: MainlineJudgement = {
  state: "green",
  headSha: sha("e5d4c3b"),
  decidingSha: sha("e5d4c3b"),
};

const pr: GatePullRequest = {
  number: 482,
  title: "Add gift cards to checkout",
  labels: ["enhancement"],
  baseRef: "main",
  headSha: sha("9a8b7c6"),
};

function gate(
  overrides: Partial<GatePullRequest>,
  mainline: MainlineJudgement = red,
  config: Partial<MainlineConfig> = {},
) {
  return judgeGate({
    pr: { ...pr, ...overrides },
    defaultBranch: "main",
    mainline,
    config: { ...DEFAULT_CONFIG.mainline, ...config },
    now,
  });
}

const trueRevert: RevertFinding = { revert: true, commits: [sha("3f9c2e1")] };
const notRevert: RevertFinding = {
  revert: false,
  differences: ["it changes `src/extra.ts`, which no commit since the last green one changed"],
};

describe("judgeGate", () => {
  it("blocks a PR into a red main, says who broke it and the two ways through", () => {
    expect(gate({})).toMatchInlineSnapshot(`
     {
       "conclusion": "failure",
       "summary": "**\`main\` is red, so merges into it are on hold.** This is not about your changes. Commit 3f9c2e1 by @monalisa broke the build 3h 12m ago (2024-05-14 09:00 UTC).

     Until \`main\` is green again only the fix goes in: a broken mainline is the whole team's first priority.

     ### Failing on main

     Checks failing on d4c3b2a, the newest finished commit:

     - [test (20.x)](https://github.com/acme/shop/actions/runs/9123456789/job/25010203040)
     - [continuous-integration/jenkins/branch](https://jenkins.acme.dev/job/shop/job/main/413/display/redirect)

     ### Two ways through

     1. **Revert** 3f9c2e1: a PR whose changes exactly undo commits that landed on the mainline since its last green commit (every file it touches ends as it was before them, and it touches nothing else) passes this check. GitHub's Revert button, or \`git revert 3f9c2e1\`, makes one; the title alone does not.
     2. **Fix forward**: open the fix as a PR labelled \`fix-build\`; it passes this check.

     This PR passes as soon as \`main\` is green again: Andon re-checks every open PR when it turns green.",
       "title": "main is red for 3h 12m since 3f9c2e1",
     }
    `);
  });

  it.each<
    [string, Partial<GatePullRequest>, MainlineJudgement, Partial<MainlineConfig>, string, string]
  >([
    [
      "lets a PR into another branch pass",
      { baseRef: "release/2.4" },
      red,
      {},
      "success",
      "Not a mainline PR",
    ],
    [
      "lets the PR labelled as the fix through",
      { labels: ["enhancement", "fix-build"] },
      red,
      {},
      "success",
      "main is red; this PR lets the fix through (labelled `fix-build`)",
    ],
    [
      "honours a custom fix label",
      { labels: ["hotfix"] },
      red,
      { fixLabel: "hotfix" },
      "success",
      "main is red; this PR lets the fix through (labelled `hotfix`)",
    ],
    [
      "lets a true revert through",
      { title: "Back out gift cards", revert: trueRevert },
      red,
      {},
      "success",
      "main is red; this PR lets the fix through (a true revert of 3f9c2e1)",
    ],
    [
      "never lets a title alone through",
      { title: 'Revert "Add gift cards to checkout"' },
      red,
      {},
      "failure",
      "main is red for 3h 12m since 3f9c2e1",
    ],
    [
      "blocks a PR titled as a revert that is not a true one",
      { title: 'Revert "Add gift cards to checkout"', revert: notRevert },
      red,
      {},
      "failure",
      "main is red for 3h 12m since 3f9c2e1",
    ],
    [
      "blocks a true revert when reverts are not allowed",
      { title: 'Revert "Add gift cards to checkout"', revert: trueRevert },
      red,
      { allowReverts: false },
      "failure",
      "main is red for 3h 12m since 3f9c2e1",
    ],
    [
      "does not take a title that merely mentions a revert for one",
      { title: "Revert the gift card copy change" },
      red,
      {},
      "failure",
      "main is red for 3h 12m since 3f9c2e1",
    ],
    [
      "says 'at least' when the episode began before the history Andon read",
      {},
      { ...red, episode: { ...red.episode, startKnown: false } },
      {},
      "failure",
      "main is red for at least 3h 12m since 3f9c2e1",
    ],
    ["passes every PR while main is green", {}, green, {}, "success", "main is green"],
    [
      "stays neutral before main's first build finishes",
      {},
      { state: "pending", headSha: sha("e5d4c3b") },
      {},
      "neutral",
      "main's first build is still running",
    ],
    [
      "stays neutral when main has no CI",
      {},
      { state: "none", headSha: sha("e5d4c3b") },
      {},
      "neutral",
      "main has no CI to judge",
    ],
    [
      "answers success when the gate is turned off, so a required check never hangs",
      {},
      red,
      { enabled: false },
      "success",
      "disabled in .github/andon.yml",
    ],
  ])("%s", (_behaviour, prOverrides, mainline, config, conclusion, title) => {
    expect(gate(prOverrides, mainline, config)).toMatchObject({ conclusion, title });
  });

  it("offers only the labelled fix when reverts are not allowed", () => {
    const { summary } = gate({}, red, { allowReverts: false });
    expect(summary).toContain("### The way through");
    expect(summary).not.toContain("**Revert**");
  });

  it("says what differs when a PR titled as a revert is not a true one", () => {
    const { summary } = gate({ title: 'Revert "Add gift cards"', revert: notRevert }, red, {});
    expect(summary).toContain("### Not a true revert");
    expect(summary).toContain(
      "- it changes `src/extra.ts`, which no commit since the last green one changed",
    );
  });

  it("describes only real ways through: a true revert or the fix label, never a title", () => {
    const { summary } = gate({}, red, {});
    expect(summary).toContain("exactly undo commits that landed on the mainline");
    expect(summary).toContain("the title alone does not");
    expect(summary).not.toMatch(/title starts with/);
  });
});

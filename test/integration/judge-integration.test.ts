import { describe, expect, it } from "@jest/globals";
import { integrationSchema } from "../../src/config/schema.js";
import type { BranchAge } from "../../src/integration/branch-age.js";
import { judgeIntegration } from "../../src/integration/judge-integration.js";

const H = 3_600_000;
const config = integrationSchema.parse({});

function age(hours: number, overrides: Partial<BranchAge> = {}): BranchAge {
  return {
    ageMs: hours * H,
    oldestSha: "9f2c1e4b7a6d5c3b2a1f0e9d8c7b6a5f4e3d2c1b",
    oldestAt: "2024-05-07T08:00:00.000Z",
    ahead: 12,
    behind: 40,
    complete: true,
    ...overrides,
  };
}

describe("judgeIntegration", () => {
  it.each([
    { behaviour: "passes a branch within maxAgeHours", hours: 5, cfg: {}, conclusion: "success" },
    {
      behaviour: "passes a branch exactly at the limit",
      hours: 24,
      cfg: {},
      conclusion: "success",
    },
    {
      behaviour: "warns about an older branch by default",
      hours: 24.01,
      cfg: {},
      conclusion: "neutral",
    },
    {
      behaviour: "blocks an older branch when configured to",
      hours: 76,
      cfg: { conclusion: "failure" },
      conclusion: "failure",
    },
    {
      behaviour: "honours a longer maxAgeHours",
      hours: 47,
      cfg: { maxAgeHours: 48 },
      conclusion: "success",
    },
  ])("$behaviour", ({ hours, cfg, conclusion }) => {
    const verdict = judgeIntegration({
      age: age(hours),
      config: integrationSchema.parse(cfg),
      branch: "feature/checkout",
      mainline: "main",
    });
    expect(verdict.conclusion).toBe(conclusion);
  });

  it("titles an old branch with its age, commits ahead and behind", () => {
    const verdict = judgeIntegration({
      age: age(76),
      config,
      branch: "feature/checkout",
      mainline: "main",
    });
    expect(verdict.title).toBe("Branch is 3d 4h old (limit 24h) — 12 ahead, 40 behind main");
  });

  it("titles a young branch with its age against the limit", () => {
    const verdict = judgeIntegration({
      age: age(5.2, { ahead: 2, behind: 0 }),
      config,
      branch: "fix/typo",
      mainline: "trunk",
    });
    expect(verdict.title).toBe("Branch is 5h 12m old (within 24h) — 2 ahead, 0 behind trunk");
  });

  it("says 'at least' when pages of the comparison are missing", () => {
    const verdict = judgeIntegration({
      age: age(76, { complete: false }),
      config,
      branch: "big",
      mainline: "main",
    });
    expect(verdict.title).toBe(
      "Branch is at least 3d 4h old (limit 24h) — 12 ahead, 40 behind main",
    );
  });

  it("explains why and the ways out for an old branch", () => {
    const verdict = judgeIntegration({
      age: age(76),
      config,
      branch: "feature/checkout",
      mainline: "main",
    });
    expect(verdict.summary).toMatchInlineSnapshot(`
     "**\`feature/checkout\` has lived 3d 4h off \`main\`**, more than the 24h limit: its oldest commit not on \`main\`, 9f2c1e4, was committed 2024-05-07 08:00 UTC.

     Integrating with the mainline at least once a day keeps every merge small and every conflict cheap.
     The longer a branch lives, the further it drifts from what everyone else is building — and the bigger and riskier its merge.

     **Ways out**
     - **Merge what is ready.** Land the finished part on \`main\` now and carry on in a new branch.
     - **Split it** into smaller pull requests that can each reach \`main\` today.
     - **Hide unfinished work behind a feature flag**, so it can merge switched off and be switched on when done.
     - Merging \`main\` into the branch takes in the 40 commits it is behind, but does not reset its age: only reaching \`main\` does."
    `);
    expect(verdict.text).toMatchInlineSnapshot(
      `"The limit is \`integration.maxAgeHours\` in \`.github/andon.yml\`. This check is \`neutral\`; \`integration.conclusion: failure\` makes it blocking."`,
    );
  });

  it("tells a blocking team how to make it advisory again", () => {
    const verdict = judgeIntegration({
      age: age(76),
      config: integrationSchema.parse({ conclusion: "failure" }),
      branch: "feature/checkout",
      mainline: "main",
    });
    expect(verdict.text).toMatchInlineSnapshot(
      `"The limit is \`integration.maxAgeHours\` in \`.github/andon.yml\`. This check is \`failure\`; \`integration.conclusion: neutral\` makes it advisory."`,
    );
  });

  it("leaves out the merge-main advice when the branch is not behind", () => {
    const verdict = judgeIntegration({
      age: age(76, { behind: 0 }),
      config,
      branch: "x",
      mainline: "main",
    });
    expect(verdict.summary).not.toContain("into the branch");
  });

  it("keeps the why for a young branch, without the ways out", () => {
    const verdict = judgeIntegration({ age: age(5), config, branch: "fix/typo", mainline: "main" });
    expect(verdict.summary).toMatchInlineSnapshot(`
     "\`fix/typo\` has lived 5h off \`main\`, within the 24h limit: its oldest commit not on \`main\`, 9f2c1e4, was committed 2024-05-07 08:00 UTC.

     Integrating with the mainline at least once a day keeps every merge small and every conflict cheap.
     The longer a branch lives, the further it drifts from what everyone else is building — and the bigger and riskier its merge."
    `);
  });

  it("passes a branch with nothing to integrate", () => {
    expect(judgeIntegration({ age: undefined, config, branch: "fresh", mainline: "main" })).toEqual(
      {
        conclusion: "success",
        title: "Nothing to integrate — no commits that are not on main",
        summary: "`fresh` has no commits that are not on `main` yet.",
      },
    );
  });

  it("passes an ignored branch without judging its age", () => {
    const verdict = judgeIntegration({
      age: age(500),
      config,
      branch: "dependabot/npm_and_yarn/lodash-4.17.21",
      mainline: "main",
    });
    expect(verdict).toMatchInlineSnapshot(`
     {
       "conclusion": "success",
       "summary": "\`dependabot/npm_and_yarn/lodash-4.17.21\` matches \`dependabot/*\` in \`integration.ignoreBranches\` (\`.github/andon.yml\`), so its age is not judged.",
       "title": "Not judged — dependabot/npm_and_yarn/lodash-4.17.21 matches integration.ignoreBranches",
     }
    `);
  });
});

import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import {
  brokenComment,
  restoredComment,
  isReminderDue,
  reminderComment,
  type CommentContext,
} from "../../src/mainline/broken-comment.js";
import type { Episode } from "../../src/mainline/episode-record.js";
import { FAILING_TESTS, MONA, at, sha } from "./fixtures.js";

const episode: Episode = {
  breakingSha: sha("3f9c2e1"),
  breakingAuthor: MONA,
  since: at(3),
  failing: [
    ...FAILING_TESTS,
    {
      name: "continuous-integration/jenkins/branch",
      url: "https://jenkins.acme.dev/job/shop/job/main/412/display/redirect",
    },
  ],
  startKnown: true,
};
const ctx: CommentContext = { branch: "main", config: DEFAULT_CONFIG.mainline };

describe("brokenComment", () => {
  it("tells the author what fails, what it blocks and how a fix gets through", () => {
    expect(brokenComment(episode, ctx)).toMatchInlineSnapshot(`
     "<!-- andon:broken:3f9c2e1000000000000000000000000000000000 -->
     ### This commit broke the build on \`main\`

     @monalisa, \`main\` is red since this commit (2024-05-14 09:00 UTC). These checks fail:

     - [test (20.x)](https://github.com/acme/shop/actions/runs/9123456789/job/25010203040)
     - [continuous-integration/jenkins/branch](https://jenkins.acme.dev/job/shop/job/main/412/display/redirect)

     **Merges into \`main\` are blocked** (\`andon/mainline\` fails on every open PR) until \`main\` is green again. Fixing the build is the team's first priority: stop the line, fix it, then carry on.

     **How to let a fix through:**

     - **Revert** this commit: a PR whose changes exactly undo it (GitHub's Revert button, or \`git revert\`) passes the gate; the title alone does not.
     - **Fix forward**: open the fix as a PR labelled \`fix-build\`; it passes the gate."
    `);
  });

  it("names the author when the commit maps to no GitHub account", () => {
    const comment = brokenComment({ ...episode, breakingAuthor: { name: "Build_Bot" } }, ctx);
    expect(comment).toContain("Build\\_Bot, `main` is red since this commit");
  });

  it("does not claim the commit broke the build when the start is unknown", () => {
    const comment = brokenComment({ ...episode, startKnown: false }, ctx);
    expect(comment).toContain("### `main` is red, and this is the oldest red commit Andon read");
    expect(comment).toContain("the build may have broken earlier");
  });

  it("offers only the fix label when reverts are not allowed", () => {
    const config = { ...DEFAULT_CONFIG.mainline, allowReverts: false, fixLabel: "hotfix" };
    const comment = brokenComment(episode, { ...ctx, config });
    expect(comment).toContain(
      "open the fix as a PR labelled `hotfix`; it passes the gate. Reverts need it too.",
    );
    expect(comment).not.toContain("- **Revert**");
  });
});

describe("restoredComment", () => {
  const fixedBy = {
    sha: sha("7b6a5c4"),
    author: { login: "finn", name: "Finn Fixer" },
    at: at(6.2),
    restoredAfterMs: (3 * 60 + 12) * 60_000,
    flaky: false,
    flippedChecks: [],
  };

  it("replies with the fixing commit, who made it and the time to restore, under its own marker", () => {
    expect(restoredComment(episode, fixedBy, ctx)).toMatchInlineSnapshot(`
     "<!-- andon:restored:3f9c2e1000000000000000000000000000000000 -->

     ### \`main\` is green again

     Fixed by 7b6a5c4 (@finn). Thank you for stopping the line.

     Time to restore: **3h 12m** (2024-05-14 09:00 UTC to 2024-05-14 12:12 UTC)."
    `);
  });

  it("says a flaky episode was flaky and names the checks that flipped", () => {
    const flaky = {
      ...fixedBy,
      sha: episode.breakingSha,
      flaky: true,
      flippedChecks: ["test (20.x)"],
    };
    const comment = restoredComment(episode, flaky, ctx);
    expect(comment).toContain("the episode was **flaky**");
    expect(comment).toContain("Checks that flipped: `test (20.x)`");
    expect(comment).not.toContain("Fixed by");
  });
});

describe("reminderComment", () => {
  it("reminds the author that main is still red and every merge still blocked", () => {
    const comment = reminderComment(episode, new Date(at(8.05)), ctx);
    expect(comment.split("\n\n")).toEqual([
      `<!-- andon:reminder:${sha("3f9c2e1")} -->`,
      "### `main` is still red after 5h 3m",
      "@monalisa, the build on `main` has been red since this commit (2024-05-14 09:00 UTC) and every merge into `main` is still blocked. If you are on it, a short note here tells the team. If you are stuck, ask for help, or revert this commit: a PR that exactly undoes it passes the gate.",
    ]);
  });

  it("escalates to mainline.escalateTo, mentioning only @user and @org/team entries", () => {
    const escalateTo = ["@acme/platform", "@hubot", "oncall", "@acme/sre please"];
    const config = { ...ctx.config, escalateTo };
    const comment = reminderComment(episode, new Date(at(8.05)), { ...ctx, config });
    expect(comment.split("\n\n").at(-1)).toBe(
      "@acme/platform, @hubot, `oncall`, `@acme/sre please`: escalating to you, as `mainline.escalateTo` asks. Please make sure someone owns the fix.",
    );
  });
});

describe("isReminderDue", () => {
  it.each([
    ["is not due before remindAfterHours", 3 + 3.99, 4, false],
    ["is due once remindAfterHours have passed", 3 + 4, 4, true],
    ["follows a shorter remindAfterHours", 3 + 1.5, 1, true],
  ])("%s", (_behaviour, nowHours, remindAfterHours, expected) => {
    expect(isReminderDue(episode, new Date(at(nowHours)), { remindAfterHours })).toBe(expected);
  });
});

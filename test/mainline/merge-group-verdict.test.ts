import { describe, expect, it } from "@jest/globals";
import type { CheckVerdict } from "../../src/checks/verdict.js";
import {
  judgeMergeGroupVerdicts,
  type GroupMember,
} from "../../src/mainline/merge-group-verdict.js";

const blocked: CheckVerdict = {
  conclusion: "failure",
  title: "main is red for 1h since 3f9c2e1",
  summary: "main is red.",
};
const member = (number: number, conclusion: CheckVerdict["conclusion"]): GroupMember => ({
  pr: { number, title: `PR ${number}`, labels: [], baseRef: "main", headSha: "a".repeat(40) },
  verdict:
    conclusion === "success"
      ? { conclusion, title: "main is red; this PR lets the fix through", summary: "fix" }
      : blocked,
});

describe("judgeMergeGroupVerdicts", () => {
  it.each([
    {
      group: "only fixes",
      members: [member(1, "success"), member(2, "success")],
      expected: "success",
    },
    {
      group: "a fix ahead of a plain PR",
      members: [member(1, "success"), member(2, "failure")],
      expected: "failure",
    },
    {
      group: "a plain PR ahead of a fix",
      members: [member(1, "failure"), member(2, "success")],
      expected: "failure",
    },
  ])("while main is red, a group of $group is $expected", ({ members, expected }) => {
    expect(judgeMergeGroupVerdicts(members, blocked, "main").conclusion).toBe(expected);
  });

  it("names the PR that is not a fix and the whole group", () => {
    const verdict = judgeMergeGroupVerdicts(
      [member(7, "success"), member(9, "failure")],
      blocked,
      "main",
    );
    expect(verdict.title).toBe("#9 is not a fix: main is red for 1h since 3f9c2e1");
    expect(verdict.summary).toContain("This merge group holds #7, #9.");
  });

  it("fails a group whose members Andon cannot tell", () => {
    const verdict = judgeMergeGroupVerdicts(undefined, blocked, "main");
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.summary).toContain("cannot tell which pull requests this merge group holds");
  });
});

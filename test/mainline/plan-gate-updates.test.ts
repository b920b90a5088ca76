import { describe, expect, it } from "@jest/globals";
import type { CheckVerdict } from "../../src/checks/verdict.js";
import { planGateUpdates, type OpenMainlinePr } from "../../src/mainline/plan-gate-updates.js";
import { sha } from "./fixtures.js";

const blocked: CheckVerdict = {
  conclusion: "failure",
  title: "main is red for 3h 12m since 3f9c2e1",
  summary: "…",
};

function pr(number: number, overrides: Partial<OpenMainlinePr> = {}): OpenMainlinePr {
  return {
    number,
    headSha: sha(`${number}`.padStart(7, "0")),
    approved: false,
    autoMerge: false,
    ...overrides,
  };
}

const numbers = (prs: OpenMainlinePr[], verdict = blocked) =>
  planGateUpdates(prs, () => verdict).map((u) => u.number);

describe("planGateUpdates", () => {
  it.each<[string, OpenMainlinePr["current"], boolean]>([
    ["updates a PR that has no andon/mainline run yet", undefined, true],
    [
      "updates a PR whose conclusion flips",
      { conclusion: "success", title: "main is green" },
      true,
    ],
    [
      "updates a PR blocked by an earlier episode",
      { conclusion: "failure", title: "main is red for 2d 4h since 0a0a0a0" },
      true,
    ],
    [
      "leaves a PR whose verdict only differs by the clock",
      { conclusion: "failure", title: "main is red for 45m since 3f9c2e1" },
      false,
    ],
    [
      "leaves a PR whose run already says the same",
      { conclusion: "failure", title: "main is red for 3h 12m since 3f9c2e1" },
      false,
    ],
  ])("%s", (_behaviour, current, updated) => {
    expect(numbers([pr(101, { current })])).toEqual(updated ? [101] : []);
  });

  it("updates auto-merge PRs first, then approved ones, then the rest in their order", () => {
    const prs = [
      pr(101),
      pr(102, { approved: true }),
      pr(103),
      pr(104, { autoMerge: true }),
      pr(105, { approved: true, autoMerge: true }),
    ];
    expect(numbers(prs)).toEqual([104, 105, 102, 101, 103]);
  });

  it("writes one verdict per head commit, the most urgent PR's", () => {
    const shared = sha("c0ffee0");
    const prs = [pr(201, { headSha: shared }), pr(202, { headSha: shared, approved: true })];
    const updates = planGateUpdates(prs, (p) => ({ ...blocked, title: `for #${p.number}` }));
    expect(updates).toEqual([
      { number: 202, headSha: shared, verdict: { ...blocked, title: "for #202" } },
    ]);
  });
});

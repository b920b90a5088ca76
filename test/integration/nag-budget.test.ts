import { describe, expect, it } from "@jest/globals";
import { commentBudgetFrom, pickNags } from "../../src/integration/nag-budget.js";

const H = 3_600_000;
const candidates = [
  { repository: "acme/shop", branch: "feature/cart", ageMs: 30 * H },
  { repository: "acme/api", branch: "spike/grpc", ageMs: 200 * H },
  { repository: "acme/web", branch: "redesign", ageMs: 90 * H },
  { repository: "acme/shop", branch: "feature/apple-pay", ageMs: 90 * H },
  { repository: "acme/api", branch: "feature/v2", ageMs: 90 * H },
];
const label = (c: { repository: string; branch: string }) => `${c.repository}#${c.branch}`;

describe("pickNags", () => {
  it.each([
    {
      budget: 50,
      now: [
        "acme/api#spike/grpc",
        "acme/api#feature/v2",
        "acme/shop#feature/apple-pay",
        "acme/web#redesign",
        "acme/shop#feature/cart",
      ],
      deferred: 0,
    },
    { budget: 2, now: ["acme/api#spike/grpc", "acme/api#feature/v2"], deferred: 3 },
    { budget: 0, now: [], deferred: 5 },
  ])(
    "nags the $budget oldest branches first, by repository then branch on ties",
    ({ budget, now, deferred }) => {
      const pick = pickNags(candidates, budget);
      expect({ now: pick.now.map(label), deferred: pick.deferred }).toEqual({ now, deferred });
    },
  );

  it("gives the same pick whatever order the branches were found in", () => {
    const reversed = pickNags([...candidates].reverse(), 3).now.map(label);
    expect(reversed).toEqual(pickNags(candidates, 3).now.map(label));
  });

  it("hands back the caller's own candidates, with whatever they carry", () => {
    const withBody = [{ repository: "acme/shop", branch: "x", ageMs: H, body: "nag" }];
    expect(pickNags(withBody, 1).now[0]?.body).toBe("nag");
  });
});

describe("commentBudgetFrom", () => {
  it.each([
    [{}, 50],
    [{ ANDON_MAX_COMMENTS_PER_RUN: "" }, 50],
    [{ ANDON_MAX_COMMENTS_PER_RUN: " 120 " }, 120],
    [{ ANDON_MAX_COMMENTS_PER_RUN: "0" }, 0],
  ])("reads %p as a budget of %p", (env, budget) => {
    expect(commentBudgetFrom(env)).toBe(budget);
  });

  it.each(["fifty", "-1", "2.5", "1e3"])("rejects %p rather than guess", (value) => {
    expect(() => commentBudgetFrom({ ANDON_MAX_COMMENTS_PER_RUN: value })).toThrow(
      `ANDON_MAX_COMMENTS_PER_RUN must be a whole number ≥ 0, got "${value}"`,
    );
  });
});

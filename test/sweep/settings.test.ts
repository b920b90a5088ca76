import { describe, expect, it } from "@jest/globals";
import { isAuthorized } from "../../src/handlers/sweep-endpoint.js";
import { commentBudgetFrom, intervalFrom, sweepSettingsFrom } from "../../src/sweep/settings.js";

describe("sweepSettingsFrom", () => {
  it("sweeps daily, for 50 comments, with no endpoint, when nothing is set", () => {
    expect(sweepSettingsFrom({})).toEqual({
      intervalMs: 86_400_000,
      token: undefined,
      dryRun: false,
      commentBudget: 50,
    });
  });

  it("reads every variable", () => {
    expect(
      sweepSettingsFrom({
        ANDON_SWEEP_INTERVAL: "6h",
        ANDON_SWEEP_TOKEN: " tok ",
        ANDON_DRY_RUN: "1",
        ANDON_MAX_COMMENTS_PER_RUN: "10",
      }),
    ).toEqual({ intervalMs: 6 * 3_600_000, token: "tok", dryRun: true, commentBudget: 10 });
  });
});

describe("intervalFrom", () => {
  it.each<[string | undefined, number]>([
    [undefined, 86_400_000],
    ["", 86_400_000],
    ["0", 0],
    ["24h", 86_400_000],
    ["90m", 5_400_000],
    ["1d", 86_400_000],
    ["3600s", 3_600_000],
    ["1.5h", 5_400_000],
  ])("reads %j as %d ms", (raw, ms) => {
    expect(intervalFrom(raw)).toBe(ms);
  });

  it.each(["24", "daily", "-1h", "10ms", "30d"])("refuses %j", (raw) => {
    expect(() => intervalFrom(raw)).toThrow(/ANDON_SWEEP_INTERVAL must be 0 \(off\) or a duration/);
  });
});

describe("isAuthorized", () => {
  it.each<[string | undefined, boolean]>([
    ["Bearer tok3n", true],
    ["bearer tok3n", true],
    ["Bearer tok3n ", true],
    ["Bearer tok3", false],
    ["Bearer tok3nn", false],
    ["Basic tok3n", false],
    ["tok3n", false],
    ["Bearer ", false],
    [undefined, false],
  ])("%j → %s", (header, ok) => {
    expect(isAuthorized(header, "tok3n")).toBe(ok);
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

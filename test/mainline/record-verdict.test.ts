import { describe, expect, it } from "@jest/globals";
import { decodeEpisode, type Episode } from "../../src/mainline/episode-record.js";
import type { MainlineJudgement } from "../../src/mainline/mainline-state.js";
import { recordVerdict } from "../../src/mainline/record-verdict.js";
import { FAILING_TESTS, MONA, at, sha } from "./fixtures.js";

const now = new Date(at(6.2));
const episode: Episode = {
  breakingSha: sha("3f9c2e1"),
  breakingAuthor: MONA,
  since: at(3),
  failing: FAILING_TESTS,
  startKnown: true,
};
const judged = { headSha: sha("e5d4c3b"), decidingSha: sha("d4c3b2a") };

function record(mainline: MainlineJudgement) {
  return recordVerdict({ mainline, defaultBranch: "main", now });
}

describe("recordVerdict", () => {
  it("fails the head commit while main is red and records the episode for later judgements", () => {
    const verdict = record({
      state: "red",
      ...judged,
      failing: FAILING_TESTS,
      episode,
      episodeSource: "history",
    });
    expect(verdict).toMatchObject({
      conclusion: "failure",
      title: "main is red for 3h 12m since 3f9c2e1",
    });
    expect(verdict.summary).toContain(
      "**`main` is red** since 3f9c2e1 by @monalisa (2024-05-14 09:00 UTC, 3h 12m ago).",
    );
    expect(decodeEpisode(verdict.summary)).toEqual({ state: "red", ...episode });
  });

  it("records green, so the ended episode is not reported fixed twice", () => {
    const fixedBy = {
      sha: sha("7b6a5c4"),
      author: { name: "Finn" },
      at: at(5),
      restoredAfterMs: 2 * 3_600_000,
      flaky: false,
      flippedChecks: [],
    };
    const fixed = { episode, fixedBy };
    const verdict = record({ state: "green", ...judged, fixed });
    expect(verdict).toMatchObject({ conclusion: "success", title: "main is green" });
    expect(verdict.summary).toContain(
      "**`main` is green again: 7b6a5c4 fixed it, time to restore 2h.**",
    );
    expect(decodeEpisode(verdict.summary)).toEqual({ state: "green" });
  });

  it("records that main has no CI", () => {
    const verdict = record({ state: "none", headSha: sha("e5d4c3b") });
    expect(verdict).toMatchObject({ conclusion: "neutral", title: "main has no CI to judge" });
    expect(decodeEpisode(verdict.summary)).toEqual({ state: "none" });
  });

  it("writes no record before main's first build finishes, so no older red record is hidden", () => {
    const verdict = record({ state: "pending", headSha: sha("e5d4c3b") });
    expect(verdict.conclusion).toBe("neutral");
    expect(decodeEpisode(verdict.summary)).toBeUndefined();
  });
});

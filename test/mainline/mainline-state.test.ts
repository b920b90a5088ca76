import { describe, expect, it } from "@jest/globals";
import type { EpisodeRecord } from "../../src/mainline/episode-record.js";
import {
  judgeMainline,
  needsMoreHistory,
  type MainlineCommit,
  type MainlineJudgement,
} from "../../src/mainline/mainline-state.js";
import { FAILING_TESTS, MONA, at, mainlineCommit as commit, sha } from "./fixtures.js";

/** What Andon wrote on a head commit while main was red since `breaking`. */
function redRecord(breaking: string, hours: number, startKnown = true): EpisodeRecord {
  return {
    state: "red",
    breakingSha: sha(breaking),
    breakingAuthor: MONA,
    since: at(hours),
    failing: FAILING_TESTS,
    startKnown,
  };
}

const episodeOf = (breaking: string, hours: number, startKnown = true) => ({
  breakingSha: sha(breaking),
  breakingAuthor: MONA,
  since: at(hours),
  failing: FAILING_TESTS,
  startKnown,
});

const HOUR = 3_600_000;

describe("judgeMainline", () => {
  it.each<[string, MainlineCommit[], MainlineJudgement]>([
    ["is none for an empty repository", [], { state: "none" }],
    [
      "is green when the head is green",
      [commit("b000002", "green", 2), commit("a000001", "red", 1)],
      { state: "green", headSha: sha("b000002"), decidingSha: sha("b000002") },
    ],
    [
      "stays green while the head after a green commit is pending",
      [commit("c000003", "pending", 3), commit("b000002", "green", 2)],
      { state: "green", headSha: sha("c000003"), decidingSha: sha("b000002") },
    ],
    [
      "stays red while the head after a red commit is pending",
      [commit("c000003", "pending", 3), commit("b000002", "red", 2), commit("a000001", "green", 1)],
      {
        state: "red",
        headSha: sha("c000003"),
        decidingSha: sha("b000002"),
        failing: FAILING_TESTS,
        episode: episodeOf("b000002", 2),
        episodeSource: "history",
      },
    ],
    [
      "cannot be turned red by a late failure on an older commit",
      [commit("c000003", "green", 3), commit("b000002", "red", 2), commit("a000001", "green", 1)],
      { state: "green", headSha: sha("c000003"), decidingSha: sha("c000003") },
    ],
    [
      "names the first red commit after the last green one as the breaking commit",
      [
        commit("e000005", "red", 5),
        commit("d000004", "pending", 4),
        commit("c000003", "red", 3),
        commit("b000002", "pending", 2),
        commit("a000001", "green", 1),
      ],
      {
        state: "red",
        headSha: sha("e000005"),
        decidingSha: sha("e000005"),
        failing: FAILING_TESTS,
        episode: episodeOf("c000003", 3),
        episodeSource: "history",
      },
    ],
    [
      "passes over commits that have no CI, like docs-only commits",
      [
        commit("d000004", "none", 4),
        commit("c000003", "red", 3),
        commit("b000002", "none", 2),
        commit("a000001", "green", 1),
      ],
      {
        state: "red",
        headSha: sha("d000004"),
        decidingSha: sha("c000003"),
        failing: FAILING_TESTS,
        episode: episodeOf("c000003", 3),
        episodeSource: "history",
      },
    ],
    [
      "is none when no commit has CI",
      [commit("b000002", "none", 2), commit("a000001", "none", 1)],
      { state: "none", headSha: sha("b000002") },
    ],
    [
      "is pending when no build has finished yet",
      [commit("b000002", "pending", 2), commit("a000001", "none", 1)],
      { state: "pending", headSha: sha("b000002") },
    ],
    [
      "takes the oldest red commit, start unknown, when the window ends before a green one",
      [commit("c000003", "red", 3), commit("b000002", "red", 2)],
      {
        state: "red",
        headSha: sha("c000003"),
        decidingSha: sha("c000003"),
        failing: FAILING_TESTS,
        episode: episodeOf("b000002", 2, false),
        episodeSource: "history",
      },
    ],
    [
      "trusts the red record on the way instead of reading further back",
      [commit("d000004", "pending", 4), commit("c000003", "red", 3, redRecord("0a0a0a0", 0.5))],
      {
        state: "red",
        headSha: sha("d000004"),
        decidingSha: sha("c000003"),
        failing: FAILING_TESTS,
        episode: episodeOf("0a0a0a0", 0.5),
        episodeSource: "record",
      },
    ],
    [
      "trusts a record whose breaking commit is on the red stretch",
      [
        commit("d000004", "red", 4, redRecord("c000003", 3)),
        commit("c000003", "pending", 3),
        commit("b000002", "red", 2.5),
        commit("a000001", "green", 1),
      ],
      {
        state: "red",
        headSha: sha("d000004"),
        decidingSha: sha("d000004"),
        failing: FAILING_TESTS,
        episode: episodeOf("c000003", 3),
        episodeSource: "record",
      },
    ],
    [
      "ignores a record of an earlier episode that a green commit has ended",
      [
        commit("d000004", "pending", 4, redRecord("a000001", 1)),
        commit("c000003", "red", 3),
        commit("b000002", "green", 2),
        commit("a000001", "red", 1),
      ],
      {
        state: "red",
        headSha: sha("d000004"),
        decidingSha: sha("c000003"),
        failing: FAILING_TESTS,
        episode: episodeOf("c000003", 3),
        episodeSource: "history",
      },
    ],
  ])("%s", (_behaviour, commits, expected) => {
    expect(judgeMainline(commits)).toEqual(expected);
  });

  it.each<[string, MainlineCommit[], string, number]>([
    [
      "reports the first green commit after the recorded red one as the fix",
      [
        commit("d000004", "green", 6),
        commit("c000003", "green", 5.2),
        commit("b000002", "red", 2, redRecord("b000002", 2)),
      ],
      "c000003",
      3.2 * HOUR,
    ],
    [
      "finds the fix from the record written while the fixing head was still pending",
      [commit("c000003", "green", 4, redRecord("b000002", 2)), commit("b000002", "red", 2)],
      "c000003",
      2 * HOUR,
    ],
    [
      "counts a re-run that turns the breaking commit green as its own fix",
      [commit("b000002", "green", 2, redRecord("b000002", 2))],
      "b000002",
      0,
    ],
    [
      "never names a commit older than the breaking one as the fix",
      [
        commit("c000003", "green", 3, redRecord("b000002", 2)),
        commit("b000002", "green", 2),
        commit("a000001", "green", 1),
      ],
      "b000002",
      0,
    ],
  ])("%s", (_behaviour, commits, fixingSha, restoredAfterMs) => {
    expect(judgeMainline(commits)).toMatchObject({
      state: "green",
      fixed: {
        episode: episodeOf("b000002", 2),
        fixedBy: { sha: sha(fixingSha), restoredAfterMs },
      },
    });
  });

  it("reports no fix once a green record has closed the episode", () => {
    const judgement = judgeMainline([
      commit("c000003", "green", 4, { state: "green" }),
      commit("b000002", "red", 2, redRecord("b000002", 2)),
    ]);
    expect(judgement).toEqual({
      state: "green",
      headSha: sha("c000003"),
      decidingSha: sha("c000003"),
    });
  });
});

describe("needsMoreHistory", () => {
  it.each<[string, MainlineCommit[], boolean]>([
    [
      "asks for more while no build in the window has finished",
      [commit("b000002", "pending", 2)],
      true,
    ],
    ["asks for more when red reaches past the window", [commit("b000002", "red", 2)], true],
    [
      "is settled when the window holds the last green commit",
      [commit("b000002", "red", 2), commit("a000001", "green", 1)],
      false,
    ],
    [
      "is settled by a record, even one whose start was unknown",
      [commit("b000002", "red", 2, redRecord("a000001", 1, false))],
      false,
    ],
    ["is settled when main is green", [commit("a000001", "green", 1)], false],
    ["is settled when main has no CI", [commit("a000001", "none", 1)], false],
  ])("%s", (_behaviour, commits, expected) => {
    expect(needsMoreHistory(judgeMainline(commits))).toBe(expected);
  });
});

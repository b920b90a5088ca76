import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG, type MainlineConfig } from "../../src/config/schema.js";
import {
  decodeEpisode,
  encodeEpisode,
  type Closure,
  type EpisodeRecord,
} from "../../src/mainline/episode-record.js";
import { judgeGate, type GatePullRequest } from "../../src/mainline/gate.js";
import { judgeMainline, type MainlineJudgement } from "../../src/mainline/mainline-state.js";
import { judgementFromRecord } from "../../src/mainline/update-gates.js";
import { recordVerdict } from "../../src/mainline/record-verdict.js";
import { FAILING_TESTS, MONA, at, mainlineCommit, sha } from "./fixtures.js";

const now = new Date(at(6.2));
const closure: Closure = { by: "ada", at: at(5), reason: "release 2.0 freeze" };
const episode = {
  breakingSha: sha("3f9c2e1"),
  breakingAuthor: MONA,
  since: at(3),
  failing: FAILING_TESTS,
  startKnown: true,
};
const green: MainlineJudgement = {
  state: "green",
  headSha: sha("e5d4c3b"),
  decidingSha: sha("e5d4c3b"),
};
const red: MainlineJudgement = {
  state: "red",
  headSha: sha("e5d4c3b"),
  decidingSha: sha("e5d4c3b"),
  failing: FAILING_TESTS,
  episode,
  episodeSource: "record",
};
const pr: GatePullRequest = {
  number: 482,
  title: "Add gift cards to checkout",
  labels: [],
  baseRef: "main",
  headSha: sha("9a8b7c6"),
};

describe("the closure in Andon's record", () => {
  it.each<[string, EpisodeRecord]>([
    ["a closed green mainline", { state: "green", closed: closure, lastCommandId: 77 }],
    ["a closed red mainline", { state: "red", ...episode, closed: closure, lastCommandId: 77 }],
    ["an opened mainline remembers the last command", { state: "none", lastCommandId: 78 }],
    ["a record written before closures existed", { state: "green" }],
  ])("reads back %s", (_what, record) => {
    expect(decodeEpisode(`summary\n\n${encodeEpisode(record)}`)).toEqual(record);
  });

  it("keeps a reason containing --> inside the hidden comment", () => {
    const record: EpisodeRecord = { state: "green", closed: { ...closure, reason: "x --> <b>" } };
    const encoded = encodeEpisode(record);
    expect(encoded.indexOf("-->")).toBe(encoded.length - 3);
    expect(decodeEpisode(encoded)).toEqual(record);
  });
});

describe("a closure is never part of an episode", () => {
  const closedRed: EpisodeRecord = { state: "red", ...episode, closed: closure, lastCommandId: 77 };

  it("is left out of the episode the next judgement continues", () => {
    const judged = judgeMainline([
      mainlineCommit("e5d4c3b", "red", 6),
      mainlineCommit("3f9c2e1", "red", 3, closedRed),
      mainlineCommit("2a1b0c9", "green", 2),
    ]);
    expect(judged.state === "red" && judged.episode).toEqual(episode);
  });

  it("is left out of the episode that ends when main turns green", () => {
    const judged = judgeMainline([
      mainlineCommit("f00d123", "green", 7),
      mainlineCommit("3f9c2e1", "red", 3, closedRed),
    ]);
    expect(judged.state === "green" && judged.fixed?.episode).toEqual(episode);
  });

  it("is left out of the judgement rebuilt from a record for the gates", () => {
    const rebuilt = judgementFromRecord(closedRed, green);
    expect(rebuilt.state === "red" && rebuilt.episode).toEqual(episode);
  });
});

describe("judgeGate on a closed mainline", () => {
  const judge = (
    overrides: Partial<GatePullRequest>,
    mainline: MainlineJudgement = green,
    config: Partial<MainlineConfig> = {},
  ) =>
    judgeGate({
      pr: { ...pr, ...overrides },
      defaultBranch: "main",
      mainline,
      config: { ...DEFAULT_CONFIG.mainline, ...config },
      now,
      closed: closure,
    });

  it.each<[string, Partial<GatePullRequest>, Partial<MainlineConfig>, string, string]>([
    ["fails a plain PR", {}, {}, "failure", "main is closed by ada: release 2.0 freeze"],
    [
      "lets a PR labelled fix-build through",
      { labels: ["fix-build"] },
      {},
      "success",
      "main is closed by ada: release 2.0 freeze; this PR lets the fix through (labelled `fix-build`)",
    ],
    [
      "never lets a title alone through",
      { title: 'Revert "Add cart"' },
      {},
      "failure",
      "main is closed by ada: release 2.0 freeze",
    ],
    [
      "fails a revert when reverts need the label",
      { title: 'Revert "Add cart"' },
      { allowReverts: false },
      "failure",
      "main is closed by ada: release 2.0 freeze",
    ],
    [
      "passes a PR into another branch",
      { baseRef: "release/2.0" },
      {},
      "success",
      "Not a mainline PR",
    ],
    [
      "answers success when the check is off, so a required check never hangs",
      {},
      { enabled: false },
      "success",
      "disabled in .github/andon.yml",
    ],
  ])("%s", (_what, overrides, config, conclusion, title) => {
    expect(judge(overrides, green, config)).toMatchObject({ conclusion, title });
  });

  it("says who closed it, since when and why, and how to open it", () => {
    const { summary } = judge({});
    expect(summary).toContain("closed** by @ada since 2024-05-14 11:00 UTC: release 2.0 freeze");
    expect(summary).toContain("`/andon open`");
    expect(summary).not.toContain("also red");
  });

  it("says a closed main is also red, so opening it will not let PRs through", () => {
    expect(judge({}, red)).toMatchObject({
      conclusion: "failure",
      title: "main is closed by ada: release 2.0 freeze",
    });
    expect(judge({}, red).summary).toContain("also red since 3f9c2e1");
  });

  it("keeps the reason from formatting the summary or mentioning anyone", () => {
    const hostile = judgeGate({
      pr,
      defaultBranch: "main",
      mainline: green,
      config: DEFAULT_CONFIG.mainline,
      now,
      closed: { ...closure, reason: "**stop** @acme/everyone [x](https://evil.example)" },
    });
    expect(hostile.summary).toContain("\\*\\*stop\\*\\* @\u200bacme/everyone \\[x\\]");
  });
});

describe("recordVerdict on a closed mainline", () => {
  it("fails main's own run with the closure and keeps it in the record", () => {
    const verdict = recordVerdict({
      mainline: green,
      defaultBranch: "main",
      now,
      extras: { closed: closure, lastCommandId: 77 },
    });
    expect(verdict).toMatchObject({
      conclusion: "failure",
      title: "main is closed by ada: release 2.0 freeze",
    });
    expect(verdict.summary).toContain("**`main` is green.**");
    expect(decodeEpisode(verdict.summary)).toEqual({
      state: "green",
      closed: closure,
      lastCommandId: 77,
    });
  });

  it("is unchanged for an open mainline", () => {
    const open = recordVerdict({
      mainline: green,
      defaultBranch: "main",
      now,
      extras: { lastCommandId: 78 },
    });
    expect(open).toMatchObject({ conclusion: "success", title: "main is green" });
    expect(decodeEpisode(open.summary)).toEqual({ state: "green", lastCommandId: 78 });
  });
});

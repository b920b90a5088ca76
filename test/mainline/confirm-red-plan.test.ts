import { describe, expect, it } from "@jest/globals";
import {
  canConfirm,
  CONFIRM_TIMEOUT_MS,
  effectiveJudgement,
  planConfirmation,
  type ConfirmInput,
} from "../../src/mainline/confirm-red.js";
import type { FailedRun } from "../../src/mainline/build-state.js";
import type { Confirmation, Episode, EpisodeRecord } from "../../src/mainline/episode-record.js";
import type { MainlineJudgement } from "../../src/mainline/mainline-state.js";
import { FAILING_TESTS, MONA, at, sha } from "./fixtures.js";

const BROKEN = sha("b0c4e11");
const HEAD = sha("ead0001");
const PARENT = sha("9a7e111");
const episode: Episode = {
  breakingSha: BROKEN,
  breakingAuthor: MONA,
  since: at(3),
  failing: FAILING_TESTS,
  startKnown: true,
};
const actionsRun = (id: number): FailedRun => ({
  id,
  name: "test (20.x)",
  app: "github-actions",
  checkSuiteId: 7001,
});
const red = (
  runs: FailedRun[] = [actionsRun(101)],
  failing = FAILING_TESTS,
): MainlineJudgement => ({
  state: "red",
  headSha: BROKEN,
  decidingSha: BROKEN,
  failing,
  failedRuns: runs,
  episode,
  episodeSource: "history",
});
const redOn = (commit: string): MainlineJudgement => ({
  ...(red() as Extract<MainlineJudgement, { state: "red" }>),
  headSha: commit,
  decidingSha: commit,
});
const green: MainlineJudgement = { state: "green", headSha: BROKEN, decidingSha: PARENT };
const greenOnHead: MainlineJudgement = { state: "green", headSha: HEAD, decidingSha: HEAD };
const greenOnBroken: MainlineJudgement = { state: "green", headSha: BROKEN, decidingSha: BROKEN };
const NOW = new Date(at(3.1));
const asked: Confirmation = {
  sha: BROKEN,
  since: at(3.05),
  rerun: true,
  failedIds: [101],
  episode,
};
const was = (confirm?: Confirmation, state: "green" | "red" = "green"): EpisodeRecord =>
  state === "red"
    ? { state: "red", ...episode, ...(confirm ? { confirm } : {}) }
    : { state: "green", ...(confirm ? { confirm } : {}) };
const later = (ms: number) => new Date(Date.parse(asked.since) + ms);

const base: ConfirmInput = {
  config: { confirmRed: "rerun" },
  judgement: red(),
  previous: was(),
  unfinished: [],
  now: NOW,
};

describe("planConfirmation", () => {
  it.each<[string, Partial<ConfirmInput>, string, Partial<Confirmation> | null]>([
    [
      "re-runs a fresh GitHub Actions failure",
      {},
      "rerun",
      { sha: BROKEN, rerun: false, failedIds: [101], since: NOW.toISOString() },
    ],
    ["does nothing when confirmRed is off", { config: { confirmRed: "off" } }, "none", null],
    [
      "does not confirm a red main already declared",
      { previous: was(undefined, "red") },
      "none",
      null,
    ],
    [
      "declares at once when a status fails too (it is never re-run)",
      { judgement: red([actionsRun(101)], [...FAILING_TESTS, { name: "ci/jenkins", url: null }]) },
      "none",
      null,
    ],
    [
      "declares at once when another app's check failed",
      { judgement: red([{ ...actionsRun(101), app: "circleci-checks" }]) },
      "none",
      null,
    ],
    [
      "waits while the old failure is still the newest attempt",
      { previous: was(asked) },
      "wait",
      asked,
    ],
    [
      "waits while the re-run job runs (the commit is unfinished)",
      { judgement: green, previous: was(asked), unfinished: [BROKEN] },
      "wait",
      asked,
    ],
    [
      "declares when the re-run's own job fails (a new check run id)",
      { judgement: red([actionsRun(202)]), previous: was(asked) },
      "declare",
      { outcome: "red" },
    ],
    [
      "declares when the re-run has not finished by the timeout",
      {
        judgement: green,
        previous: was(asked),
        unfinished: [BROKEN],
        now: later(CONFIRM_TIMEOUT_MS),
      },
      "declare",
      { outcome: "red" },
    ],
    [
      "clears when the confirmed commit turned green",
      { judgement: greenOnBroken, previous: was(asked) },
      "cleared",
      { outcome: "green" },
    ],
    [
      "clears when a newer commit decided green meanwhile",
      { judgement: greenOnHead, previous: was(asked) },
      "cleared",
      { outcome: "green" },
    ],
    [
      "never re-runs a commit twice: a red after the confirmation ended is declared",
      { previous: was({ ...asked, outcome: "green" }) },
      "declare",
      { outcome: "green" },
    ],
    [
      "asks again, for what fails now, when the workflow had not finished",
      {
        judgement: red(
          [actionsRun(101), { ...actionsRun(103), name: "lint" }],
          [...FAILING_TESTS, { name: "lint", url: null }],
        ),
        previous: was({ ...asked, rerun: false }),
      },
      "rerun",
      { rerun: false, failedIds: [101, 103], since: asked.since },
    ],
    [
      "confirms a newer commit's own failure afresh",
      {
        judgement: redOn(HEAD),
        previous: was({ ...asked, outcome: "green" }),
      },
      "rerun",
      { sha: HEAD, rerun: false },
    ],
  ])("%s", (_behaviour, input, step, confirm) => {
    const planned = planConfirmation({ ...base, ...input });
    expect(planned.step).toBe(step);
    if (confirm) expect(planned.confirm).toMatchObject(confirm);
  });
});

describe("effectiveJudgement", () => {
  it("keeps the recorded green for gates while a red is being confirmed", () => {
    const step = planConfirmation(base);
    expect(effectiveJudgement(step, red(), was())).toEqual({
      state: "green",
      headSha: BROKEN,
      decidingSha: BROKEN,
    });
  });

  it("gives the red as first seen when a timed-out confirmation is declared", () => {
    const input = { ...base, judgement: green, previous: was(asked), unfinished: [BROKEN] };
    const step = planConfirmation({ ...input, now: later(CONFIRM_TIMEOUT_MS + 1) });
    expect(effectiveJudgement(step, green, input.previous)).toMatchObject({
      state: "red",
      decidingSha: BROKEN,
      episode,
      failing: FAILING_TESTS,
    });
  });

  it("passes any other judgement through", () => {
    const input = { ...base, config: { confirmRed: "off" as const } };
    expect(effectiveJudgement(planConfirmation(input), red(), was())).toEqual(red());
  });
});

describe("canConfirm", () => {
  it.each<[string, FailedRun[], boolean]>([
    ["a GitHub Actions job", [actionsRun(1)], true],
    ["a run without its check suite", [{ ...actionsRun(1), checkSuiteId: null }], false],
    ["another app's run", [{ ...actionsRun(1), app: "buildkite" }], false],
  ])("%s: %p", (_what, runs, expected) => {
    expect(canConfirm(red(runs) as Extract<MainlineJudgement, { state: "red" }>)).toBe(expected);
  });
});

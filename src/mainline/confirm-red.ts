import type { MainlineConfig } from "../config/schema.js";
import type { FailedRun } from "./build-state.js";
import type { Confirmation, EpisodeRecord } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import type { MainlineReading } from "./read-mainline.js";
import { judgementFromRecord } from "./update-gates.js";

/** The app whose check runs are GitHub Actions jobs: the only ones Andon re-runs. */
export const GITHUB_ACTIONS_APP = "github-actions";

/**
 * How long a confirmation may wait for its re-run before the red is declared anyway: long
 * enough for a typical CI re-run, short enough that a broken main is not left open for
 * merges for long. It bounds the wait; a re-run that finishes sooner decides sooner.
 */
export const CONFIRM_TIMEOUT_MS = 30 * 60_000;

type Red = Extract<MainlineJudgement, { state: "red" }>;

/** What the mainline job does about a red under `mainline.confirmRed: rerun`. */
export type ConfirmStep =
  /** Nothing to confirm: judge and act as always (`confirm` is what to record). */
  | { step: "none"; confirm?: Confirmation }
  /** Ask GitHub to re-run these failed jobs; gates keep their verdict. */
  | { step: "rerun"; confirm: Confirmation; runs: FailedRun[] }
  /** The re-run is under way: gates keep their verdict, main's run says "confirming". */
  | { step: "wait"; confirm: Confirmation }
  /** The re-run failed again, or timed out: declare this red. */
  | { step: "declare"; confirm: Confirmation; judgement: Red }
  /** The confirmed commit finished without failing again: no red was ever declared. */
  | { step: "cleared"; confirm: Confirmation };

export interface ConfirmInput {
  config: Pick<MainlineConfig, "confirmRed">;
  judgement: MainlineJudgement;
  /** Andon's last record: its state is what the gates show, its `confirm` the confirmation. */
  previous: EpisodeRecord | undefined;
  /** Mainline commits read whose builds have not finished (above the deciding commit). */
  unfinished: readonly string[];
  now: Date;
  timeoutMs?: number;
}

/**
 * Whether every failing check of a red is a GitHub Actions job that can be re-run.
 * Statuses and other apps' checks are never re-run, and one of them failing makes the
 * red certain whatever a re-run says.
 */
export function canConfirm(red: Red): boolean {
  const runs = red.failedRuns ?? [];
  return (
    red.failing.length > 0 &&
    runs.length === red.failing.length &&
    runs.every((r) => r.app === GITHUB_ACTIONS_APP && r.checkSuiteId !== null)
  );
}

/**
 * The confirmation step for one judgement, pure. A red is confirmed when
 * `mainline.confirmRed` is `rerun`, main was not already declared red, and every failing
 * check is a GitHub Actions job; each commit is re-run once (the record remembers it, so
 * a redelivered failure finds the re-run done). The re-run's verdict is told from the
 * original failure by the check run ids: GitHub gives a re-run job a new check run.
 */
export function planConfirmation(input: ConfirmInput): ConfirmStep {
  const { config, judgement, previous, unfinished, now } = input;
  const timeoutMs = input.timeoutMs ?? CONFIRM_TIMEOUT_MS;
  const prior = previous?.confirm;
  const open = prior && !prior.outcome ? prior : undefined;
  const declared = previous?.state === "red";
  const timedOut = (c: Confirmation) => now.getTime() - Date.parse(c.since) >= timeoutMs;
  const end = (c: Confirmation, outcome: "red" | "green"): Confirmation => ({ ...c, outcome });

  if (judgement.state === "red" && !declared) {
    const same = prior?.sha === judgement.decidingSha ? prior : undefined;
    const ids = (judgement.failedRuns ?? []).map((r) => r.id);
    if (same) {
      if (same.outcome) return { step: "declare", confirm: same, judgement };
      const failedAgain = same.rerun && ids.some((id) => !same.failedIds.includes(id));
      if (failedAgain || timedOut(same) || !canConfirm(judgement)) {
        return { step: "declare", confirm: end(same, "red"), judgement };
      }
      if (same.rerun) return { step: "wait", confirm: same };
      // The workflow had not finished when Andon first asked: ask again for what fails now.
      return {
        step: "rerun",
        confirm: { ...same, failedIds: ids },
        runs: judgement.failedRuns ?? [],
      };
    }
    if (config.confirmRed !== "rerun" || !canConfirm(judgement)) {
      return {
        step: "none",
        ...(open ? { confirm: end(open, "red") } : prior ? { confirm: prior } : {}),
      };
    }
    const confirm: Confirmation = {
      sha: judgement.decidingSha,
      since: now.toISOString(),
      rerun: false,
      failedIds: ids,
      episode: judgement.episode,
    };
    return { step: "rerun", confirm, runs: judgement.failedRuns ?? [] };
  }

  if (open && !declared) {
    if (!unfinished.includes(open.sha)) return { step: "cleared", confirm: end(open, "green") };
    if (!timedOut(open)) return { step: "wait", confirm: open };
    // The re-run never finished: declare the red it was confirming, as first seen.
    const red: Red = {
      state: "red",
      headSha: judgement.headSha ?? open.sha,
      decidingSha: open.sha,
      failing: open.episode.failing,
      episode: open.episode,
      episodeSource: "record",
    };
    return { step: "declare", confirm: end(open, "red"), judgement: red };
  }
  if (open) return { step: "none", confirm: end(open, "red") };
  return prior ? { step: "none", confirm: prior } : { step: "none" };
}

/** Whether the step holds the red back: gates keep their verdict, main's run says so. */
export function isConfirming(step: ConfirmStep): boolean {
  return step.step === "rerun" || step.step === "wait";
}

/**
 * The judgement that gates and main's record act on: while a red is confirmed, the state
 * Andon last recorded (what every gate shows now); once declared, the confirmed red.
 */
export function effectiveJudgement(
  step: ConfirmStep,
  judgement: MainlineJudgement,
  previous: EpisodeRecord | undefined,
): MainlineJudgement {
  if (step.step === "declare") return step.judgement;
  if (!isConfirming(step) || judgement.state !== "red") return judgement;
  return judgementFromRecord(previous ?? { state: "none" }, judgement);
}

/**
 * What a PR or merge-group gate judges: the same step the mainline job takes, so a gate
 * judged between a failure and its re-run keeps its verdict instead of failing early.
 */
export function gateJudgement(
  reading: Pick<MainlineReading, "judgement" | "previous" | "unfinished">,
  config: Pick<MainlineConfig, "confirmRed">,
  now: Date,
): MainlineJudgement {
  const step = planConfirmation({ config, now, ...reading });
  return effectiveJudgement(step, reading.judgement, reading.previous);
}

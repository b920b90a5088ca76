import type { MainlineConfig } from "../config/schema.js";
import { OWN_CHECK_PREFIX } from "../constants.js";
import { compileCheckGlobs } from "./check-name-glob.js";

/** A check run as the REST API lists it for a commit (only the fields Andon reads). */
export interface CheckRunInput {
  id: number | bigint;
  name: string;
  /** `queued`, `in_progress`, `completed`, `waiting`, `requested` or `pending`. */
  status: string;
  /** `string`, not a union: GitHub returns `stale` and `startup_failure`, which its types omit. */
  conclusion: string | null;
  html_url: string | null;
  started_at: string | null;
  completed_at: string | null;
  /** The slug of the app that ran it (`github-actions`); absent when not read. */
  app?: string | null;
  /** Its check suite: a GitHub Actions suite is one workflow run, which can be re-run. */
  check_suite_id?: number | null;
}

/** A commit status as the list-statuses API returns it: newest first, several per context. */
export interface CommitStatusInput {
  context: string;
  state: string;
  target_url: string | null;
  updated_at: string;
}

export type BuildState = "red" | "pending" | "green" | "none";

export interface FailingCheck {
  name: string;
  url: string | null;
}

/** A counted check run that failed, with what re-running it needs. */
export interface FailedRun {
  id: number;
  name: string;
  app: string | null;
  checkSuiteId: number | null;
}

export interface BuildJudgement {
  state: BuildState;
  /** Counted checks that failed, sorted by name. */
  failing: FailingCheck[];
  /** Counted checks still running, and required checks that have not reported yet. */
  pending: string[];
  /** How many checks were counted after `requiredChecks` / `ignoreChecks`. */
  counted: number;
  /** When the first counted check failed (`completed_at`, a status's `updated_at`): a red episode starts then. */
  firstFailedAt?: string;
  /** When the last counted check completed: a fixing commit ends the episode then. */
  lastCompletedAt?: string;
  /** The failing counted checks that are check runs (statuses are not): what a re-run can retry. */
  failedRuns?: FailedRun[];
}

type Outcome = "red" | "pending" | "pass" | "inconclusive";

interface Counted extends FailingCheck {
  outcome: Outcome;
  /** GitHub's time of the verdict; `null` while it runs. */
  at: string | null;
  /** Set for a check run, not for a status. */
  run?: FailedRun;
}

const RED_CONCLUSIONS = new Set(["failure", "timed_out", "startup_failure"]);
const PASS_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

function runOutcome(run: CheckRunInput): Outcome {
  if (run.status !== "completed") return "pending";
  const conclusion = run.conclusion ?? "";
  if (RED_CONCLUSIONS.has(conclusion)) return "red";
  if (PASS_CONCLUSIONS.has(conclusion)) return "pass";
  // A person must approve or act before this check gives its verdict: not proof of green.
  if (conclusion === "action_required") return "pending";
  // `cancelled` (superseded runs), `stale` (GitHub gave up after 14 days) and conclusions
  // GitHub may add later say nothing about the code: neither red nor a reason to wait.
  return "inconclusive";
}

function statusOutcome(state: string): Outcome {
  if (state === "failure" || state === "error") return "red";
  if (state === "pending") return "pending";
  return state === "success" ? "pass" : "inconclusive";
}

/** A run without `started_at` has not started yet, so it is the newest attempt. */
function startedAt(run: CheckRunInput): number {
  return run.started_at === null ? Infinity : Date.parse(run.started_at);
}

function isNewer(a: CheckRunInput, b: CheckRunInput): boolean {
  const [ta, tb] = [startedAt(a), startedAt(b)];
  return ta !== tb ? ta > tb : a.id > b.id;
}

function latestRuns(runs: readonly CheckRunInput[]): Counted[] {
  const latest = new Map<string, CheckRunInput>();
  for (const run of runs) {
    if (run.name.startsWith(OWN_CHECK_PREFIX)) continue;
    const seen = latest.get(run.name);
    if (!seen || isNewer(run, seen)) latest.set(run.name, run);
  }
  return [...latest.values()].map((run) => ({
    name: run.name,
    url: run.html_url,
    outcome: runOutcome(run),
    at: run.completed_at,
    run: {
      id: Number(run.id),
      name: run.name,
      app: run.app ?? null,
      checkSuiteId: run.check_suite_id ?? null,
    },
  }));
}

function latestStatuses(statuses: readonly CommitStatusInput[]): Counted[] {
  const latest = new Map<string, CommitStatusInput>();
  // The API lists newest first; comparing `updated_at` as well keeps a reordered list right.
  for (const status of statuses) {
    const seen = latest.get(status.context);
    if (!seen || Date.parse(status.updated_at) > Date.parse(seen.updated_at)) {
      latest.set(status.context, status);
    }
  }
  return [...latest.values()].map((status) => ({
    name: status.context,
    url: status.target_url,
    outcome: statusOutcome(status.state),
    at: status.state === "pending" ? null : status.updated_at,
  }));
}

/**
 * The build state of one commit, from its check runs and commit statuses.
 *
 * Only the latest attempt per name counts, so a re-run that passes replaces the failure
 * it re-ran. A `requiredChecks` entry that matches no check yet keeps the commit
 * `pending`: a required check cannot be skipped by not running. `ignoreChecks` removes a
 * check even when `requiredChecks` names it. A commit whose counted checks were all cancelled is `none`: it proves
 * neither red nor green.
 */
export function judgeBuild(
  runs: readonly CheckRunInput[],
  statuses: readonly CommitStatusInput[],
  config: Pick<MainlineConfig, "requiredChecks" | "ignoreChecks">,
): BuildJudgement {
  const latest = [...latestRuns(runs), ...latestStatuses(statuses)];
  const isIgnored = compileCheckGlobs(config.ignoreChecks);
  const isRequired = compileCheckGlobs(config.requiredChecks);
  const narrow = config.requiredChecks.length > 0;
  const counted = latest.filter((c) => !isIgnored(c.name) && (!narrow || isRequired(c.name)));
  // Andon's own checks never count, so requiring one must not leave main pending forever.
  const missing = config.requiredChecks.filter((glob) => {
    const matches = compileCheckGlobs([glob]);
    return !glob.startsWith(OWN_CHECK_PREFIX) && !latest.some((c) => matches(c.name));
  });

  const failing = counted
    .filter((c) => c.outcome === "red")
    .map(({ name, url }) => ({ name, url }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const pending = [
    ...counted.filter((c) => c.outcome === "pending").map((c) => c.name),
    ...missing,
  ].sort((a, b) => a.localeCompare(b));

  let state: BuildState = "none";
  if (failing.length > 0) state = "red";
  else if (pending.length > 0) state = "pending";
  else if (counted.some((c) => c.outcome === "pass")) state = "green";
  const times = (checks: Counted[]) =>
    checks.flatMap((c) => (c.at ? [c.at] : [])).sort((a, b) => Date.parse(a) - Date.parse(b));
  const firstFailedAt = times(counted.filter((c) => c.outcome === "red"))[0];
  const lastCompletedAt = times(counted).at(-1);
  const failedRuns = counted.flatMap((c) => (c.outcome === "red" && c.run ? [c.run] : []));
  return {
    state,
    failing,
    pending,
    counted: counted.length,
    ...(firstFailedAt ? { firstFailedAt } : {}),
    ...(lastCompletedAt ? { lastCompletedAt } : {}),
    ...(failedRuns.length ? { failedRuns } : {}),
  };
}

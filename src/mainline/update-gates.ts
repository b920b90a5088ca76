import { BREAKS_CONFIG_TITLE, withConfigErrors } from "../config/config-errors.js";
import type { MainlineConfig } from "../config/schema.js";
import type { ConfigError } from "../config/validate-config.js";
import { CHECK_NAMES } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { listGatePullRequests, type GatePullFacts } from "../github/gate-pulls.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { judgeGate, needsRevertCheck } from "./gate.js";
import type { Closure, EpisodeRecord } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { planGateUpdates } from "./plan-gate-updates.js";
import { createRevertJudge, type RevertJudge } from "./read-revert.js";
import type { RevertFinding } from "./true-revert.js";

/** What every step of a mainline evaluation works from. */
export interface MainlineScene {
  octokit: Octokit;
  repo: RepoRef;
  branch: string;
  config: MainlineConfig;
  /** The errors of the mainline's `andon.yml`: every gate lists them. */
  errors?: ConfigError[];
  now: Date;
  judgement: MainlineJudgement;
  /** Closed by hand (`/andon close`): every gate fails as if main were red. */
  closed?: Closure;
}

/**
 * Rewrites `andon/mainline` on every open mainline PR whose verdict changes, auto-merge
 * and approved PRs first. What each gate shows now comes with the PR list, so nothing is
 * read per PR, whether or not Andon knows what it wrote before (first flip after install,
 * a retried or resumed flip: a gate already right is not written again). A gate that says
 * the PR breaks `andon.yml` is the PR's own verdict, whatever main's state: left alone.
 */
export async function updateGates(scene: MainlineScene): Promise<number> {
  const { octokit, repo, branch, config, errors = [], now, judgement, closed } = scene;
  const revertJudge =
    judgement.state === "red" && config.allowReverts
      ? createRevertJudge(octokit, repo, judgement.episode, judgement.headSha)
      : undefined;
  revertJudge?.prepare();
  const prs: GatePullFacts[] = [];
  for await (const pr of listGatePullRequests(octokit, repo, branch)) prs.push(pr);
  const reverts = await findReverts(scene, prs, revertJudge);
  const open = prs.filter((pr) => !pr.current?.title.startsWith(BREAKS_CONFIG_TITLE));
  const byNumber = new Map(open.map((pr) => [pr.number, pr]));
  const updates = planGateUpdates(open, ({ number }) => {
    const pr = byNumber.get(number)!;
    const revert = reverts.get(number);
    const verdict = judgeGate({
      pr: { ...pr, ...(revert ? { revert } : {}) },
      defaultBranch: branch,
      mainline: judgement,
      config,
      now,
      ...(closed ? { closed } : {}),
    });
    return withConfigErrors(verdict, errors, repo);
  });
  for (const update of updates) {
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, update.headSha, update.verdict);
  }
  return updates.length;
}

/**
 * Which open PRs are true reverts of the red episode. Only a PR whose paths (listed with
 * it) all changed since the last green commit can be one, so most PRs cost nothing; a PR
 * with more paths than the page lists is judged as a revert on its own PR event.
 */
async function findReverts(
  { config, judgement }: MainlineScene,
  prs: readonly GatePullFacts[],
  judge: RevertJudge | undefined,
): Promise<Map<number, RevertFinding>> {
  const found = new Map<number, RevertFinding>();
  if (!judge) return found;
  for (const pr of prs) {
    if (pr.files && needsRevertCheck(pr, judgement, config)) {
      found.set(pr.number, await judge(pr));
    }
  }
  return found;
}

/** The mainline as Andon last recorded it, in the shape the gate judges. */
export function judgementFromRecord(
  record: EpisodeRecord,
  now: MainlineJudgement,
): MainlineJudgement {
  const headSha = now.headSha ?? "";
  if (record.state === "red") {
    const { state: _state, closed: _closed, lastCommandId: _id, confirm: _c, ...episode } = record;
    return {
      state: "red",
      headSha,
      decidingSha: headSha,
      failing: episode.failing,
      episode,
      episodeSource: "record",
    };
  }
  return record.state === "green"
    ? { state: "green", headSha, decidingSha: headSha }
    : { state: "none", headSha };
}

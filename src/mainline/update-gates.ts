import { CHECK_NAMES } from "../constants.js";
import type { MainlineConfig } from "../config/schema.js";
import { getLatestCheckRun, writeCheckRun } from "../github/checks.js";
import { listGatePullRequests, type GatePullFacts } from "../github/gate-pulls.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Closure, EpisodeRecord } from "./episode-record.js";
import { judgeGate } from "./gate.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { planGateUpdates, type OpenMainlinePr } from "./plan-gate-updates.js";

/** What every step of a mainline evaluation works from. */
export interface MainlineScene {
  octokit: Octokit;
  repo: RepoRef;
  branch: string;
  config: MainlineConfig;
  now: Date;
  judgement: MainlineJudgement;
  /** Closed by hand (`/andon close`): every gate fails as if main were red. */
  closed?: Closure;
}

export interface GateUpdateInput extends MainlineScene {
  /** What the gates were written for. Undefined: read each PR's run (reconcile). */
  previous?: EpisodeRecord;
}

/**
 * Rewrites `andon/mainline` on every open mainline PR whose verdict changes, approved
 * and auto-merge PRs first. On a flip the previous verdicts follow from Andon's
 * previous record, so nothing is read per PR; a reconcile (missed webhooks) reads
 * what each PR actually shows.
 */
export async function updateGates(input: GateUpdateInput): Promise<number> {
  const { octokit, repo, branch, config, now, judgement, previous, closed } = input;
  const prs = new Map<number, GatePullFacts>();
  for await (const pr of listGatePullRequests(octokit, repo, branch)) prs.set(pr.number, pr);
  const verdictFor = (pr: GatePullFacts, mainline: MainlineJudgement, shut?: Closure) =>
    judgeGate({
      pr,
      defaultBranch: branch,
      mainline,
      config,
      now,
      ...(shut ? { closed: shut } : {}),
    });
  const before = previous && judgementFromRecord(previous, judgement);
  const open: OpenMainlinePr[] = [];
  for (const pr of prs.values()) {
    const current = before
      ? verdictFor(pr, before, previous.closed)
      : await getLatestCheckRun(octokit, repo, pr.headSha, CHECK_NAMES.mainline);
    open.push({
      ...pr,
      ...(current
        ? { current: { conclusion: current.conclusion, title: current.title ?? "" } }
        : {}),
    });
  }
  const updates = planGateUpdates(open, (pr) => verdictFor(prs.get(pr.number)!, judgement, closed));
  for (const update of updates) {
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, update.headSha, update.verdict);
  }
  return updates.length;
}

/** The mainline as Andon last recorded it, in the shape the gate judges. */
export function judgementFromRecord(
  record: EpisodeRecord,
  now: MainlineJudgement,
): MainlineJudgement {
  const headSha = now.headSha ?? "";
  if (record.state === "red") {
    const { state: _state, closed: _closed, lastCommandId: _id, ...episode } = record;
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

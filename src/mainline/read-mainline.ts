import { CHECK_NAMES } from "../constants.js";
import type { MainlineConfig } from "../config/schema.js";
import type { CheckRunSummary } from "../github/checks.js";
import { listCheckRuns, listCommits, listLatestStatuses } from "../github/commits.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { judgeBuild } from "./build-state.js";
import { decodeEpisode, type EpisodeRecord } from "./episode-record.js";
import {
  judgeMainline,
  needsMoreHistory,
  type MainlineCommit,
  type MainlineJudgement,
} from "./mainline-state.js";

/** Commits per history page: most judgements settle within the first two commits. */
const PAGE_SIZE = 10;
/** How far back Andon reads for a red episode's start before it says "at least". */
const MAX_COMMITS = 50;
/** Past the deciding commit, how many more commits to read for Andon's previous record. */
const RECORD_LOOKBACK = 3;

export interface MainlineReading {
  judgement: MainlineJudgement;
  /** What Andon last recorded: the state its gates were written for. */
  previous: EpisodeRecord | undefined;
  /** Andon's record run on the head commit, when there is one (to update, not duplicate). */
  headRecord: CheckRunSummary | undefined;
}

/**
 * Reads main's history from the head, one commit's build at a time, until the state is
 * settled and Andon's previous record is found: typically the head and the commit
 * before it. The previous record is what tells a flip from a repeat.
 */
export async function readMainline(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  config: MainlineConfig,
): Promise<MainlineReading> {
  const commits: MainlineCommit[] = [];
  const recordRuns = new Map<string, CheckRunSummary>();
  let judgement: MainlineJudgement = { state: "none" };
  for (let page = 1; commits.length < MAX_COMMITS; page++) {
    const listed = await listCommits(octokit, repo, branch, page, PAGE_SIZE);
    for (const commit of listed) {
      const [runs, statuses] = await Promise.all([
        listCheckRuns(octokit, repo, commit.sha),
        listLatestStatuses(octokit, repo, commit.sha),
      ]);
      const own = runs.find((r) => r.name === CHECK_NAMES.mainline);
      const record = decodeEpisode(own?.summary);
      if (own) recordRuns.set(commit.sha, own);
      commits.push({
        ...commit,
        build: judgeBuild(runs, statuses, config),
        ...(record ? { record } : {}),
      });
      judgement = judgeMainline(commits);
      if (isSettled(judgement, commits)) return reading(judgement, commits, recordRuns);
    }
    if (listed.length < PAGE_SIZE) break;
  }
  return reading(judgement, commits, recordRuns);
}

function isSettled(judgement: MainlineJudgement, commits: MainlineCommit[]): boolean {
  if (needsMoreHistory(judgement)) return false;
  if (commits.some((c) => c.record)) return true;
  const decidingAt =
    "decidingSha" in judgement ? commits.findIndex((c) => c.sha === judgement.decidingSha) : 0;
  return commits.length - 1 - decidingAt >= RECORD_LOOKBACK;
}

function reading(
  judgement: MainlineJudgement,
  commits: MainlineCommit[],
  recordRuns: Map<string, CheckRunSummary>,
): MainlineReading {
  const head = commits[0]?.sha;
  return {
    judgement,
    previous: commits.find((c) => c.record)?.record,
    headRecord: head ? recordRuns.get(head) : undefined,
  };
}

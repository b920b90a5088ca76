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

export interface ReadOptions {
  /**
   * Look for Andon's previous record (default): only the mainline job needs it, to tell a
   * flip from a repeat. A gate (PR, merge group) needs main's state alone: fewer reads.
   */
  record?: boolean;
}

export interface MainlineReading {
  judgement: MainlineJudgement;
  /** What Andon last recorded: the state its gates were written for. */
  previous: EpisodeRecord | undefined;
  /** Andon's record run on the head commit, when there is one (to update, not duplicate). */
  headRecord: CheckRunSummary | undefined;
  /**
   * The commits read above the deciding one, newest first: their builds have not finished
   * (a confirmation by re-run waits while its commit is among them).
   */
  unfinished: string[];
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
  options: ReadOptions = {},
): Promise<MainlineReading> {
  const wantsRecord = options.record ?? true;
  const commits: MainlineCommit[] = [];
  const recordRuns = new Map<string, CheckRunSummary>();
  let judgement: MainlineJudgement = { state: "none" };
  let lookedBack = 0;
  for (let page = 1; commits.length + lookedBack < MAX_COMMITS; page++) {
    const listed = await listCommits(octokit, repo, branch, page, PAGE_SIZE);
    for (const commit of listed) {
      // A settled red main only needs Andon's previous record (it tells a flip from a
      // repeat): older commits' check runs carry it, their statuses cannot.
      const recordOnly =
        judgement.state === "red" && !needsMoreHistory(judgement) && !commits.some((c) => c.record);
      const [runs, statuses] = await Promise.all([
        listCheckRuns(octokit, repo, commit.sha),
        recordOnly ? undefined : listLatestStatuses(octokit, repo, commit.sha),
      ]);
      const own = runs.find((r) => r.name === CHECK_NAMES.mainline);
      const record = decodeEpisode(own?.summary);
      if (own) recordRuns.set(commit.sha, own);
      if (recordOnly && !record) {
        lookedBack += 1;
        if (pastDeciding(judgement, commits) + lookedBack >= RECORD_LOOKBACK) {
          return reading(judgement, commits, recordRuns);
        }
        continue;
      }
      commits.push({
        ...commit,
        build: judgeBuild(
          runs,
          statuses ?? (await listLatestStatuses(octokit, repo, commit.sha)),
          config,
        ),
        ...(record ? { record } : {}),
      });
      judgement = judgeMainline(commits);
      if (isSettled(judgement, commits, wantsRecord)) {
        return reading(judgement, commits, recordRuns);
      }
    }
    if (listed.length < PAGE_SIZE) break;
  }
  return reading(judgement, commits, recordRuns);
}

function isSettled(
  judgement: MainlineJudgement,
  commits: MainlineCommit[],
  wantsRecord: boolean,
): boolean {
  if (needsMoreHistory(judgement)) return false;
  if (!wantsRecord || commits.some((c) => c.record)) return true;
  return pastDeciding(judgement, commits) >= RECORD_LOOKBACK;
}

/** How many commits were read past the one that decides the state. */
function pastDeciding(judgement: MainlineJudgement, commits: MainlineCommit[]): number {
  const decidingAt =
    "decidingSha" in judgement ? commits.findIndex((c) => c.sha === judgement.decidingSha) : 0;
  return commits.length - 1 - decidingAt;
}

function reading(
  judgement: MainlineJudgement,
  commits: MainlineCommit[],
  recordRuns: Map<string, CheckRunSummary>,
): MainlineReading {
  const head = commits[0]?.sha;
  const decidingAt =
    "decidingSha" in judgement ? commits.findIndex((c) => c.sha === judgement.decidingSha) : -1;
  return {
    judgement,
    previous: commits.find((c) => c.record)?.record,
    headRecord: head ? recordRuns.get(head) : undefined,
    unfinished: (decidingAt < 0 ? commits : commits.slice(0, decidingAt)).map((c) => c.sha),
  };
}

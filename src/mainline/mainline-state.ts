import type { BuildJudgement, FailedRun, FailingCheck } from "./build-state.js";
import type { CommitAuthor, Episode, EpisodeRecord } from "./episode-record.js";

/** One mainline commit, with its judged build and Andon's record on it, if any. */
export interface MainlineCommit {
  sha: string;
  /** The commit date, ISO 8601: when the commit reached main for squash and merge commits. */
  committedAt: string;
  author: CommitAuthor;
  build: BuildJudgement;
  /** Decoded from Andon's own `andon/mainline` run on this commit. */
  record?: EpisodeRecord;
}

export interface FixedBy {
  sha: string;
  author: CommitAuthor;
  /** When the fixing commit's last counted check completed, ISO 8601. */
  at: string;
  /**
   * Time to restore: from the completion of the breaking commit's first failing check
   * (the episode's `since`) to the completion of the fixing commit's last counted check.
   */
  restoredAfterMs: number;
  /** The breaking commit itself turned green (a re-run, no code change). */
  flaky: boolean;
  /** Flaky only: the checks that failed on the breaking commit and pass now. */
  flippedChecks: string[];
}

interface Judged {
  headSha: string;
  /** The newest commit whose build finished red or green: it decides the mainline state. */
  decidingSha: string;
}

export type MainlineJudgement =
  | (Judged & {
      state: "red";
      /** The failing checks of the deciding commit: what is red right now. */
      failing: FailingCheck[];
      /** Those of them that are check runs, to re-run (`mainline.confirmRed: rerun`). */
      failedRuns?: FailedRun[];
      episode: Episode;
      /** Where the episode's start came from: the commits read, or an earlier record. */
      episodeSource: "history" | "record";
    })
  | (Judged & {
      state: "green";
      /** Set when the last record says red: this judgement ends that episode. */
      fixed?: { episode: Episode; fixedBy: FixedBy };
    })
  /** Commits exist but none has finished yet. */
  | { state: "pending"; headSha: string }
  /** No commit has any CI to judge. */
  | { state: "none"; headSha?: string };

type RedRecord = Extract<EpisodeRecord, { state: "red" }>;

/** The episode alone: a closure belongs to the record, never to an episode. */
function withoutState(record: RedRecord): Episode {
  const { state: _state, closed: _closed, lastCommandId: _id, confirm: _c, ...episode } = record;
  return episode;
}

function isFinished(commit: MainlineCommit): boolean {
  return commit.build.state === "red" || commit.build.state === "green";
}

function findEpisode(commits: readonly MainlineCommit[]) {
  const greenAt = commits.findIndex((c) => c.build.state === "green");
  const stretch = greenAt === -1 ? commits : commits.slice(0, greenAt);
  // A record is trusted unless the commits read show its breaking commit lies behind a
  // green one: then it belongs to an earlier episode that has ended since.
  const recorded = stretch
    .map((c) => c.record)
    .find(
      (r): r is RedRecord =>
        r?.state === "red" && (greenAt === -1 || stretch.some((c) => c.sha === r.breakingSha)),
    );
  if (recorded) return { episode: withoutState(recorded), episodeSource: "record" as const };

  // The stretch holds the deciding commit, which is red, so there is an oldest red commit.
  const breaking = stretch.findLast((c) => c.build.state === "red") as MainlineCommit;
  const episode: Episode = {
    breakingSha: breaking.sha,
    breakingAuthor: breaking.author,
    since: breaking.build.firstFailedAt ?? breaking.committedAt,
    failing: breaking.build.failing,
    startKnown: greenAt !== -1,
  };
  return { episode, episodeSource: "history" as const };
}

function findFix(commits: readonly MainlineCommit[], decidingAt: number) {
  const last = commits.find((c) => c.record !== undefined)?.record;
  if (last?.state !== "red") return {};
  const episode = withoutState(last);
  // The fixing commit is the first green one after the last red one, never older than
  // the breaking commit (a re-run that turns the breaking commit green fixes it itself).
  let fixing = commits[decidingAt] as MainlineCommit;
  for (const commit of commits.slice(decidingAt)) {
    if (commit.build.state === "red") break;
    if (commit.build.state === "green") fixing = commit;
    if (commit.sha === episode.breakingSha) break;
  }
  const at = fixing.build.lastCompletedAt ?? fixing.committedAt;
  const restoredAfterMs = Math.max(0, Date.parse(at) - Date.parse(episode.since));
  const flaky = fixing.sha === episode.breakingSha;
  const fixedBy: FixedBy = {
    sha: fixing.sha,
    author: fixing.author,
    at,
    restoredAfterMs,
    flaky,
    flippedChecks: flaky ? episode.failing.map((c) => c.name) : [],
  };
  return { fixed: { episode, fixedBy } };
}

/**
 * The mainline state, from a window of main's history, newest first.
 *
 * The newest commit whose build finished decides: a pending head keeps a red main red
 * (red until proven green), and a late failure on an older commit cannot turn main red
 * once a newer commit is green. Commits without counted checks prove nothing and are
 * passed over. The whole window is judged every time, so events may arrive in any order.
 */
export function judgeMainline(commits: readonly MainlineCommit[]): MainlineJudgement {
  const head = commits[0];
  if (!head) return { state: "none" };
  const decidingAt = commits.findIndex(isFinished);
  const deciding = commits[decidingAt];
  if (!deciding) {
    const running = commits.some((c) => c.build.state === "pending");
    return running ? { state: "pending", headSha: head.sha } : { state: "none", headSha: head.sha };
  }
  const judged = { headSha: head.sha, decidingSha: deciding.sha };
  if (deciding.build.state === "green")
    return { state: "green", ...judged, ...findFix(commits, decidingAt) };
  const { failing, failedRuns } = deciding.build;
  return {
    state: "red",
    ...judged,
    failing,
    ...(failedRuns ? { failedRuns } : {}),
    ...findEpisode(commits),
  };
}

/**
 * Whether the window was too short to settle the judgement, so the caller should read
 * an older page of history and judge again. Kept apart so the orchestration pages only
 * when needed (most events settle on the first page) and can cap how far it reads.
 */
export function needsMoreHistory(judgement: MainlineJudgement): boolean {
  if (judgement.state === "pending") return true;
  return (
    judgement.state === "red" &&
    judgement.episodeSource === "history" &&
    !judgement.episode.startKnown
  );
}

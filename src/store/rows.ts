/**
 * The history's rows as plain data (ISO 8601 UTC times): what the figures are computed
 * from, so they are pure functions testable without a database.
 */
export interface RepositoryRow {
  /** `owner/repo`. */
  repo: string;
  installationId: number;
  /** When Andon first recorded anything about it: `greenPct` is measured from here. */
  firstSeen: string;
}

export interface EpisodeRow {
  repo: string;
  breakingSha: string;
  fixingSha: string | null;
  /** The breaking commit's author. */
  author: string | null;
  failingChecks: string[];
  start: string;
  /** Null while the mainline is still red. */
  end: string | null;
  /** Ended by the breaking commit itself turning green (a re-run). */
  flaky: boolean;
  flippedChecks: string[];
}

export interface ClosureRow {
  repo: string;
  by: string | null;
  at: string;
  reason: string | null;
  openedBy: string | null;
  /** Null while the mainline is still closed. */
  openedAt: string | null;
}

export interface MergeRow {
  repo: string;
  number: number;
  mergedAt: string;
  /** merged_at − the committer date of the branch's oldest commit not on the mainline. */
  branchAgeHours: number | null;
  mergedWhileRed: boolean;
  /** Why a merge while red went through: the fix label, a revert; null when not known. */
  letThrough: string | null;
}

export type TestsVerdict = "ok" | "no-tests" | "no-ci";

export interface SnapshotRow {
  repo: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  tests: TestsVerdict | null;
  staleBranches: number;
  oldestBranchAgeHours: number | null;
}

/** Everything recorded about a set of repositories that bears on a period. */
export interface History {
  repositories: RepositoryRow[];
  episodes: EpisodeRow[];
  closures: ClosureRow[];
  merges: MergeRow[];
  /** The newest snapshot of each repository. */
  snapshots: SnapshotRow[];
}

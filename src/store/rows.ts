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
  /** Since when a red is being confirmed by a re-run; absent when none is. */
  confirmingSince?: string;
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

/**
 * A repository's merges into the mainline in a period, counted by the database: a busy
 * organisation merges tens of thousands of times a quarter, and the figures need only
 * how many and how old the branches were, not a row each.
 */
export interface MergeTally {
  repo: string;
  merges: number;
  /** The age of each merged branch that has one, hours. */
  branchAgeHours: number[];
}

export type TestsVerdict = "ok" | "no-tests" | "no-ci";

export interface SnapshotRow {
  repo: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  tests: TestsVerdict | null;
  staleBranches: number;
  oldestBranchAgeHours: number | null;
  /** The oldest stale branch and its head commit's author; null before schema version 2. */
  oldestBranch: string | null;
  oldestBranchAuthor: string | null;
}

/** Everything recorded about a set of repositories that bears on a period. */
export interface History {
  repositories: RepositoryRow[];
  episodes: EpisodeRow[];
  closures: ClosureRow[];
  /** The merges in the period, tallied per repository. */
  merges: MergeTally[];
  /** The newest snapshot of each repository. */
  snapshots: SnapshotRow[];
}

import type { StaleSkipReason } from "../integration/stale-branch.js";

/** Why a repository's branches were not scanned. */
export type RepoSkipReason = "archived" | "disabled" | "fork" | "integration-disabled";

export interface RepoFailure {
  repo: string;
  /** What failed: the repository's sweep, a repo task, or posting a nag. */
  step: string;
  status?: number;
  message: string;
  /** A transient failure that a retry job will take up. */
  retry: boolean;
}

/** What one sweep job did, logged as one line when it ends. */
export interface SweepSummary {
  installationId: number;
  job: string;
  dryRun: boolean;
  /** Repositories whose branches were scanned. */
  repos: number;
  branches: number;
  /** Nags posted (in a dry run: that would have been). */
  nagged: number;
  /** Nags over `ANDON_MAX_COMMENTS_PER_RUN`, left for the next run. */
  deferred: number;
  /** Open pull requests handed to `judge-pr` for a fresh `andon/integration`. */
  pullRequests: number;
  skipped: {
    repos: Partial<Record<RepoSkipReason, number>>;
    branches: Partial<Record<StaleSkipReason, number>>;
  };
  /** Repositories whose `andon.yml` is invalid: swept with the defaults. */
  invalidConfig: string[];
  failed: RepoFailure[];
  /** GitHub API requests this job made. */
  requests: number;
}

export function emptySummary(installationId: number, job: string, dryRun: boolean): SweepSummary {
  return {
    installationId,
    job,
    dryRun,
    repos: 0,
    branches: 0,
    nagged: 0,
    deferred: 0,
    pullRequests: 0,
    skipped: { repos: {}, branches: {} },
    invalidConfig: [],
    failed: [],
    requests: 0,
  };
}

/** A failure of one step for one repository, as the summary records it. */
export function repoFailure(
  repo: string,
  step: string,
  error: unknown,
  retry: boolean,
): RepoFailure {
  const status = (error as { status?: number }).status;
  return {
    repo,
    step,
    ...(status ? { status } : {}),
    message: error instanceof Error ? error.message : String(error),
    retry,
  };
}

/** Adds `counts` into `into`, key by key. */
export function addCounts<K extends string>(
  into: Partial<Record<K, number>>,
  counts: Partial<Record<K, number>>,
): void {
  for (const [key, n] of Object.entries(counts) as Array<[K, number]>) {
    into[key] = (into[key] ?? 0) + n;
  }
}

/** The summary as one sentence, for people reading the logs. */
export function describeSummary(s: SweepSummary): string {
  const skipped = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(", ") || "none";
  return (
    `${s.dryRun ? "dry run: " : ""}sweep of installation ${s.installationId}: ` +
    `${s.repos} repos, ${s.branches} branches, ${s.nagged} nagged, ` +
    `${s.deferred} deferred, ${s.pullRequests} PRs re-judged; ` +
    `skipped repos: ${skipped(s.skipped.repos)}; skipped branches: ${skipped(s.skipped.branches)}; ` +
    `${s.failed.length} failed; ${s.requests} API requests`
  );
}

export interface SweepJobData {
  /** Only these repositories (`owner/name`); every repository of the installation when absent. */
  repositories?: string[];
  /** Comments this job may post; `ANDON_MAX_COMMENTS_PER_RUN` when absent. */
  budget?: number;
  /**
   * A retry of a repository that failed transiently: failing again fails the job, so
   * the runner backs off and retries it.
   */
  retry?: boolean;
  /**
   * `false`: post no stale-branch comment. The sweep on install and on repositories added
   * posts checks and repairs gates only, and so does every sweep in an installation's first
   * 24 hours (PRODUCT.md, "Stale branch").
   */
  nag?: false;
}

/** No stale-branch comment in the first 24 hours after an installation was created. */
export const FIRST_DAY_MS = 24 * 3_600_000;

/** Whether `now` is within the first day after `since` (an unknown start is not). */
export function isFirstDay(since: string | null, now: Date): boolean {
  if (!since) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && now.getTime() - at < FIRST_DAY_MS;
}

/**
 * The key of the sweep of an installation (or some of its repositories). A full sweep
 * and a partial one never coalesce: the queue keeps only the newest job of a key, and a
 * sweep of one added repository must not replace the daily sweep of all.
 */
export function sweepKey(data: SweepJobData, installationId: number): string {
  const scope = data.repositories
    ? `:${data.retry ? "retry:" : ""}${[...data.repositories].sort().join(",")}`
    : "";
  return `sweep:${installationId}${scope}`;
}

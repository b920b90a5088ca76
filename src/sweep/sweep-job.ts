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

import type { Context } from "probot";
import { sweepInstallationJob } from "../sweep/sweep-installation.js";
import { parseRepoName } from "../github/types.js";
import type { Job, WorkQueue } from "../work/job.js";

/**
 * A new installation is swept at once for its checks and gates; its stale branches get
 * their first comment no sooner than a day later, so installing Andon is not a burst of
 * comments.
 */
export function onInstallationCreated(queue: WorkQueue) {
  return async (context: Context<"installation.created">): Promise<void> => {
    await queue.enqueue(
      sweepInstallationJob.of({ nag: false }, context.payload.installation.id, context.id),
    );
  };
}

/**
 * Repositories added to an installation are swept at once, and only those (no nags);
 * `recordJobs` remembers when they came, so the daily sweep leaves them a quiet day too.
 */
export function onRepositoriesAdded(
  queue: WorkQueue,
  recordJobs: (
    repositories: string[],
    installationId: number,
    deliveryId: string,
  ) => Job[] = () => [],
) {
  return async (context: Context<"installation_repositories.added">): Promise<void> => {
    const added = context.payload.repositories_added.map((r) => r.full_name);
    const repositories = added.filter((name) => parseRepoName(name) !== undefined);
    if (repositories.length < added.length) {
      const ignored = added.filter((name) => !repositories.includes(name));
      context.log.warn(
        { deliveryId: context.id, ignored },
        "repositories with no owner or no name ignored",
      );
    }
    if (repositories.length === 0) return;
    const id = context.payload.installation.id;
    for (const job of recordJobs(repositories, id, context.id)) await queue.enqueue(job);
    await queue.enqueue(sweepInstallationJob.of({ repositories, nag: false }, id, context.id));
  };
}

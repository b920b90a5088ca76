import type { Context } from "probot";
import { sweepInstallationJob } from "../sweep/sweep-installation.js";
import type { WorkQueue } from "../work/job.js";

/** A new installation is swept at once: its stale branches need not wait for tomorrow. */
export function onInstallationCreated(queue: WorkQueue) {
  return async (context: Context<"installation.created">): Promise<void> => {
    await queue.enqueue(sweepInstallationJob.of({}, context.payload.installation.id, context.id));
  };
}

/** Repositories added to an installation are swept at once, and only those. */
export function onRepositoriesAdded(queue: WorkQueue) {
  return async (context: Context<"installation_repositories.added">): Promise<void> => {
    const repositories = context.payload.repositories_added.map((r) => r.full_name);
    if (repositories.length === 0) return;
    const id = context.payload.installation.id;
    await queue.enqueue(sweepInstallationJob.of({ repositories }, id, context.id));
  };
}

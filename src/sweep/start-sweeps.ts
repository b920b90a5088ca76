import { listInstallations, type InstallationFacts } from "../github/installations.js";
import type { Octokit } from "../github/types.js";
import type { Job, JobTools } from "../work/job.js";
import { sweepInstallationJob } from "./sweep-installation.js";
import { isFirstDay, type SweepJobData } from "./sweep-job.js";

export interface StartedSweeps {
  installations: number;
  suspended: number;
}

/** The daily sweep of an installation: no stale-branch comment in its first day. */
export function scheduledSweepJob(
  installation: InstallationFacts,
  now: Date,
  deliveryId?: string,
): Job<SweepJobData> {
  const data = isFirstDay(installation.createdAt, now) ? { nag: false as const } : {};
  return sweepInstallationJob.of(data, installation.id, deliveryId);
}

/**
 * Enqueues a sweep of every installation at once (no jitter): what an external cron
 * asks for through `POST /andon/sweep`. Suspended installations are left out: their
 * tokens are refused.
 */
export async function startSweeps(
  appOctokit: Octokit,
  enqueue: JobTools["enqueue"],
  now: Date,
): Promise<StartedSweeps> {
  const started: StartedSweeps = { installations: 0, suspended: 0 };
  for await (const installation of listInstallations(appOctokit)) {
    if (installation.suspended) {
      started.suspended++;
      continue;
    }
    started.installations++;
    await enqueue(scheduledSweepJob(installation, now));
  }
  return started;
}

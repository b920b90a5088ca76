import { listInstallations } from "../github/installations.js";
import type { Octokit } from "../github/types.js";
import type { JobTools } from "../work/job.js";
import { sweepInstallationJob } from "./sweep-installation.js";

export interface StartedSweeps {
  installations: number;
  suspended: number;
}

/**
 * Enqueues a sweep of every installation at once (no jitter): what an external cron
 * asks for through `POST /andon/sweep`. Suspended installations are left out: their
 * tokens are refused.
 */
export async function startSweeps(
  appOctokit: Octokit,
  enqueue: JobTools["enqueue"],
): Promise<StartedSweeps> {
  const started: StartedSweeps = { installations: 0, suspended: 0 };
  for await (const installation of listInstallations(appOctokit)) {
    if (installation.suspended) {
      started.suspended++;
      continue;
    }
    started.installations++;
    await enqueue(sweepInstallationJob.of({}, installation.id));
  }
  return started;
}

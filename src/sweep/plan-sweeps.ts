import { listInstallations } from "../github/installations.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { jitterMs } from "./jitter.js";
import { scheduledSweepJob } from "./start-sweeps.js";

export interface PlanSweepsData {
  intervalMs: number;
}

/**
 * The installation id a job runs with when it needs the app's own credentials (listing
 * installations) rather than an installation's token.
 */
export const APP_ITSELF = 0;

/**
 * With a shared queue, the deployment's one sweep schedule: a BullMQ job scheduler runs
 * this at the start of every interval, on one replica, and it queues each installation's
 * sweep for the slot the in-process scheduler would pick. The slot is the sweep's
 * delivery id, so a plan that runs twice in an interval (a scheduler upserted again by a
 * replica that starts) still sweeps each installation once.
 */
export const planSweepsJob = defineJob({
  kind: "plan-sweeps",
  key: () => "plan-sweeps",
  handler: planSweeps,
});

function planSweeps({ clock }: { clock: () => Date }): JobHandler<PlanSweepsData> {
  return async ({ data }, { octokit, log, enqueue }) => {
    const now = clock().getTime();
    const start = Math.floor(now / data.intervalMs) * data.intervalMs;
    let planned = 0;
    for await (const installation of listInstallations(octokit)) {
      if (installation.suspended) continue;
      const slot = start + jitterMs(installation.id, data.intervalMs);
      const sweep = scheduledSweepJob(installation, new Date(slot), `sweep-slot:${slot}`);
      await enqueue(sweep, Math.max(0, slot - now));
      planned++;
    }
    log.info({ planned, intervalMs: data.intervalMs }, "sweeps planned for this interval");
  };
}

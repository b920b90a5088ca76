import type { ApplicationFunctionOptions, Logger, Probot } from "probot";
import { listInstallations } from "../github/installations.js";
import { sweepEndpoint } from "../handlers/sweep-endpoint.js";
import type { WorkQueue } from "../work/job.js";
import { startSweepScheduler, type Scheduler, type Timers } from "./scheduler.js";
import type { SweepSettings } from "./settings.js";
import { startSweeps } from "./start-sweeps.js";
import { sweepInstallationJob } from "./sweep-installation.js";

export interface SweepTriggerOptions {
  probot: Probot;
  addHandler: ApplicationFunctionOptions["addHandler"];
  queue: WorkQueue;
  settings: SweepSettings;
  clock: () => Date;
  timers?: Timers;
  log: Logger;
}

/**
 * The two ways a scheduled sweep starts: `POST /andon/sweep` when `ANDON_SWEEP_TOKEN`
 * is set, and the in-process scheduler unless `ANDON_SWEEP_INTERVAL=0`. Both list the
 * installations with the app's own credentials (`probot.auth()` with no id), the only
 * ones allowed to; each sweep then runs with its installation's token.
 */
export function startSweepTriggers(options: SweepTriggerOptions): Scheduler | undefined {
  const { probot, queue, settings, log } = options;
  const enqueue = queue.enqueue.bind(queue);
  if (settings.token) {
    const start = async () => startSweeps(await probot.auth(), enqueue);
    options.addHandler(sweepEndpoint({ token: settings.token, startSweeps: start, log }));
  }
  if (settings.intervalMs <= 0) return undefined;
  return startSweepScheduler({
    intervalMs: settings.intervalMs,
    now: options.clock,
    ...(options.timers ? { timers: options.timers } : {}),
    installations: async function* () {
      yield* listInstallations(await probot.auth());
    },
    sweep: (installationId) => void enqueue(sweepInstallationJob.of({}, installationId)),
    log,
  });
}

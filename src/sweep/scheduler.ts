import type { Logger } from "probot";
import type { InstallationFacts } from "../github/installations.js";
import { NODE_TIMERS, type Timers } from "../work/timers.js";
import { jitterMs } from "./jitter.js";

export interface SchedulerOptions {
  intervalMs: number;
  now: () => Date;
  timers?: Timers;
  /** Every installation of the app, listed afresh each interval. */
  installations: () => AsyncIterable<InstallationFacts>;
  /** Start the sweep of one installation (enqueue its job). */
  sweep: (installation: InstallationFacts) => void;
  log: Logger;
}

export interface Scheduler {
  stop(): void;
}

/**
 * The in-process scheduler: each installation is swept once per interval, at a slot
 * fixed by its id within intervals aligned to the epoch. Aligned and fixed, so a
 * restart neither sweeps again what was swept nor moves anyone's slot: a slot that
 * passed before the start waits for the next interval. At the start of each interval
 * it lists the installations (leaving suspended ones out) and sets one timer per slot.
 * For several replicas, turn it off (`ANDON_SWEEP_INTERVAL=0`) and call
 * `POST /andon/sweep` from one external cron instead.
 */
export function startSweepScheduler(options: SchedulerOptions): Scheduler {
  const { intervalMs, log } = options;
  const timers = options.timers ?? NODE_TIMERS;
  const handles = new Set<unknown>();
  let stopped = false;
  const now = () => options.now().getTime();

  const after = (ms: number, fn: () => void | Promise<void>) => {
    const handle = timers.setTimeout(
      () => {
        handles.delete(handle);
        return stopped ? undefined : fn();
      },
      Math.max(0, ms),
    );
    handles.add(handle);
  };

  async function plan(from: number): Promise<void> {
    const start = Math.floor(from / intervalMs) * intervalMs;
    let planned = 0;
    try {
      for await (const installation of options.installations()) {
        if (installation.suspended) continue;
        const slot = start + jitterMs(installation.id, intervalMs);
        if (slot < from) continue;
        planned++;
        after(slot - now(), () => options.sweep(installation));
      }
      log.info({ planned, intervalMs }, "sweeps planned for this interval");
    } catch (error) {
      // Nothing planned this interval; the next one lists the installations again.
      log.error({ err: error }, "could not list installations to plan the sweeps");
    }
    after(start + intervalMs - now(), () => plan(start + intervalMs));
  }

  after(0, () => plan(now()));
  return {
    stop() {
      stopped = true;
      for (const handle of handles) timers.clearTimeout(handle);
      handles.clear();
    },
  };
}

import type { Job, JobTools, WorkQueue } from "../../src/work/job.js";
import { createInProcessRunner } from "../../src/work/in-process-runner.js";
import { createRedisQueue, type RedisWorkQueue } from "../../src/work/redis-queue.js";
import type { RetryPolicy } from "../../src/work/retry-policy.js";
import { recordingLog, settle, OCTOKIT, type LogLine } from "../kit/runner-kit.js";
import { ManualTimers } from "../kit/manual-timers.js";
import type { RunningService } from "../kit/services.js";

export type Handle = (job: Job, tools: JobTools) => Promise<void>;

export interface BackendOptions {
  concurrency?: number;
  retryPolicy?: RetryPolicy;
}

/**
 * One deployment's queue as the tests drive it: `replica()` starts one more replica on
 * it (in process there is only one: every call gives the same queue), and the clock and
 * the timers move only when the test says.
 */
export interface Deployment {
  replica(): WorkQueue & { kill?(): void };
  /** Moves the app's clock on by `ms` and lets what became due run. */
  elapse(ms: number): Promise<void>;
  /** Waits until no replica has work that is due. */
  idle(): Promise<void>;
  /** Every retry delay asked for, in ms. */
  sleeps: number[];
  lines: LogLine[];
  clock(): Date;
  /** Stops every replica still running. */
  stop(): Promise<void>;
}

export interface Backend {
  name: string;
  deploy(handle: Handle, options?: BackendOptions): Deployment;
}

const START = Date.parse("2026-11-25T12:00:00Z");

function common(handle: Handle, options: BackendOptions) {
  let now = START;
  const sleeps: number[] = [];
  const lines: LogLine[] = [];
  return {
    sleeps,
    lines,
    clock: () => new Date(now),
    advance: (ms: number) => (now += ms),
    runner: {
      jobs: [{ kind: "judge", run: handle }],
      auth: async () => OCTOKIT,
      log: recordingLog(lines),
      clock: () => new Date(now),
      onRetry: (_job: Job, ms: number) => void sleeps.push(ms),
      ...options,
    },
  };
}

export const IN_PROCESS: Backend = {
  name: "in process",
  deploy(handle, options = {}) {
    const c = common(handle, options);
    const timers = new ManualTimers(c.clock);
    const queue = createInProcessRunner({ ...c.runner, timers });
    return {
      replica: () => queue,
      async elapse(ms) {
        c.advance(ms);
        await timers.runDue();
        await settle();
      },
      idle: () => queue.idle(),
      sleeps: c.sleeps,
      lines: c.lines,
      clock: c.clock,
      stop: async () => void (await queue.drain(1_000)),
    };
  },
};

let deployments = 0;

/** Replicas of one BullMQ queue on a real `redis-server`; each test gets its own queue name. */
export function redisBackend(redis: () => RunningService): Backend {
  return {
    name: "BullMQ on Redis",
    deploy(handle, options = {}) {
      const c = common(handle, options);
      const name = `andon-test-${process.pid}-${++deployments}`;
      const replicas: RedisWorkQueue[] = [];
      const live = () => replicas.filter((r) => !dead.has(r));
      const dead = new Set<RedisWorkQueue>();
      const deployment: Deployment = {
        replica() {
          const queue = createRedisQueue({
            ...c.runner,
            url: redis().url,
            name,
            lockMs: 1_000,
            maxRealDelayMs: 20,
            busyDelayMs: 20,
          });
          replicas.push(queue);
          const kill = queue.kill.bind(queue);
          const drain = queue.drain.bind(queue);
          queue.kill = () => (dead.add(queue), kill());
          queue.drain = (ms) => (dead.add(queue), drain(ms));
          return queue;
        },
        async elapse(ms) {
          c.advance(ms);
          await deployment.idle();
        },
        idle: () => (live()[0] ?? deployment.replica()).idle(),
        sleeps: c.sleeps,
        lines: c.lines,
        clock: c.clock,
        async stop() {
          await Promise.all(live().map((r) => r.drain(1_000).catch(() => undefined)));
        },
      };
      return deployment;
    },
  };
}

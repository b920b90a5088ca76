import { randomUUID } from "node:crypto";
import { DelayedError, Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import type { PauseBoard } from "../github/installation-pause.js";
import type { Job, WorkQueue } from "./job.js";
import { createJobRunner, type JobRunnerOptions } from "./run-job.js";

export interface RedisQueueOptions extends JobRunnerOptions {
  /** `REDIS_URL`. */
  url: string;
  /** The BullMQ queue (and key prefix) every replica shares; tests give each test its own. */
  name?: string;
  /** Jobs this replica runs at once. */
  concurrency?: number;
  /**
   * How long a replica that died holding a job (or a lock group) keeps it: BullMQ's job
   * lock and Andon's lock-group lock both expire after this, then another replica takes
   * over. Both are renewed while the job runs.
   */
  lockMs?: number;
  /**
   * The longest real wait BullMQ is asked for before a delayed job looks at the app's
   * clock again. Unbounded in production (the app's clock is real time); tests bound it
   * so that moving a fake clock moves delayed work.
   */
  maxRealDelayMs?: number;
  /** How soon a job whose lock group is busy on another replica looks again. */
  busyDelayMs?: number;
  /** How long a delivery id is remembered across replicas. */
  seenTtlMs?: number;
}

export interface RedisWorkQueue extends WorkQueue {
  /**
   * Runs `job` every `everyMs`, once for the whole deployment, through a BullMQ job
   * scheduler: every replica upserts the same scheduler id, so there is one schedule.
   */
  repeat(schedulerId: string, job: Job, everyMs: number): Promise<void>;
  /** Drops every connection with no goodbye, as SIGKILL would (tests of a crash). */
  kill(): void;
  /** Rate-limit pauses and write turns shared by every replica (see `PauseBoard`). */
  pauses: PauseBoard;
}

/** BullMQ job data: a key to run (its newest job is in Redis), or a job due later. */
type Envelope = { key: string; lock: string } | { later: Job; dueAt: number };

const RUN = "run";
/** The longest one step of stopping a replica may wait on Redis (see `bounded`). */
const STOP_STEP_MS = 2_000;
const noop = () => undefined;
/** The longest one write may hold its installation's turn (a request that hangs). */
const TURN_MS = 30_000;
const LATER = "later";

/** Deletes a lock only if this replica still owns it (its token). */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;
/** Extends a lock only if this replica still owns it. */
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;
/**
 * A run is over: forget the key's job if no newer one came meanwhile (same version);
 * otherwise keep the newer job for the run already queued behind this one, with a
 * fresh attempt count.
 */
const SETTLE = `if redis.call("hget", KEYS[1], "version") == ARGV[1] then return redis.call("del", KEYS[1]) end return redis.call("hdel", KEYS[1], "attempt", "notBefore")`;

/** Pauses an installation until ARGV[1] (app clock, ms), never shortening a pause. */
const PAUSE = `local till = tonumber(redis.call("get", KEYS[1]) or "0")
if tonumber(ARGV[1]) > till then redis.call("set", KEYS[1], ARGV[1]) end return 0`;

/**
 * Is there work due now: a job waiting or running, or a delayed one due on the app's
 * clock (a busy lock group, a due retry, a due reminder)? Reads BullMQ's lists (key
 * prefix `bull`) and the keys' hashes in one atomic step.
 */
const BUSY = `
local bull, latest, now, paused = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if redis.call("llen", bull .. "active") > 0 or redis.call("llen", bull .. "wait") > 0
  or redis.call("zcard", bull .. "prioritized") > 0 then return 1 end
for _, id in ipairs(redis.call("zrange", bull .. "delayed", 0, -1)) do
  local data = cjson.decode(redis.call("hget", bull .. id, "data") or "{}")
  if data.dueAt then
    if tonumber(data.dueAt) <= now then return 1 end
  elseif data.key then
    local notBefore = tonumber(redis.call("hget", latest .. data.key, "notBefore") or "0")
    local job = cjson.decode(redis.call("hget", latest .. data.key, "job") or "{}")
    local till = tonumber(redis.call("get", paused .. tostring(job.installationId)) or "0")
    if notBefore <= now and till <= now then return 1 end
  end
end
return 0`;

/**
 * The work queue shared by every replica, on BullMQ. Same behaviour as the in-process
 * runner, across processes:
 *
 * - **Coalescing.** A key's newest job is stored in a Redis hash (`latest:<key>`); the
 *   BullMQ job carries only the key and is deduplicated by it (open-source BullMQ's
 *   deduplication with `keepLastIfActive`): at most one run of a key waits, and an
 *   enqueue while it runs queues exactly one more run, which reads the newest job.
 * - **Keys and lock groups.** BullMQ's open-source edition has no groups (that is
 *   BullMQ Pro), so a run first takes a Redis lock on its lock group (`SET NX PX`, a
 *   token, renewed while it runs). Every key belongs to one lock group (its own key by
 *   default), so this serialises a key and a repository's mainline across replicas.
 *   A run that finds its group busy is moved back to delayed for a moment, not failed.
 * - **Retries** write the next attempt and its earliest time into the key's hash and
 *   move the same BullMQ job to delayed: persisted, and a newer job for the key waits
 *   out the delay too, as in process. **Delayed jobs** are BullMQ delayed jobs, due on
 *   the app's clock, so a reminder survives any restart.
 * - **Delivery dedupe** is `SET NX` with an expiry, shared by every replica.
 * - **A crash** (SIGKILL) leaves the BullMQ job active with a lock nobody renews: after
 *   `lockMs` another replica's stalled-job check puts it back in the queue and the group
 *   lock has expired, so the work is redone (every job is idempotent) and never lost.
 */
export function createRedisQueue(options: RedisQueueOptions): RedisWorkQueue {
  const name = options.name ?? "andon";
  const lockMs = options.lockMs ?? 30_000;
  const busyDelayMs = options.busyDelayMs ?? 250;
  const seenTtlMs = options.seenTtlMs ?? 24 * 3_600_000;
  const clock = () => options.clock().getTime();
  const runJob = createJobRunner(options);
  // BullMQ needs `maxRetriesPerRequest: null` on the connections it blocks on.
  const redis = new Redis(options.url, { maxRetriesPerRequest: null });
  const queue = new Queue<Envelope>(name, { connection: redis });
  const workerRedis = redis.duplicate();
  const worker = new Worker<Envelope>(name, (job, token) => work(job, token), {
    connection: workerRedis,
    concurrency: options.concurrency ?? 4,
    lockDuration: lockMs,
    stalledInterval: Math.max(100, Math.floor(lockMs / 2)),
    // A job is redone after each crash that interrupts it, not failed after the first.
    maxStalledCount: 10,
  });
  worker.on("error", (err) => options.log.error({ err }, "work queue worker error"));
  queue.on("error", (err) => options.log.error({ err }, "work queue error"));
  const key = (...parts: string[]) => [name, ...parts].join(":");
  const latestKey = (jobKey: string) => key("latest", jobKey);
  const seenKey = (job: Job) => key("seen", `${job.deliveryId}:${job.key}`);
  const pauseKey = (installationId: number) => key("paused", String(installationId));
  // BullMQ's delays run on real time; the app's clock says when work is due.
  const realDelay = (ms: number) =>
    Math.max(0, Math.min(ms, options.maxRealDelayMs ?? Number.POSITIVE_INFINITY));

  async function enqueue(job: Job, delayMs = 0): Promise<void> {
    if (delayMs > 0) {
      await queue.add(
        LATER,
        { later: job, dueAt: clock() + delayMs },
        { delay: realDelay(delayMs), removeOnComplete: true, removeOnFail: true },
      );
      return;
    }
    if (job.deliveryId) {
      const first = await redis.set(seenKey(job), "1", "PX", seenTtlMs, "NX");
      if (!first) {
        options.log.debug({ job: job.key, deliveryId: job.deliveryId }, "delivery already seen");
        return;
      }
    }
    await redis
      .multi()
      .hset(latestKey(job.key), "job", JSON.stringify(job))
      .hincrby(latestKey(job.key), "version", 1)
      .exec();
    await queue.add(
      RUN,
      { key: job.key, lock: job.lock ?? job.key },
      {
        deduplication: { id: job.key, keepLastIfActive: true },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  async function work(bull: BullJob<Envelope>, token?: string): Promise<void> {
    const { data } = bull;
    if ("later" in data) {
      if (data.dueAt > clock()) return later(bull, token, data.dueAt - clock());
      return enqueue(data.later);
    }
    const stored = await redis.hgetall(latestKey(data.key));
    // A run of this key that already read the newest job covered this one.
    if (!stored.job || !stored.version) return;
    const notBefore = Number(stored.notBefore ?? 0);
    if (notBefore > clock()) return later(bull, token, notBefore - clock());
    const job = JSON.parse(stored.job) as Job;
    const pausedUntil = Number((await redis.get(pauseKey(job.installationId))) ?? 0);
    if (pausedUntil > clock()) return later(bull, token, pausedUntil - clock());
    const lock = key("lock", data.lock);
    const owner = randomUUID();
    if (!(await redis.set(lock, owner, "PX", lockMs, "NX"))) {
      return later(bull, token, busyDelayMs * (1 + Math.random()));
    }
    const renew = setInterval(
      () => void redis.eval(RENEW, 1, lock, owner, lockMs).catch(() => undefined),
      Math.max(50, Math.floor(lockMs / 3)),
    );
    renew.unref();
    let retryInMs: number | undefined;
    try {
      const attempt = Number(stored.attempt ?? 1);
      const result = await runJob(job, attempt, enqueue);
      if (result.outcome === "retry") {
        retryInMs = result.delayMs;
        const due = String(clock() + result.delayMs);
        // A rate limit holds for the installation: every replica's jobs of it wait.
        if (result.pause) await redis.eval(PAUSE, 1, pauseKey(job.installationId), due);
        await redis.hset(latestKey(data.key), "attempt", attempt + 1, "notBefore", due);
      } else {
        await redis.eval(SETTLE, 1, latestKey(data.key), stored.version);
        // Redelivering the webhook from GitHub's settings is how someone retries by hand.
        if (result.outcome === "failed" && job.deliveryId) await redis.del(seenKey(job));
      }
    } finally {
      clearInterval(renew);
      await redis.eval(RELEASE, 1, lock, owner);
    }
    if (retryInMs !== undefined) return later(bull, token, retryInMs);
  }

  /** Puts the BullMQ job back as delayed, to run in `ms` (on the app's clock). */
  async function later(bull: BullJob<Envelope>, token: string | undefined, ms: number) {
    // BullMQ schedules on real time; this is the one place Andon reads it.
    await bull.moveToDelayed(Date.now() + realDelay(ms), token);
    throw new DelayedError();
  }

  /** How this replica stops, once: closed politely (drain) or dropped (kill, or past the grace). */
  let stopping: Promise<void> | undefined;

  async function closeAll(): Promise<void> {
    await bounded(queue.close());
    await bounded(Promise.all([workerRedis.quit(), redis.quit()]));
    // Redis down: a goodbye never answered must not hold the shutdown.
    for (const connection of [redis, workerRedis]) connection.disconnect();
  }

  /**
   * As SIGKILL would, as far as Redis can tell: the connections drop with no goodbye, so
   * locks stay until they expire. Then BullMQ's worker and queue are closed without
   * waiting for the jobs they run, so none of their timers (lock renewal, stalled-job
   * checks, reconnection) outlives this replica in the process.
   */
  async function dropAll(): Promise<void> {
    for (const connection of [redis, workerRedis]) connection.disconnect();
    await bounded(Promise.all([worker.close(true), queue.close()]));
    // The worker's own blocking connection (BullMQ duplicates ours) is closed with it.
    await bounded(worker.disconnect());
  }

  /**
   * Waits for a closing step at most `STOP_STEP_MS`: with Redis unreachable, BullMQ's and
   * ioredis' closing promises may never settle, and the process must still exit.
   */
  async function bounded(step: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_STEP_MS)));
    timer?.unref();
    await Promise.race([step.then(noop, noop), late]);
    clearTimeout(timer);
  }

  async function idle(): Promise<void> {
    // One script, so a job moving between BullMQ's lists is never missed between two reads.
    while (
      await redis.eval(BUSY, 0, `bull:${name}:`, latestKey(""), clock(), pauseKey(0).slice(0, -1))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * The installations' pauses live under the keys the queue itself reads before starting a
   * job, so a limit heard by one request holds every replica's requests and jobs alike.
   * A write's turn is a lock per installation (`SET NX PX` with a token), taken in turn.
   */
  const pauses: PauseBoard = {
    until: async (id) => Number((await redis.get(pauseKey(id))) ?? 0),
    pause: async (id, end) => void (await redis.eval(PAUSE, 1, pauseKey(id), String(end))),
    async turn(id, write) {
      const turn = key("turn", String(id));
      const owner = randomUUID();
      while (!(await redis.set(turn, owner, "PX", TURN_MS, "NX"))) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      try {
        return await write();
      } finally {
        await redis.eval(RELEASE, 1, turn, owner).catch(noop);
      }
    },
  };

  return {
    enqueue,
    idle,
    pauses,
    async repeat(schedulerId, job, everyMs) {
      await queue.upsertJobScheduler(
        schedulerId,
        { every: everyMs },
        { name: LATER, data: { later: job, dueAt: 0 } },
      );
    },
    async depth() {
      const counts = await queue.getJobCounts("wait", "delayed", "prioritized");
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async drain(graceMs) {
      // Running jobs get the grace period; queued and delayed ones stay in Redis for the
      // other replicas, and a job still running when it ends is taken over by one of
      // them once its lock expires: nothing needs redelivering.
      if (!stopping) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        const finished = worker.close().then(() => true);
        const inTime = await Promise.race([finished, deadline.then(() => false)]);
        clearTimeout(timer);
        // Past the grace period a job still runs: drop the connections under it (its lock
        // expires and another replica redoes it), or its timers would keep the process up.
        stopping = inTime ? closeAll() : dropAll();
      }
      await stopping;
      return [];
    },
    kill() {
      stopping ??= dropAll();
    },
  };
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { Job } from "../../src/work/job.js";
import { deferred, httpError, job, type Deferred } from "../kit/runner-kit.js";
import { startRedis, type RunningService } from "../kit/services.js";
import { IN_PROCESS, redisBackend, type Deployment, type Handle } from "./backends.js";

let redis: RunningService;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

/** Real time passing, for the few waits a Redis round trip needs. */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `check` holds, polling; fails the test after 10 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 10_000) throw new Error(`never happened: ${what}`);
    await pause(10);
  }
}

/** A handler that blocks each run until released, and records who ran when. */
function blocking() {
  const events: string[] = [];
  const gates: Deferred[] = [];
  let active = 0;
  let maxActive = 0;
  const handle: Handle = async (j) => {
    events.push(`start ${String(j.data)}`);
    maxActive = Math.max(maxActive, ++active);
    const gate = deferred();
    gates.push(gate);
    await gate.promise;
    active--;
    events.push(`end ${String(j.data)}`);
  };
  const releaseAll = () => {
    for (const gate of gates.splice(0)) gate.resolve();
  };
  return { handle, events, releaseAll, started: () => gates.length, maxActive: () => maxActive };
}

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

describe.each([IN_PROCESS, redisBackend(() => redis)])("the work queue ($name)", (backend) => {
  const deploy = (handle: Handle, options = {}) => (deployment = backend.deploy(handle, options));

  it("never runs one key on two replicas at once, and runs it again for what came meanwhile", async () => {
    const b = blocking();
    const d = deploy(b.handle);
    const [a, c] = [d.replica(), d.replica()];
    await a.enqueue(job("pr:acme/shop#1", "first"));
    await until(() => b.started() === 1, "the first run started");
    await c.enqueue(job("pr:acme/shop#1", "second"));
    await pause(100);
    expect(b.events).toEqual(["start first"]);
    b.releaseAll();
    await until(() => b.started() === 1 && b.events.length === 3, "the second run started");
    b.releaseAll();
    await d.idle();
    expect(b.events).toEqual(["start first", "end first", "start second", "end second"]);
    expect(b.maxActive()).toBe(1);
  });

  it("serialises a lock group (a repository's mainline) across replicas", async () => {
    const b = blocking();
    const d = deploy(b.handle);
    const [a, c] = [d.replica(), d.replica()];
    await a.enqueue(job("mainline:acme/shop", "flip", { lock: "mainline:acme/shop" }));
    await until(() => b.started() === 1, "the flip started");
    await c.enqueue(job("pr:acme/shop#1", "gate", { lock: "mainline:acme/shop" }));
    await c.enqueue(job("pr:acme/api#1", "other repo", { lock: "mainline:acme/api" }));
    await until(() => b.started() === 2, "the other repository's gate started");
    await pause(100);
    expect(b.events).toEqual(["start flip", "start other repo"]);
    b.releaseAll();
    await until(() => b.events.includes("start gate"), "the gate started");
    b.releaseAll();
    await d.idle();
    expect(b.events.indexOf("start gate")).toBeGreaterThan(b.events.indexOf("end flip"));
  });

  it("coalesces a burst for one key into one more run, with the newest data", async () => {
    const b = blocking();
    const d = deploy(b.handle);
    const [a, c] = [d.replica(), d.replica()];
    await a.enqueue(job("mainline:acme/shop", "0"));
    await until(() => b.started() === 1, "the first run started");
    for (let i = 1; i <= 20; i++) await (i % 2 ? a : c).enqueue(job("mainline:acme/shop", `${i}`));
    b.releaseAll();
    await until(() => b.events.length === 3, "the coalesced run started");
    b.releaseAll();
    await d.idle();
    expect(b.events).toEqual(["start 0", "end 0", "start 20", "end 20"]);
  });

  it("handles one delivery once across replicas, and each of its keys", async () => {
    const runs: string[] = [];
    const d = deploy(async (j) => void runs.push(j.key));
    const [a, c] = [d.replica(), d.replica()];
    await Promise.all([
      a.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-1" })),
      c.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-1" })),
      c.enqueue(job("pr:acme/shop#2", "x", { deliveryId: "d-1" })),
    ]);
    await d.idle();
    expect(runs.sort()).toEqual(["pr:acme/shop#1", "pr:acme/shop#2"]);
  });

  it("lets a redelivery through after the job failed for good (a retry by hand)", async () => {
    const runs: unknown[] = [];
    const d = deploy(async (j) => {
      runs.push(j.data);
      if (runs.length === 1) throw httpError(404);
    });
    const a = d.replica();
    await a.enqueue(job("pr:acme/shop#1", "first", { deliveryId: "d-1" }));
    await d.idle();
    await a.enqueue(job("pr:acme/shop#1", "redelivered", { deliveryId: "d-1" }));
    await d.idle();
    expect(runs).toEqual(["first", "redelivered"]);
  });

  it("waits out a retry-after before the next try, and backs off 5xx", async () => {
    const runs: Array<{ data: unknown; at: number }> = [];
    const errors = [
      httpError(403, { "retry-after": "30" }, "You have exceeded a secondary rate limit."),
      httpError(502),
    ];
    const d = deploy(async (j: Job) => {
      runs.push({ data: j.data, at: d.clock().getTime() });
      const error = errors.shift();
      if (error) throw error;
    });
    const start = d.clock().getTime();
    await d.replica().enqueue(job("pr:acme/shop#1", "old"));
    await d.idle();
    await d.replica().enqueue(job("pr:acme/shop#1", "new"));
    await d.elapse(29_000);
    expect(runs).toHaveLength(1);
    await d.elapse(1_000);
    expect(runs).toHaveLength(2);
    await d.elapse(2_000);
    expect(runs.map((r) => [r.data, r.at - start])).toEqual([
      ["old", 0],
      ["new", 30_000],
      ["new", 32_000],
    ]);
    expect(d.sleeps).toEqual([30_000, 2_000]);
  });

  it("pauses every job of an installation, on every replica, for a rate limit's retry-after", async () => {
    const runs: Array<{ key: string; at: number }> = [];
    let limited = false;
    const d = deploy(async (j: Job) => {
      runs.push({ key: j.key, at: d.clock().getTime() - START });
      if (j.key === "pr:acme/shop#1" && !limited) {
        limited = true;
        throw httpError(403, { "retry-after": "30" }, "You have exceeded a secondary rate limit.");
      }
    });
    const [a, c] = [d.replica(), d.replica()];
    const START = d.clock().getTime();
    await a.enqueue(job("pr:acme/shop#1"));
    await d.idle();
    await c.enqueue(job("pr:acme/shop#2"));
    await a.enqueue(job("pr:acme/other#1", "x", { installationId: 8 }));
    await d.idle();
    expect(runs).toEqual([
      { key: "pr:acme/shop#1", at: 0 },
      { key: "pr:acme/other#1", at: 0 },
    ]);
    await d.elapse(30_000);
    expect(runs.slice(2).map((r) => r.at)).toEqual([30_000, 30_000]);
  });

  it("runs a delayed job when it is due, not before, on whichever replica is up", async () => {
    const runs: unknown[] = [];
    const d = deploy(async (j) => void runs.push(j.data));
    const a = d.replica();
    await a.enqueue(job("mainline:acme/shop", "reminder"), 4 * 3_600_000);
    await d.idle();
    await d.elapse(3 * 3_600_000);
    expect(runs).toEqual([]);
    if (backend !== IN_PROCESS) {
      // A deploy: the replica that accepted it is gone, a new one starts.
      expect(await a.drain(1_000)).toEqual([]);
      d.replica();
    }
    await d.elapse(3_600_000);
    expect(runs).toEqual(["reminder"]);
  });
});

describe("the work queue on Redis, across crashes", () => {
  it("keeps a job stored before enqueue resolves, for another replica when this one dies", async () => {
    const runs: unknown[] = [];
    const d = (deployment = redisBackend(() => redis).deploy(async (j) => void runs.push(j.data)));
    // No worker may take it before the kill: the replica dies the moment enqueue resolves.
    const a = d.replica();
    await a.enqueue(job("pr:acme/shop#1", "accepted"));
    a.kill!();
    d.replica();
    await d.idle();
    expect(runs).toContain("accepted");
  });

  it("hands a job whose replica was killed mid-run to another replica", async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const never = deferred();
    let first = true;
    const d = (deployment = redisBackend(() => redis).deploy(async (j) => {
      started.push(String(j.data));
      if (first) {
        first = false;
        await never.promise; // the killed replica never finishes
      }
      finished.push(String(j.data));
    }));
    const a = d.replica();
    await a.enqueue(job("mainline:acme/shop", "flip", { lock: "mainline:acme/shop" }));
    await until(() => started.length === 1, "the flip started");
    a.kill!();
    d.replica();
    await d.idle();
    expect({ started, finished }).toEqual({ started: ["flip", "flip"], finished: ["flip"] });
  });
});

import { describe, expect, it } from "@jest/globals";
import type { Job } from "../../src/work/job.js";
import { deferred, job, OCTOKIT, runner, settle, type Deferred } from "../kit/runner-kit.js";

/** A handler that blocks each run until released, and records who ran when. */
function blocking() {
  const events: string[] = [];
  const gates = new Map<string, Deferred[]>();
  let active = 0;
  let maxActive = 0;
  const handle = async (j: Job) => {
    events.push(`start ${String(j.data)}`);
    maxActive = Math.max(maxActive, ++active);
    const gate = deferred();
    gates.set(String(j.data), [...(gates.get(String(j.data)) ?? []), gate]);
    await gate.promise;
    active--;
    events.push(`end ${String(j.data)}`);
  };
  const release = async (data: string) => {
    gates.get(data)!.shift()!.resolve();
    await settle();
  };
  return { handle, events, release, maxActive: () => maxActive };
}

describe("the in-process runner: ordering", () => {
  it("never overlaps two jobs of one key", async () => {
    const b = blocking();
    const { queue } = runner(b.handle);
    queue.enqueue(job("pr:acme/shop#1", "first"));
    await settle();
    queue.enqueue(job("pr:acme/shop#1", "second"));
    await settle();
    expect(b.events).toEqual(["start first"]);
    await b.release("first");
    expect(b.events).toEqual(["start first", "end first", "start second"]);
    await b.release("second");
    await queue.idle();
    expect(b.maxActive()).toBe(1);
  });

  it("runs different keys at once, up to `concurrency`", async () => {
    const b = blocking();
    const { queue } = runner(b.handle, { concurrency: 2 });
    for (const key of ["a", "b", "c"]) queue.enqueue(job(key));
    await settle();
    expect(b.events).toEqual(["start a", "start b"]);
    await b.release("b");
    expect(b.events).toEqual(["start a", "start b", "end b", "start c"]);
    await b.release("a");
    await b.release("c");
    await queue.idle();
    expect(b.maxActive()).toBe(2);
  });

  it("coalesces a burst: 20 enqueues while a key runs → one more run, with the newest data", async () => {
    const b = blocking();
    const { queue } = runner(b.handle);
    queue.enqueue(job("mainline:acme/shop", "0"));
    await settle();
    for (let i = 1; i <= 20; i++) queue.enqueue(job("mainline:acme/shop", String(i)));
    await b.release("0");
    await b.release("20");
    await queue.idle();
    expect(b.events).toEqual(["start 0", "end 0", "start 20", "end 20"]);
  });

  it("hands each job the installation's octokit, a log and a way to enqueue follow-ups", async () => {
    const seen: string[] = [];
    const { queue, authed } = runner(async (j, tools) => {
      seen.push(String(j.data));
      expect(tools.octokit).toBe(OCTOKIT);
      if (j.data === "flip") tools.enqueue(job("pr:acme/shop#2", "follow-up"));
    });
    queue.enqueue(job("mainline:acme/shop", "flip"));
    await queue.idle();
    expect(seen).toEqual(["flip", "follow-up"]);
    expect(authed).toEqual([7, 7]);
  });

  it("logs a job of an unknown kind and carries on", async () => {
    const { queue, lines } = runner(async () => {});
    queue.enqueue({ ...job("x"), kind: "mystery" });
    await queue.idle();
    expect(lines).toEqual([
      expect.objectContaining({ level: "error", msg: "no handler for this kind of job" }),
    ]);
  });
});

describe("the in-process runner: delivery dedupe", () => {
  it("runs a redelivered webhook's job once", async () => {
    const runs: string[] = [];
    const { queue } = runner(async (j) => void runs.push(j.key));
    queue.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-1" }));
    await queue.idle();
    queue.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-1" }));
    await queue.idle();
    expect(runs).toEqual(["pr:acme/shop#1"]);
  });

  it("runs one delivery's jobs for two keys both", async () => {
    const runs: string[] = [];
    const { queue } = runner(async (j) => void runs.push(j.key));
    queue.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-1" }));
    await queue.idle();
    queue.enqueue(job("pr:acme/shop#2", "x", { deliveryId: "d-1" }));
    await queue.idle();
    expect(runs).toEqual(["pr:acme/shop#1", "pr:acme/shop#2"]);
  });
});

describe("the in-process runner: idle()", () => {
  it("resolves at once when there is nothing to do", async () => {
    const { queue } = runner(async () => {});
    await expect(queue.idle()).resolves.toBeUndefined();
  });

  it("resolves only when every running job is done", async () => {
    const b = blocking();
    const { queue } = runner(b.handle);
    queue.enqueue(job("a"));
    queue.enqueue(job("b"));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await settle();
    await b.release("a");
    expect(idle).toBe(false);
    await b.release("b");
    expect(idle).toBe(true);
  });

  it("waits for a job that is waiting to retry", async () => {
    const wake = deferred();
    let calls = 0;
    const { queue } = runner(
      async () => {
        if (++calls === 1) throw Object.assign(new Error("Bad gateway"), { status: 502 });
      },
      { sleep: () => wake.promise },
    );
    queue.enqueue(job("a"));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await settle();
    expect({ idle, calls }).toEqual({ idle: false, calls: 1 });
    wake.resolve();
    await queue.idle();
    expect({ idle, calls }).toEqual({ idle: true, calls: 2 });
  });
});

import { describe, expect, it } from "@jest/globals";
import { createInProcessRunner } from "../../src/work/in-process-runner.js";
import type { Job } from "../../src/work/job.js";
import { deferred, job, OCTOKIT, recordingLog, settle } from "../kit/runner-kit.js";
import type { Timers } from "../../src/work/timers.js";

/** Timers that hold every scheduled callback until the test lets it go. */
function heldTimers(): Timers & { held: number } {
  const timers = {
    held: 0,
    setTimeout: () => {
      timers.held++;
      return timers.held;
    },
    clearTimeout: () => undefined,
  };
  return timers;
}

describe("drain: the in-process queue at shutdown", () => {
  it("waits for running and queued work and reports nothing when it all finishes in time", async () => {
    const gate = deferred();
    const done: string[] = [];
    const runner = createInProcessRunner({
      handlers: {
        judge: async (j: Job) => {
          await gate.promise;
          done.push(j.key);
        },
      },
      auth: async () => OCTOKIT,
      log: recordingLog(),
      concurrency: 1,
    });
    runner.enqueue(job("pr:acme/shop#1"));
    runner.enqueue(job("pr:acme/shop#2"));
    await settle();
    const drained = runner.drain(5_000);
    gate.resolve();
    expect(await drained).toEqual([]);
    expect(done).toEqual(["pr:acme/shop#1", "pr:acme/shop#2"]);
  });

  it("gives up at the grace period and returns what is running, queued and scheduled", async () => {
    const never = deferred();
    const timers = heldTimers();
    const runner = createInProcessRunner({
      handlers: { judge: () => never.promise },
      auth: async () => OCTOKIT,
      log: recordingLog(),
      concurrency: 1,
      timers,
    });
    const running = job(
      "mainline:acme/shop",
      { owner: "acme", repo: "shop" },
      { deliveryId: "d-1" },
    );
    const queued = job("pr:acme/shop#2", { owner: "acme", repo: "shop" }, { deliveryId: "d-2" });
    const reminder = job("mainline:acme/cart", { owner: "acme", repo: "cart" });
    runner.enqueue(running);
    runner.enqueue(queued);
    runner.enqueue(reminder, 4 * 3_600_000);
    await settle();

    const unfinished = await runner.drain(20);

    expect(unfinished).toEqual([running, queued, reminder]);
    expect(timers.held).toBe(1);
  });
});

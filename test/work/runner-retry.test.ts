import { describe, expect, it } from "@jest/globals";
import type { Job } from "../../src/work/job.js";
import { deferred, httpError, job, runner, settle } from "../kit/runner-kit.js";

/** A handler that throws `errors` in turn, then succeeds; records the data of each run. */
function failing(...errors: Error[]) {
  const runs: unknown[] = [];
  const handle = async (j: Job) => {
    runs.push(j.data);
    const error = errors.shift();
    if (error) throw error;
  };
  return { handle, runs };
}

describe("the in-process runner: retries", () => {
  it("retries a 502 with backoff and succeeds", async () => {
    const f = failing(httpError(502), httpError(502));
    const { queue, sleeps, lines } = runner(f.handle);
    queue.enqueue(job("pr:acme/shop#1"));
    await queue.idle();
    expect(f.runs).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 2_000]);
    expect(lines.filter((l) => l.level === "warn").map((l) => l.fields.attempt)).toEqual([1, 2]);
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("waits out a secondary rate limit (403, retry-after: 7) before the next try", async () => {
    const f = failing(
      httpError(403, { "retry-after": "7" }, "You have exceeded a secondary rate limit."),
    );
    const { queue, sleeps } = runner(f.handle);
    queue.enqueue(job("pr:acme/shop#1"));
    await queue.idle();
    expect(f.runs).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7_000);
  });

  it.each([
    { status: 404, reason: "GitHub answered 404" },
    { status: 422, reason: "GitHub answered 422" },
  ])("does not retry a $status, and logs why", async ({ status, reason }) => {
    const f = failing(httpError(status));
    const { queue, sleeps, lines } = runner(f.handle);
    queue.enqueue(job("pr:acme/shop#1", "x", { deliveryId: "d-9" }));
    await queue.idle();
    expect(f.runs).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: "error",
        msg: `job failed, not retried: ${reason}`,
        fields: expect.objectContaining({ job: "pr:acme/shop#1", deliveryId: "d-9", attempt: 1 }),
      }),
    ]);
  });

  it("stops when out of attempts, and logs it", async () => {
    const f = failing(...Array.from({ length: 5 }, () => httpError(503)));
    const { queue, sleeps, lines } = runner(f.handle, {
      retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1_000 },
    });
    queue.enqueue(job("mainline:acme/shop"));
    await queue.idle();
    expect(f.runs).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      "job failed, not retried: out of attempts",
    ]);
  });

  it("lets a redelivery through after the job failed for good (a retry by hand)", async () => {
    const f = failing(httpError(404));
    const { queue } = runner(f.handle);
    queue.enqueue(job("pr:acme/shop#1", "first", { deliveryId: "d-1" }));
    await queue.idle();
    queue.enqueue(job("pr:acme/shop#1", "redelivered", { deliveryId: "d-1" }));
    await queue.idle();
    expect(f.runs).toEqual(["first", "redelivered"]);
  });

  it("keeps a job enqueued while its key waits to retry, and runs it once with the newest data", async () => {
    const wake = deferred();
    const f = failing(httpError(502));
    const { queue } = runner(f.handle, { sleep: () => wake.promise });
    queue.enqueue(job("pr:acme/shop#1", "old"));
    await settle();
    queue.enqueue(job("pr:acme/shop#1", "new"));
    queue.enqueue(job("pr:acme/shop#1", "newest"));
    await settle();
    expect(f.runs).toEqual(["old"]);
    wake.resolve();
    await queue.idle();
    expect(f.runs).toEqual(["old", "newest"]);
  });

  it("retries with the newest data when a job queued during the failing run covers it", async () => {
    const gate = deferred();
    const runs: unknown[] = [];
    const { queue, sleeps } = runner(async (j) => {
      runs.push(j.data);
      if (runs.length === 1) {
        await gate.promise;
        throw httpError(502);
      }
    });
    queue.enqueue(job("pr:acme/shop#1", "old"));
    await settle();
    queue.enqueue(job("pr:acme/shop#1", "new"));
    gate.resolve();
    await queue.idle();
    expect(runs).toEqual(["old", "new"]);
    expect(sleeps).toEqual([1_000]);
  });

  it("keeps working on other keys while one waits to retry", async () => {
    const wake = deferred();
    const runs: string[] = [];
    const { queue } = runner(
      async (j) => {
        runs.push(j.key);
        if (j.key === "a" && runs.length === 1) throw httpError(502);
      },
      { sleep: () => wake.promise, concurrency: 1 },
    );
    queue.enqueue(job("a"));
    queue.enqueue(job("b"));
    await settle();
    expect(runs).toEqual(["a", "b"]);
    wake.resolve();
    await queue.idle();
    expect(runs).toEqual(["a", "b", "a"]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type { AndonOptions } from "../../src/index.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { ciCompletedEvent, pullRequestEvent, pushEvent } from "../kit/payloads.js";
import { startRedis, type RunningService } from "../kit/services.js";

const HOUR = 3_600_000;

let redis: RunningService;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

let running: Harness | undefined;
afterEach(async () => {
  await running?.andon.drain(1_000);
  running = undefined;
  stopAndon();
});

/** One sample of a counter or gauge `name` with these labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  const family = parsePrometheusTextFormat(text).find((f) => f.name === name);
  const metric = family?.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  ) as { value?: string } | undefined;
  return metric?.value === undefined ? undefined : Number(metric.value);
}

/**
 * Attempts timed for a kind: the histogram's `_count`. Read from the text itself: the
 * parser drops a histogram's labels when `le` comes first, as prom-client writes it.
 */
function timed(text: string, kind: string): number | undefined {
  const line = new RegExp(`^andon_job_duration_seconds_count\\{kind="${kind}"\\} (\\d+)$`, "m");
  const found = line.exec(text)?.[1];
  return found === undefined ? undefined : Number(found);
}

let queues = 0;
const BACKENDS: Array<{ name: string; options: () => AndonOptions }> = [
  { name: "in process", options: () => ({}) },
  {
    name: "on Redis",
    options: () => ({
      env: { REDIS_URL: redis.url, ANDON_SWEEP_INTERVAL: "0" },
      redisQueue: {
        name: `andon-metrics-${process.pid}-${++queues}`,
        lockMs: 1_000,
        // Long enough that the reminder's re-check stays in BullMQ's delayed set while the
        // test scrapes (a shorter one wakes it to look at the fake clock, and an awake job
        // is running, not queued); the retry's one second is waited for real.
        maxRealDelayMs: 10_000,
        busyDelayMs: 20,
      },
    }),
  },
];

describe.each(BACKENDS)("queue metrics ($name)", ({ options }) => {
  it("counts retries and attempt latency per kind, and the depth of delayed work", async () => {
    const fake = new FakeGitHub();
    const repo = fake.repo("acme/shop");
    fake.ciRun(repo, fake.head(repo), "test", "success");
    fake.push(repo, "feature", { files: { "src/feature.ts": "export {};" } });
    const pr = fake.pull(repo, { headRef: "feature" });
    fake.advance(HOUR);
    const h = (running = await startAndon({ ...options() }, fake));
    const scrape = async () => String((await h.http("GET", "/metrics")).body);
    fake.fail({ method: "POST", path: "/check-runs", status: 502 });

    await h.send(pullRequestEvent(repo, pr, "opened"));

    let text = await scrape();
    expect(sample(text, "andon_job_retries_total", { kind: "judge-pr" })).toBe(1);
    expect(timed(text, "judge-pr")).toBe(2);
    expect(sample(text, "andon_queue_depth")).toBe(0);

    // A red mainline schedules its reminder's re-check hours ahead: one delayed job.
    const before = fake.head(repo);
    const broken = fake.push(repo, "main", { files: { "src/cart.ts": "oops" } });
    await h.send(pushEvent(repo, "main", before, broken.sha));
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));

    text = await scrape();
    expect(sample(text, "andon_queue_depth")).toBe(1);
    expect(timed(text, "evaluate-mainline")).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

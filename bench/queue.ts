import { Probot } from "probot";
import { FakeGitHub } from "../test/kit/fake-github.js";
import { createProbot, startAndon, stopAndon, type Harness } from "../test/kit/harness.js";
import { ciCompletedEvent, pullRequestEvent, type WebhookEvent } from "../test/kit/payloads.js";
import { startRedis, type RunningService } from "../test/kit/services.js";
import type { FakeRepo } from "../test/kit/state.js";
import type { BenchTable } from "./table.js";

/**
 * The work queue: how fast webhooks are taken in (answered once their job is stored),
 * in process and on Redis, beside a bare Probot app; and how long 1, 2 and 4 replicas
 * take to converge a mainline flip of 500 PRs when GitHub paces writes (about the same:
 * an installation's writes take turns across replicas).
 */

const EVENTS = 100;
/** GitHub asks integrators to pace writes; each write here takes this long to answer. */
const WRITE_PACING_MS = 20;

let runs = 0;
const queueName = () => `andon-bench-${process.pid}-${++runs}`;

const receive = (probot: Probot, event: WebhookEvent) =>
  probot.receive(event as Parameters<Probot["receive"]>[0]);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends `EVENTS` PR webhooks one after another and times each answer. */
async function intake(probot: Probot, events: WebhookEvent[]) {
  let peak = process.memoryUsage().rss;
  const times: number[] = [];
  const started = performance.now();
  for (const event of events) {
    const t = performance.now();
    await receive(probot, event);
    times.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return [
    Math.round(events.length / seconds),
    percentile(times, 50).toFixed(2),
    percentile(times, 99).toFixed(2),
    Math.round(peak / 2 ** 20),
  ];
}

function prEvents(fake: FakeGitHub, count: number): WebhookEvent[] {
  const repo = fake.repo("acme/shop");
  return Array.from({ length: count }, (_, i) => {
    fake.push(repo, `feature-${i}`, { files: { [`src/f${i}.ts`]: "export {};" } });
    return pullRequestEvent(repo, fake.pull(repo, { headRef: `feature-${i}` }), "opened");
  });
}

export async function queueIntakeBench(): Promise<BenchTable> {
  const redis = await startRedis();
  const rows: BenchTable["rows"] = [];
  try {
    const bare = createProbot();
    await bare.load((app) => app.on("pull_request.opened", async () => undefined));
    rows.push([
      "bare Probot app (baseline)",
      ...(await intake(bare, prEvents(new FakeGitHub(), EVENTS))),
    ]);
    for (const [name, env] of [
      ["Andon, in-process queue", {}],
      ["Andon, Redis queue", { REDIS_URL: redis.url }],
    ] as const) {
      const fake = new FakeGitHub();
      const events = prEvents(fake, EVENTS);
      const h = await startAndon(
        { env: { ANDON_SWEEP_INTERVAL: "0", ...env }, redisQueue: { name: queueName() } },
        fake,
      );
      rows.push([name, ...(await intake(h.probot, events))]);
      // Intake only: the jobs themselves are the other benchmarks' business.
      await h.andon.drain(0);
      stopAndon();
    }
  } finally {
    await redis.stop();
  }
  return {
    title: `Webhook intake (${EVENTS} pull_request.opened, answered once the job is stored)`,
    bound: "the bare Probot app on the same machine, which stores nothing",
    columns: ["app", "events/s", "p50 answer (ms)", "p99 answer (ms)", "peak RSS (MiB)"],
    rows,
  };
}

/** 10 repositories × 50 open PRs go red at once: 500 gates to rewrite, paced by GitHub. */
async function converge(redis: RunningService, replicas: number): Promise<number> {
  const fake = new FakeGitHub();
  const repos: FakeRepo[] = [];
  for (let r = 0; r < 10; r++) {
    const repo = fake.repo(`acme/repo-${r}`);
    fake.ciRun(repo, fake.head(repo), "test", "success");
    for (let i = 0; i < 50; i++) {
      fake.push(repo, `feature-${i}`, { files: { [`src/f${i}.ts`]: "export {};" } });
      fake.pull(repo, { headRef: `feature-${i}` });
    }
    repos.push(repo);
  }
  const name = queueName();
  const hs: Harness[] = [];
  for (let i = 0; i < replicas; i++) {
    const h = await startAndon(
      {
        env: { REDIS_URL: redis.url, ANDON_SWEEP_INTERVAL: "0" },
        redisQueue: { name, concurrency: 1, maxRealDelayMs: 20, busyDelayMs: 20 },
      },
      fake,
    );
    const auth = h.probot.auth.bind(h.probot);
    h.probot.auth = (async (id?: number) => {
      const octokit = await auth(id);
      octokit.hook.before("request", async (request) => {
        if (request.method !== "GET") await new Promise((r) => setTimeout(r, WRITE_PACING_MS));
      });
      return octokit;
    }) as typeof h.probot.auth;
    hs.push(h);
  }
  const reds = repos.map((repo) => {
    const broken = fake.push(repo, "main", { files: { "src/cart.ts": "oops" } });
    return ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure"));
  });
  const started = performance.now();
  await Promise.all(reds.map((red, i) => receive(hs[i % replicas]!.probot, red)));
  await hs[0]!.idle();
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(hs.map((h) => h.andon.drain(5_000)));
  stopAndon();
  return seconds;
}

export async function queueReplicasBench(): Promise<BenchTable> {
  const redis = await startRedis();
  const rows: BenchTable["rows"] = [];
  try {
    let one = 0;
    for (const replicas of [1, 2, 4]) {
      const seconds = await converge(redis, replicas);
      one ||= seconds;
      rows.push([replicas, seconds.toFixed(1), `${(one / seconds).toFixed(2)}×`]);
    }
  } finally {
    await redis.stop();
  }
  return {
    title: `Replicas converging a 500-PR flip (10 repos × 50 PRs, writes paced ${WRITE_PACING_MS} ms, 1 job at a time per replica)`,
    // One installation's writes take turns across the deployment (GitHub asks for no
    // concurrent writes), so more replicas do not write faster: they add capacity for
    // reads, judgements and other installations, and survive one another's crashes.
    bound:
      "one replica's time: the 500 gate writes of one installation take turns across the deployment, so replicas cannot beat it",
    columns: ["replicas", "seconds", "speed-up vs 1"],
    rows,
  };
}

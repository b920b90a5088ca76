import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "../kit/fake-github.js";
import type { AndonOptions } from "../../src/index.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import {
  ciCompletedEvent,
  pullRequestEvent,
  pushEvent,
  type WebhookEvent,
} from "../kit/payloads.js";
import { startRedis, type RunningService } from "../kit/services.js";
import type { FakePull, FakeRepo } from "../kit/state.js";
import { hoursAgo, TOKEN } from "../kit/sweep-scenario.js";

/**
 * Several replicas of Andon (each its own Probot and app) sharing one fake GitHub and one
 * real `redis-server`, as a deployment behind a load balancer does.
 */

const HOUR = 3_600_000;
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };

let redis: RunningService;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

let running: Harness[] = [];
let deployments = 0;
afterEach(async () => {
  await Promise.all(running.map((h) => h.andon.drain(1_000)));
  running = [];
  stopAndon();
});

/** Short locks and real waits: a crash is noticed in a second, and the fake clock moves delayed work. */
const FAST = { lockMs: 1_000, maxRealDelayMs: 20, busyDelayMs: 20 };

/** Starts `count` replicas on one queue; each test gets a queue of its own. */
async function deploy(fake: FakeGitHub, count: number): Promise<Harness[]> {
  const name = `andon-replicas-${process.pid}-${++deployments}`;
  const replicas: Harness[] = [];
  for (let i = 0; i < count; i++) replicas.push(await replica(fake, name));
  return replicas;
}

async function replica(
  fake: FakeGitHub,
  name: string,
  options: AndonOptions = {},
): Promise<Harness> {
  const h = await startAndon(
    {
      env: { REDIS_URL: redis.url, ANDON_SWEEP_INTERVAL: "0", ANDON_SWEEP_TOKEN: TOKEN },
      // Short locks and real waits: a crash is noticed in a second, and the fake clock
      // moves delayed work.
      redisQueue: { name, lockMs: 1_000, maxRealDelayMs: 20, busyDelayMs: 20 },
      ...options,
    },
    fake,
  );
  running.push(h);
  return h;
}

/** acme/shop: a green main and `count` open PRs into it. */
function shop(fake: FakeGitHub, count: number): { repo: FakeRepo; prs: FakePull[] } {
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  const prs = Array.from({ length: count }, (_, i) => {
    fake.push(repo, `feature-${i}`, { files: { [`src/feature-${i}.ts`]: "export {};" } });
    return fake.pull(repo, { headRef: `feature-${i}`, title: `Feature ${i}` });
  });
  fake.advance(HOUR);
  return { repo, prs };
}

/** A commit lands on main (its push delivered to `h`) and its CI fails: the red event. */
async function breakMain(fake: FakeGitHub, repo: FakeRepo, h: Harness) {
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { author: BREAKER, files: { "src/cart.ts": "oops" } });
  await receive(h, pushEvent(repo, "main", before, broken.sha));
  const red = ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure"));
  return { broken, red };
}

/** Delivers a webhook as GitHub does: answered once its job is stored, not when done. */
const receive = (h: Harness, event: WebhookEvent) =>
  h.probot.receive(event as Parameters<Harness["probot"]["receive"]>[0]);

const gates = (fake: FakeGitHub, repo: FakeRepo, prs: FakePull[]) =>
  prs.map((pr) => fake.andonRun(repo, pr.headSha, "andon/mainline")?.conclusion);

const sweepsRun = (replicas: Harness[]) => replicas.reduce((n, h) => n + h.sweeps.length, 0);

describe("two replicas on one Redis", () => {
  it("posts one broken-build comment and one stale-branch comment per branch, whatever reaches both replicas at once", async () => {
    const fake = new FakeGitHub();
    const { repo, prs } = shop(fake, 5);
    const staleHeads = [1, 2, 3].map((i) =>
      fake.push(repo, `old-${i}`, { date: hoursAgo(fake, 72) }),
    );
    const [a, b] = await deploy(fake, 2);
    const { broken, red } = await breakMain(fake, repo, a!);

    await Promise.all([
      receive(a!, red),
      receive(b!, red),
      receive(a!, { ...red, id: "another-delivery-1" }),
      receive(b!, { ...red, id: "another-delivery-2" }),
      a!.http("POST", "/andon/sweep", { authorization: `Bearer ${TOKEN}` }),
      b!.http("POST", "/andon/sweep", { authorization: `Bearer ${TOKEN}` }),
    ]);
    await a!.idle();

    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);
    for (const head of staleHeads) expect(fake.commentsOn(repo, head.sha)).toHaveLength(1);
    expect(gates(fake, repo, prs)).toEqual(prs.map(() => "failure"));
  }, 300_000);

  it("ends every PR right and closes the episode when red reaches one replica and the fix, 4 s later, the other", async () => {
    const fake = new FakeGitHub();
    const { repo, prs } = shop(fake, 20);
    const [a, b] = await deploy(fake, 2);
    for (const pr of prs) await receive(b!, pullRequestEvent(repo, pr, "opened"));
    await b!.idle();
    expect(gates(fake, repo, prs)).toEqual(prs.map(() => "success"));
    const { broken, red } = await breakMain(fake, repo, a!);

    await receive(a!, red);
    await a!.idle();
    expect(gates(fake, repo, prs)).toEqual(prs.map(() => "failure"));
    fake.advance(4_000);
    const fix = fake.push(repo, "main", { files: { "src/cart.ts": "ok" } });
    await receive(b!, pushEvent(repo, "main", broken.sha, fix.sha));
    await receive(b!, ciCompletedEvent(repo, fake.ciRun(repo, fix.sha, "test", "success")));
    await a!.idle();

    expect(gates(fake, repo, prs)).toEqual(prs.map(() => "success"));
    // The episode is closed: one broken-build comment, then one "restored" reply naming the fix.
    const comments = fake.commentsOn(repo, broken.sha).map((c) => c.body);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toContain(`<!-- andon:broken:${broken.sha} -->`);
    expect(comments[1]).toContain(`<!-- andon:restored:${broken.sha} -->`);
    expect(comments[1]).toContain(fix.sha.slice(0, 7));
    expect(sweepsRun([a!, b!])).toBe(0);
  }, 300_000);

  it("finishes a flip on the other replica when the one running it is killed part-way", async () => {
    const fake = new FakeGitHub();
    const { repo, prs } = shop(fake, 30);
    const [a, b] = await deploy(fake, 2);
    const killed: Harness[] = [];
    // Whichever replica runs the flip dies at its fifth check-run write, as on SIGKILL:
    // its Redis connections drop with no goodbye and it sends GitHub nothing more.
    for (const h of [a!, b!]) {
      let writes = 0;
      const auth = h.probot.auth.bind(h.probot);
      h.probot.auth = (async (id?: number) => {
        const octokit = await auth(id);
        octokit.hook.before("request", (request) => {
          if (killed.includes(h)) throw new Error("killed");
          if (request.method === "GET" || !String(request.url).includes("check-runs")) return;
          if (++writes === 5 && killed.length === 0) {
            killed.push(h);
            h.andon.kill();
            throw new Error("killed");
          }
        });
        return octokit;
      }) as typeof h.probot.auth;
    }
    const { broken, red } = await breakMain(fake, repo, a!);

    await receive(a!, red);
    const survivor = async () => {
      for (;;) {
        const alive = [a!, b!].find((h) => !killed.includes(h))!;
        // The replica asked may be the one killed while it waits: ask the other.
        const settled = await alive.idle().then(
          () => true,
          () => false,
        );
        if (settled && killed.length) return alive;
      }
    };
    await survivor();

    expect(killed).toHaveLength(1);
    expect(gates(fake, repo, prs)).toEqual(prs.map(() => "failure"));
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);
    expect(sweepsRun([a!, b!])).toBe(0);
  }, 300_000);

  it("runs a reminder that a replica since stopped had scheduled, on a replica started after", async () => {
    const fake = new FakeGitHub();
    const { repo } = shop(fake, 1);
    const name = `andon-replicas-${process.pid}-${++deployments}`;
    const a = await replica(fake, name);
    const { broken, red } = await breakMain(fake, repo, a);
    await receive(a, red);
    await a.idle();
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);

    // A deploy: the replica that scheduled the reminder is gone before it is due.
    expect(await a.andon.drain(1_000)).toEqual([]);
    running = running.filter((h) => h !== a);
    const c = await replica(fake, name);
    fake.advance(4 * HOUR + 2 * 60_000);
    await c.idle();

    const comments = fake.commentsOn(repo, broken.sha);
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body).toContain(`<!-- andon:reminder:${broken.sha} -->`);
  }, 300_000);

  it("under a secondary rate limit on every 10th write, sends no write before the wait is over and converges 100 PRs", async () => {
    const fake = new FakeGitHub();
    // Two repositories of 50 PRs: two flips (two lock groups), one per replica at once.
    const repos = ["acme/shop", "acme/api"].map((name) => {
      const repo = fake.repo(name);
      fake.ciRun(repo, fake.head(repo), "test", "success");
      const prs = Array.from({ length: 50 }, (_, i) => {
        fake.push(repo, `feature-${i}`, { files: { [`src/feature-${i}.ts`]: "export {};" } });
        return fake.pull(repo, { headRef: `feature-${i}`, title: `Feature ${i}` });
      });
      return { repo, prs };
    });
    fake.advance(HOUR);
    const name = `andon-replicas-${process.pid}-${++deployments}`;
    // A request waits out a pause by moving the shared fake clock, as time would pass; so
    // no test waits 30 s for real, and the writes' times on that clock say who waited.
    const sleep = async (ms: number) => fake.advance(ms);
    const [a, b] = [
      await replica(fake, name, { sleep, redisQueue: { name, ...FAST, concurrency: 1 } }),
      await replica(fake, name, { sleep, redisQueue: { name, ...FAST, concurrency: 1 } }),
    ];
    // Every 10th write answered 403 with `retry-after: 30`, from the first (tokens aside).
    const write = /^\/repos\//;
    fake.fail({ method: "POST", path: write, status: 403, retryAfter: 30, every: 10, times: 1e3 });
    fake.fail({ method: "PATCH", path: write, status: 403, retryAfter: 30, every: 10, times: 1e3 });
    const broken = await Promise.all(repos.map(({ repo }, i) => breakMain(fake, repo, [a, b][i]!)));

    await Promise.all([receive(a!, broken[0]!.red), receive(b!, broken[1]!.red)]);
    await a!.idle();

    for (const { repo, prs } of repos) {
      expect(gates(fake, repo, prs)).toEqual(prs.map(() => "failure"));
    }
    const writes = fake.requests.filter((r) => r.method !== "GET" && r.route !== "POST /graphql");
    const limited = writes.filter((r) => r.status === 403);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    // After each 403, the next write of the deployment comes 30 s later on the clock.
    for (const [i, write] of writes.entries()) {
      if (write.status !== 403) continue;
      const next = writes[i + 1];
      if (next) expect(next.clockAt - write.clockAt).toBeGreaterThanOrEqual(30_000);
    }
  }, 300_000);
});

import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "../kit/fake-github.js";
import { testPrivateKey, WEBHOOK_SECRET } from "../kit/harness.js";
import { ciCompletedEvent, pullRequestEvent, pushEvent } from "../kit/payloads.js";
import { freePort, startRedis, type RunningService } from "../kit/services.js";
import type { FakeRepo } from "../kit/state.js";
import { deliver, request, serveFakeGitHub, type FakeGitHubServer } from "./http.js";

/**
 * Andon as users run it: its own process, started by `npm start` (or, as the container
 * image does, `node scripts/start.js`), talking to the fake GitHub over loopback HTTP as
 * a GitHub Enterprise Server. The first start compiles the TypeScript, hence the timeouts.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 180_000;

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Pino's JSON log lines (production logs JSON). */
  logs: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const started: Running[] = [];
const services: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  for (const run of started.splice(0)) {
    if (groupAlive(run.child.pid!)) process.kill(-run.child.pid!, "SIGKILL");
  }
  for (const service of services.splice(0)) await service.stop();
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function start(command: string[], env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  let text = "";
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    // Its own process group, so the test can see that nothing is left behind.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? ROOT,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      ANDON_SWEEP_INTERVAL: "0",
      ...env,
    },
  });
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const run: Running = {
    child,
    port,
    exited,
    output: () => text,
    logs: () =>
      text
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  started.push(run);
  let gone = false;
  void exited.then(() => (gone = true));
  await until(
    "GET /healthz",
    async () => {
      if (gone) throw new Error(`Andon exited before serving:\n${text}`);
      return (await request(port, "GET", "/healthz").catch(() => ({ status: 0 }))).status === 200;
    },
    START_TIMEOUT_MS,
  );
  return run;
}

/** acme/shop: green main and `prs` open PRs into it. */
function shop(fake: FakeGitHub, prs: number): FakeRepo {
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  for (let i = 1; i <= prs; i++) {
    fake.push(repo, `feature-${i}`, { files: { [`src/feature-${i}.ts`]: "export {};" } });
    fake.pull(repo, { headRef: `feature-${i}` });
  }
  return repo;
}

async function withFake(fake: FakeGitHub): Promise<FakeGitHubServer> {
  const server = await serveFakeGitHub(fake);
  services.push({ stop: () => server.close() });
  return server;
}

describe("npm start", () => {
  it(
    "serves with REDIS_URL pointing at a real redis-server: health, readiness, webhooks on both paths, metrics",
    async () => {
      const redis: RunningService = await startRedis();
      services.push(redis);
      const fake = new FakeGitHub();
      const repo = shop(fake, 1);
      const github = await withFake(fake);
      const andon = await start(["npm", "start"], {
        REDIS_URL: redis.url,
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        ANDON_DATA_DIR: "memory://",
      });

      // Ready once the embedded database has opened (seconds: PGlite compiles first).
      await until(
        "GET /readyz",
        async () => (await request(andon.port, "GET", "/readyz")).status === 200,
        START_TIMEOUT_MS,
      );
      const ready = await request(andon.port, "GET", "/readyz");
      expect(JSON.parse(ready.body).probes).toEqual(
        expect.arrayContaining([
          { name: "redis", ok: true },
          { name: "database", ok: true },
        ]),
      );

      const pull = repo.pulls.get(1)!;
      // The path Probot serves, and `/`, where the manifest flow points GitHub.
      const event = pullRequestEvent(repo, pull);
      expect(
        (await deliver(andon.port, "/api/github/webhooks", event, WEBHOOK_SECRET)).status,
      ).toBe(200);
      const again = pullRequestEvent(repo, pull, "synchronize");
      expect((await deliver(andon.port, "/", again, WEBHOOK_SECRET)).status).toBe(200);
      const forged = await deliver(andon.port, "/", pullRequestEvent(repo, pull), "wrong secret");
      expect(forged.status).toBe(400);
      await until(
        "the PR's gate",
        () => fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion === "success",
        30_000,
      );

      const metrics = (await request(andon.port, "GET", "/metrics")).body;
      expect(metrics).toContain(
        'andon_webhooks_received_total{event="pull_request",outcome="accepted"} 2',
      );
      expect(metrics).toContain(
        'andon_webhooks_received_total{event="pull_request",outcome="rejected"} 1',
      );
      expect(metrics).toContain("process_cpu_seconds_total");

      await redis.stop();
      services.splice(services.indexOf(redis), 1);
      const notReady = await request(andon.port, "GET", "/readyz");
      expect(notReady.status).toBe(503);
      expect(JSON.parse(notReady.body).probes).toContainEqual(
        expect.objectContaining({ name: "redis", ok: false }),
      );

      // Ctrl-C in a terminal: SIGINT to the whole process group (npm and Andon).
      process.kill(-andon.child.pid!, "SIGINT");
      await until(
        "every process of the group to exit",
        () => !groupAlive(andon.child.pid!),
        30_000,
      );
      expect(andon.logs().some((l) => l.msg === "work drained")).toBe(true);
    },
    START_TIMEOUT_MS + 60_000,
  );
});

describe("NODE_ENV=production", () => {
  it(
    "without credentials fails at start, naming every variable to set",
    async () => {
      const child = spawn("node", ["scripts/start.js"], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? ROOT, NODE_ENV: "production" },
      });
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      expect(stderr).toContain("Andon cannot start in production");
      for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET"]) {
        expect(stderr).toContain(name);
      }
    },
    START_TIMEOUT_MS,
  );
});

describe("SIGTERM", () => {
  it(
    "mid-flip: refuses new webhooks with 503, lets the flip finish, exits 0 and leaves no process",
    async () => {
      const fake = new FakeGitHub();
      const repo = shop(fake, 6);
      const github = await withFake(fake);
      const andon = await start(["node", "scripts/start.js"], {
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        ANDON_SHUTDOWN_GRACE_SECONDS: "60",
      });
      // Slow GitHub down so the flip's PR updates are in flight when the signal comes.
      github.delayMs = 150;
      const before = fake.head(repo);
      const broken = fake.push(repo, "main", { files: { "src/cart.ts": "oops" } });
      const hook = "/api/github/webhooks";
      expect(
        (
          await deliver(
            andon.port,
            hook,
            pushEvent(repo, "main", before, broken.sha),
            WEBHOOK_SECRET,
          )
        ).status,
      ).toBe(200);
      const failed = fake.ciRun(repo, broken.sha, "test", "failure");
      expect(
        (await deliver(andon.port, hook, ciCompletedEvent(repo, failed), WEBHOOK_SECRET)).status,
      ).toBe(200);
      const gates = () =>
        [...repo.pulls.values()].filter(
          (p) => fake.andonRun(repo, p.headSha, "andon/mainline")?.conclusion === "failure",
        ).length;
      await until("the flip to start updating PRs", () => gates() >= 1, 60_000);
      expect(gates()).toBeLessThan(6);

      andon.child.kill("SIGTERM");
      await until("the shutdown to begin", () => andon.output().includes("shutting down"), 10_000);
      const late = await deliver(
        andon.port,
        hook,
        pullRequestEvent(repo, repo.pulls.get(1)!, "labeled"),
        WEBHOOK_SECRET,
      );
      expect(late.status).toBe(503);

      expect(await andon.exited).toBe(0);
      expect(gates()).toBe(6);
      expect(andon.logs().find((l) => l.msg === "work drained")).toMatchObject({ unfinished: 0 });
      await until("no process left in the group", () => !groupAlive(andon.child.pid!), 5_000);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    "logs what could not finish within the grace period with the delivery to redeliver, and exits 0",
    async () => {
      const fake = new FakeGitHub();
      const repo = shop(fake, 1);
      const github = await withFake(fake);
      const andon = await start(["node", "scripts/start.js"], {
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        ANDON_SHUTDOWN_GRACE_SECONDS: "1",
      });
      github.delayMs = 10_000;
      const before = fake.head(repo);
      const pushed = fake.push(repo, "main", { files: { "src/cart.ts": "export {};" } });
      const event = pushEvent(repo, "main", before, pushed.sha);
      expect(
        (await deliver(andon.port, "/api/github/webhooks", event, WEBHOOK_SECRET)).status,
      ).toBe(200);

      andon.child.kill("SIGTERM");

      expect(await andon.exited).toBe(0);
      const unfinished = andon.logs().filter((l) => String(l.msg).startsWith("not finished"));
      expect(unfinished.length).toBeGreaterThan(0);
      expect(unfinished[0]).toMatchObject({
        deliveryId: event.id,
        event: "push",
        repository: "acme/shop",
      });
    },
    START_TIMEOUT_MS + 60_000,
  );
});

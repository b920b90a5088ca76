import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Probot, ProbotOctokit, Server, type Logger } from "probot";
import { createAndon } from "../src/index.js";
import { openStore } from "../src/store/store.js";
import { FakeGitHub } from "../test/kit/fake-github.js";
import type { WebhookEvent } from "../test/kit/payloads.js";
import {
  ACME_INSTALLATION,
  createOrganisation,
  GLOBEX_INSTALLATION,
  type Organisation,
} from "./organisation.js";
import { offerRegistration, REGISTER_PATH } from "./offer-registration.js";
import { serveSimulatedGitHub } from "./simulated-github.js";
import { previousDays, workingDay, type DayContext, type Step } from "./working-day.js";

export interface DemoOptions {
  /** Where the board is served; `npm run demo` uses 3000 like `npm start`. 0 picks a free port. */
  port?: number;
  host?: string;
  /** The embedded store's folder; a fresh temporary one (removed on stop) by default. */
  dataDir?: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /**
   * Offer registering the real app (Probot's manifest flow, on the next port) on every
   * page: what `npm start` does when it has no credentials.
   */
  offerRegistration?: boolean;
  /** The simulated day; today by default. */
  day?: Date;
  /** Days of history played at start, before the day (default 6). */
  historyDays?: number;
  /** How often an open board looks for news (default 2 s: the demo's day moves fast). */
  refreshSeconds?: number;
  /** Told of each request the simulated GitHub does not model (default: printed on stderr). */
  onUnmodelled?: (request: string) => void;
}

export interface Demo {
  /** The app's own address, e.g. `http://localhost:3000`. */
  url: string;
  /** Board tokens per installation: acme's shows acme only, globex's globex only. */
  tokens: { acme: string; globex: string };
  /** The board for acme's wall display (with its token). */
  boardUrl: string;
  org: Organisation;
  fake: FakeGitHub;
  steps: Step[];
  /** How many steps have been played. */
  played(): number;
  /** Plays the next step of the day; undefined when the day is over. */
  next(): Promise<Step | undefined>;
  log: Logger;
  stop(): Promise<void>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, host, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts Andon for real — Probot's server, the app's webhook handlers, its queue and
 * embedded store, the board — against a simulated GitHub on 127.0.0.1, and an
 * organisation whose working day the caller plays step by step. No credentials and no
 * network: the app's key and secrets are made up here, and every request stays local.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  // Whatever start-up opened is closed again if a later part fails: a half-started demo
  // must not keep servers and the store open (a test runner would wait on them forever).
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    return await start(options, closers, closeAll);
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

async function start(
  options: DemoOptions,
  closers: Array<() => Promise<void> | void>,
  closeAll: () => Promise<void>,
): Promise<Demo> {
  const day = options.day ?? new Date();
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const historyDays = options.historyDays ?? 6;
  const fake = new FakeGitHub(new Date(midnight - historyDays * DAY + 8 * 60 * MINUTE));
  const org = createOrganisation(fake, new Date(midnight - 3 * DAY + 17 * 60 * MINUTE));
  const github = await serveSimulatedGitHub(fake, options.onUnmodelled);
  closers.push(() => github.close());
  const host = options.host ?? "localhost";
  // Probot's server reads port 0 as "the default, 3000": pick a free one instead.
  const port = options.port === 0 ? await freePort(host) : (options.port ?? 3000);

  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "andon-demo-"));
  if (ownDataDir) closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const secret = randomBytes(20).toString("hex");
  const sweepToken = randomBytes(20).toString("hex");
  const tokens = {
    acme: `demo-acme-${randomBytes(12).toString("hex")}`,
    globex: `demo-globex-${randomBytes(12).toString("hex")}`,
  };
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const ProbotWithDemo = Probot.defaults({
    appId: 1,
    privateKey,
    secret,
    baseUrl: github.url,
    // GitHub's secondary limits space writes a second apart; the simulator has none, and
    // a demo that waits a second per check run would take minutes to play a morning.
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      throttle: { enabled: false },
    })),
    logLevel: options.logLevel ?? "warn",
  });
  // Probot makes its logger when ready; the demo logs through the same one.
  const logger = new ProbotWithDemo();
  await logger.ready();
  const log = logger.log.child({ name: "andon-demo" });

  const env = {
    ANDON_SWEEP_INTERVAL: "0",
    ANDON_SWEEP_TOKEN: sweepToken,
    ANDON_DATA_DIR: dataDir,
    ANDON_BOARD_TOKENS: `${ACME_INSTALLATION}:${tokens.acme},${GLOBEX_INSTALLATION}:${tokens.globex}`,
    ANDON_BOARD_REFRESH_SECONDS: String(options.refreshSeconds ?? 2),
    // The board links to GitHub's web pages: here, the simulator's (as for GHE).
    GHE_HOST: new URL(github.url).host,
    GHE_PROTOCOL: "http",
  };
  // Opened (and its schema migrated) before any webhook: the embedded store's first open
  // runs PostgreSQL's initdb in WebAssembly — seconds of CPU, in long stretches that hold
  // the event loop. Opened lazily by the first record job, it stalled the demo's own
  // webhook traffic in the middle of a step; here it happens once, with nothing waiting.
  const opened = await openStore(env);
  closers.push(() => opened.close());
  const store = () => Promise.resolve(opened);
  const andon = createAndon({
    clock: fake.clock,
    env,
    history: store,
    demo: options.offerRegistration ? { registerUrl: REGISTER_PATH } : {},
  });
  const server = new Server({
    Probot: ProbotWithDemo,
    port,
    host,
    log,
  });
  await server.load(andon.app);
  if (options.offerRegistration) {
    server.addHandler(offerRegistration({ host, port: port + 1, log }));
  }
  const http = await server.start();
  closers.push(async () => {
    // Live boards hold their connections open: ended first, or the server never closes.
    andon.stop();
    await andon.idle();
    await server.stop();
  });
  const address = http.address() as { port: number };
  const url = `http://${host}:${address.port}`;
  log.info(`DEMO: Andon runs against a simulated GitHub at ${github.url}; nothing here is real`);

  const post = (path: string, headers: Record<string, string>, body: string) =>
    postOnce(`${url}${path}`, headers, body);
  const ctx: DayContext = {
    fake,
    org,
    async send(event: WebhookEvent) {
      const body = JSON.stringify(event.payload);
      await post(
        "/api/github/webhooks",
        {
          "content-type": "application/json",
          "x-github-event": event.name,
          "x-github-delivery": event.id || randomUUID(),
          "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
        },
        body,
      );
      await andon.idle();
    },
    async sweep() {
      await post("/andon/sweep", { authorization: `Bearer ${sweepToken}` }, "");
      await andon.idle();
    },
  };

  const steps = workingDay();
  let played = 0;
  const playAt = async (step: Step) => {
    const [h, m] = step.at.split(":").map(Number) as [number, number];
    const at = midnight - (step.daysAgo ?? 0) * DAY + (h * 60 + m) * MINUTE;
    if (at > fake.now.getTime()) fake.now = new Date(at);
    await step.play(ctx);
    // What a step did took a moment, and the board looks after it: the history's periods
    // end just before their `to`, so an episode that began at the board's very instant
    // would show only from the next one.
    fake.advance(MINUTE);
  };
  for (const step of previousDays(historyDays)) await playAt(step);
  return {
    url,
    tokens,
    boardUrl: `${url}/andon?token=${tokens.acme}`,
    org,
    fake,
    steps,
    log,
    played: () => played,
    async next() {
      const step = steps[played];
      if (!step) return undefined;
      played++;
      await playAt(step);
      return step;
    },
    stop: closeAll,
  };
}

/**
 * One POST on a connection of its own, closed after the answer. The demo's requests come
 * seconds apart; a kept-alive connection reused after such a pause can be the one the
 * server is closing at that moment (its keep-alive timeout), and the request then meets
 * a reset. A fresh connection per request cannot. (`fetch`, not `http.request`: under
 * jest, a test file that ran before in the same process may have left nock's interceptor
 * on the shared `http` module, refusing connections; each file has its own `fetch`.)
 */
async function postOnce(url: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, connection: "close" },
    body,
  });
  if (!res.ok)
    throw new Error(`POST ${new URL(url).pathname} answered ${res.status}: ${await res.text()}`);
}

import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createAndon, type Andon, type AndonOptions } from "../../src/index.js";
import type { SweepSummary } from "../../src/sweep/summary.js";
import { assertEveryRequestModelled, FakeGitHub } from "./fake-github.js";
import { ManualTimers } from "./manual-timers.js";
import type { WebhookEvent } from "./payloads.js";

export const WEBHOOK_SECRET = "andon-test-secret";

let privateKey: string | undefined;
/** One RSA key per test process: Probot signs real app JWTs with it. */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

/** A fresh Probot per test: installation tokens are cached per instance. */
export function createProbot(): Probot {
  return new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    logLevel: (process.env.ANDON_TEST_LOG_LEVEL as "fatal") ?? "fatal",
    // The callback form: the object form is shallow-merged and leaves them on.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      throttle: { enabled: false },
      retry: { enabled: false },
    })),
  });
}

export interface Harness {
  fake: FakeGitHub;
  probot: Probot;
  /**
   * The app itself: `drain()` stops it as a deploy would, `kill()` as SIGKILL would; also
   * to hand it what another feature would (a mainline transition).
   */
  andon: Andon;
  /** Every delay a retry asked to wait, and every rate-limit pause a request waited out, in ms. */
  sleeps: number[];
  /**
   * Delivers a webhook and waits until all the work it caused is done, retries
   * included: the fake's clock moves on to when each retry is due, as time would.
   */
  send(event: WebhookEvent): Promise<void>;
  idle(): Promise<void>;
  /** The sweep scheduler's timers: nothing fires unless the test calls `runDue()`. */
  timers: ManualTimers;
  /** The summary of every sweep run so far, oldest first. */
  sweeps: SweepSummary[];
  /**
   * Sends one HTTP request to the app's own handlers (`addHandler`) through a real
   * server on 127.0.0.1, as an external cron would; 404 when no handler takes it.
   */
  http(method: string, path: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** `http`, with the answer's headers (redirects, cookies). */
  request(
    method: string,
    path: string,
    headers?: Record<string, string>,
  ): Promise<HttpAnswerWithHeaders>;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export interface HttpAnswerWithHeaders extends HttpAnswer {
  /** Lower-cased names; `set-cookie` keeps every value. */
  headers: Record<string, string[]>;
}

type HttpHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The real Andon app on a real Probot, talking to a fresh fake GitHub. */
export async function startAndon(
  options: AndonOptions = {},
  fake = new FakeGitHub(),
): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  fake.install();
  const sleeps: number[] = [];
  const sweeps: SweepSummary[] = [];
  const timers = new ManualTimers(fake.clock);
  const retriesDue: number[] = [];
  // A test's own `sleep` is told every wait: a request's rate-limit pause, and each
  // retry's delay before the clock moves to it (so a test can end an outage there).
  const { sleep: told, ...rest } = options;
  const andon = createAndon({
    clock: fake.clock,
    onRetry: (_job, ms) => {
      sleeps.push(ms);
      retriesDue.push(fake.clock().getTime() + ms);
    },
    // A request waits out a rate limit's pause at once: the fake's clock is not real time.
    sleep: async (ms) => {
      sleeps.push(ms);
      await told?.(ms);
    },
    timers,
    onSweepSummary: (summary) => sweeps.push(summary),
    // No history unless a test asks: opening PGlite costs seconds, and most tests need none.
    history: false,
    ...rest,
  });
  const probot = createProbot();
  const handlers: HttpHandler[] = [];
  await probot.load(andon.app, {
    cwd: process.cwd(),
    addHandler: (handler) => handlers.push(handler),
  });
  async function idle(): Promise<void> {
    await andon.idle();
    for (let due = nextRetry(); due !== undefined; due = nextRetry()) {
      const ms = Math.max(0, due - fake.clock().getTime());
      await told?.(ms);
      fake.advance(ms);
      await timers.runDue();
      await andon.idle();
    }
  }
  function nextRetry(): number | undefined {
    retriesDue.sort((a, b) => a - b);
    return retriesDue.shift();
  }

  return {
    fake,
    probot,
    andon,
    sleeps,
    timers,
    sweeps,
    http: async (method, path, headers) => {
      const { status, body } = await serveOnce(handlers, method, path, headers);
      return { status, body };
    },
    request: (method, path, headers) => serveOnce(handlers, method, path, headers),
    idle,
    async send(event) {
      await probot.receive(event as Parameters<Probot["receive"]>[0]);
      await idle();
    },
  };
}

/** Ends a test: stops answering, and fails when the fake saw a request it does not model. */
export function stopAndon(): void {
  nock.cleanAll();
  assertEveryRequestModelled();
}

/**
 * One request through a real HTTP server that lives for that request only. The client
 * side is a raw socket: nock patches `http.request` process-wide, and an instance left
 * behind by another test file in the same worker would refuse even 127.0.0.1.
 */
async function serveOnce(
  handlers: HttpHandler[],
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswerWithHeaders> {
  const server = createServer(async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    const raw = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect(port, "127.0.0.1", () => {
        const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
        // HTTP/1.0: the server answers without chunking and closes when done. Not
        // `end()`: a server that sees the client close first drops a slow answer.
        socket.write(`${method} ${path} HTTP/1.0\r\nHost: 127.0.0.1\r\n${lines.join("")}\r\n`);
      });
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const [head = "", body = ""] = raw.split("\r\n\r\n", 2);
    const [statusLine = "", ...lines] = head.split("\r\n");
    const answered: Record<string, string[]> = {};
    for (const line of lines) {
      const at = line.indexOf(":");
      const name = line.slice(0, at).trim().toLowerCase();
      (answered[name] ??= []).push(line.slice(at + 1).trim());
    }
    return { status: Number(statusLine.split(" ")[1]), body: parse(body), headers: answered };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

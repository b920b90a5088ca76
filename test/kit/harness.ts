import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createAndon, type AndonOptions } from "../../src/index.js";
import { FakeGitHub } from "./fake-github.js";
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
    logLevel: "fatal",
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
  /** Every delay a retry asked to wait, in ms (nothing actually waits). */
  sleeps: number[];
  /** Delivers a webhook and waits until all the work it caused is done. */
  send(event: WebhookEvent): Promise<void>;
  idle(): Promise<void>;
}

/** The real Andon app on a real Probot, talking to a fresh fake GitHub. */
export async function startAndon(
  options: AndonOptions = {},
  fake = new FakeGitHub(),
): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  fake.install();
  const sleeps: number[] = [];
  const andon = createAndon({
    clock: fake.clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  const probot = createProbot();
  await probot.load(andon.app, { addHandler: () => {} });
  return {
    fake,
    probot,
    sleeps,
    idle: andon.idle,
    async send(event) {
      await probot.receive(event as Parameters<Probot["receive"]>[0]);
      await andon.idle();
    },
  };
}

export function stopAndon(): void {
  nock.cleanAll();
}

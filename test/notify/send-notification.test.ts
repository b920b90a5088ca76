import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createConfigStore } from "../../src/config/config-store.js";
import type { MainlineTransition } from "../../src/mainline/transition.js";
import { parseHooks } from "../../src/notify/hooks.js";
import {
  HookError,
  notificationJobs,
  sendNotification,
} from "../../src/notify/send-notification.js";
import type { JobTools } from "../../src/work/job.js";
import { decideRetry, DEFAULT_RETRY_POLICY } from "../../src/work/retry-policy.js";
import { fakeWithOctokit } from "../kit/fake-octokit.js";
import { recordingLog, type LogLine } from "../kit/runner-kit.js";
import { startSink, type Sink } from "./sink.js";

const closed: MainlineTransition = {
  event: "closed",
  installationId: 1,
  repository: "acme/shop",
  sha: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
  breakingSha: null,
  fixingSha: null,
  author: "mona",
  failingChecks: [],
  reason: "release freeze",
  url: "https://github.com/acme/shop/issues/7#issuecomment-99",
  at: "2026-11-25T15:00:00.000Z",
};

let sink: Sink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
  nock.cleanAll();
});

async function scene(files: Record<string, string> = {}, entries?: (origin: string) => string) {
  const { fake, octokit } = await fakeWithOctokit();
  nock.enableNetConnect("127.0.0.1");
  fake.repo("acme/shop", { files: { "README.md": "# shop", ...files } });
  sink = await startSink();
  const list = entries?.(sink.origin) ?? `${sink.origin}/hooks/s3cret-token`;
  const { hooks } = parseHooks(list);
  const lines: LogLine[] = [];
  const tools = { octokit, log: recordingLog(lines) } as unknown as JobTools;
  const handler = sendNotification({
    hooks,
    configs: createConfigStore({ clock: fake.clock }),
    timeoutMs: 1500,
  });
  const send = (t = closed) =>
    Promise.all(notificationJobs(t, hooks).map((job) => handler(job, tools)));
  return { fake, hooks, lines, send, sink };
}

describe("sendNotification", () => {
  it("posts the JSON event to a plain URL, once per hook", async () => {
    const { send, sink } = await scene();
    await send();
    expect(sink.received).toEqual([
      {
        path: "/hooks/s3cret-token",
        contentType: "application/json",
        body: expect.objectContaining({ event: "closed", reason: "release freeze" }),
      },
    ]);
  });

  it("picks each hook's format from its prefix", async () => {
    const { send, sink } = await scene({}, (o) => `slack:${o}/s,teams:${o}/t,${o}/j`);
    await send();
    const byPath = Object.fromEntries(sink.received.map((r) => [r.path, r.body]));
    expect(byPath["/s"]).toMatchObject({ text: expect.any(String), blocks: expect.any(Array) });
    expect(byPath["/t"]).toMatchObject({ "@type": "MessageCard" });
    expect(byPath["/j"]).toMatchObject({ event: "closed" });
  });

  it("sends nothing for a repository with notify.enabled: false", async () => {
    const { send, sink } = await scene({ ".github/andon.yml": "notify:\n  enabled: false\n" });
    await send();
    expect(sink.received).toEqual([]);
  });

  it.each([500, 502, 503])("throws a retryable error on %i", async (status) => {
    const { send, sink } = await scene();
    sink.answers.push(status);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    expect(decideRetry(error, 1, DEFAULT_RETRY_POLICY, 0)).toMatchObject({ retry: true });
  });

  it("waits at least the hook's retry-after on 429", async () => {
    const { send, sink } = await scene();
    sink.answers.push(429);
    const error = await send().catch((e: unknown) => e);
    expect(decideRetry(error, 1, DEFAULT_RETRY_POLICY, 0)).toMatchObject({
      retry: true,
      delayMs: 30_000,
    });
  });

  it("retries a hook that does not answer in time, or cannot be reached", async () => {
    const { send, sink } = await scene();
    sink.answers.push("hang");
    const timedOut = await send().catch((e: unknown) => e);
    expect(decideRetry(timedOut, 1, DEFAULT_RETRY_POLICY, 0)).toMatchObject({
      retry: true,
      reason: "network error",
    });
    await sink.close();
    const refused = await send().catch((e: unknown) => e);
    expect(decideRetry(refused, 1, DEFAULT_RETRY_POLICY, 0)).toMatchObject({
      retry: true,
      reason: "network error",
    });
  });

  it.each([400, 403, 404, 410])("gives up on %i, logging the hook redacted", async (status) => {
    const { send, sink, lines } = await scene();
    sink.answers.push(status);
    await send();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        fields: expect.objectContaining({ status, hook: expect.stringMatching(/^hook 0 \(http/) }),
      }),
    );
  });

  it("never writes a hook's URL into a log line or an error", async () => {
    const { send, sink, lines } = await scene();
    sink.answers.push(503, 404, "hang");
    const errors = [];
    for (let i = 0; i < 4; i++) errors.push(await send().catch((e: unknown) => e));
    await sink.close();
    errors.push(await send().catch((e: unknown) => e));
    const text = JSON.stringify(lines) + errors.map((e) => `${String(e)} ${JSON.stringify(e)}`);
    expect(text).toContain("hook 0 (http://127.0.0.1");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("/hooks/");
  });
});

describe("notificationJobs", () => {
  it("makes one job per hook, keyed by the transition and the hook's index", () => {
    const { hooks } = parseHooks("https://a.example/x,https://b.example/y");
    const jobs = notificationJobs(closed, hooks);
    expect(jobs.map((j) => j.key)).toEqual([
      "notify:acme/shop:closed:2026-11-25T15:00:00.000Z#0",
      "notify:acme/shop:closed:2026-11-25T15:00:00.000Z#1",
    ]);
    expect(jobs.every((j) => j.deliveryId === j.key && !j.lock)).toBe(true);
    expect(JSON.stringify(jobs)).not.toContain("a.example");
  });
});

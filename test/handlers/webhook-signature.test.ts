import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { createNodeMiddleware } from "probot";
import { createAndon, type Andon } from "../../src/index.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { createProbot, WEBHOOK_SECRET } from "../kit/harness.js";
import { pullRequestEvent, type WebhookEvent } from "../kit/payloads.js";

const PATH = "/api/github/webhooks";

let server: Server;
let url: string;
let fake: FakeGitHub;
let andon: Andon;
let event: WebhookEvent;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  fake = new FakeGitHub().install();
  const repo = fake.repo("acme/shop");
  fake.push(repo, "feature", { files: { "src/a.ts": "export const a = 1;" } });
  event = pullRequestEvent(repo, fake.pull(repo, { headRef: "feature" }), "opened");
  andon = createAndon({
    clock: fake.clock,
    env: { ANDON_SWEEP_INTERVAL: "0" },
  });
  const middleware = await createNodeMiddleware(andon.app, {
    probot: createProbot(),
    webhooksPath: PATH,
  });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
});

afterEach(async () => {
  await andon.idle();
  andon.stop();
  await new Promise((resolve) => server.close(resolve));
  nock.cleanAll();
});

const sign = (body: string, secret = WEBHOOK_SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function post(body: string, signature: string) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event.name,
      "x-github-delivery": event.id,
      "x-hub-signature-256": signature,
    },
    body,
  });
}

describe("the webhook endpoint", () => {
  it.each([
    { what: "signed with another secret", signature: (body: string) => sign(body, "not-it") },
    { what: "signed over another body", signature: () => sign("{}") },
    { what: "with a malformed signature", signature: () => "sha256=nope" },
    { what: "without a signature", signature: () => "" },
  ])("refuses a delivery $what, and asks GitHub nothing", async ({ signature }) => {
    const body = JSON.stringify(event.payload);
    const response = await post(body, signature(body));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await andon.idle();
    expect(fake.requests).toEqual([]);
  });

  it("accepts a correctly signed pull_request.opened and judges the PR", async () => {
    const body = JSON.stringify(event.payload);
    const response = await post(body, sign(body));
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    await andon.idle();
    expect(fake.requests.map((r) => r.route)).toContain("GET /repos/{owner}/{repo}/pulls/{number}");
  });

  it("refuses a malformed JSON body with 4xx, and keeps serving", async () => {
    const broken = '{"action": "opened", ';
    const response = await post(broken, sign(broken));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(fake.requests).toEqual([]);

    const body = JSON.stringify(event.payload);
    expect((await post(body, sign(body))).status).toBe(200);
  });
});

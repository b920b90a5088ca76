import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { run } from "probot";
import { freePort } from "../kit/services.js";
import { request } from "./http.js";

/**
 * Runs Probot's own setup mode (what `npm start` does without credentials) on loopback
 * and reads the manifest its page would POST to GitHub: what GitHub registers is exactly
 * what Probot builds from app.yml and the environment.
 */
async function manifestFromSetupPage(headers: Record<string, string>) {
  const port = await freePort();
  const server = await run(() => undefined, {
    env: { PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "fatal" },
  });
  try {
    const page = await request(port, "GET", "/probot", headers);
    expect(page.status).toBe(200);
    const value = /name="manifest" id="manifest" value='([^']*)'/.exec(page.body)?.[1];
    return JSON.parse(value!) as {
      hook_attributes: { url: string };
      redirect_url: string;
      default_permissions: Record<string, string>;
      default_events: string[];
      public: boolean;
    };
  } finally {
    await server.stop();
  }
}

const TOUCHED = ["NO_SMEE_SETUP", "WEBHOOK_PROXY_URL", "APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH"];
const saved = Object.fromEntries(TOUCHED.map((name) => [name, process.env[name]]));
beforeEach(() => {
  // No smee.io channel: setup mode would otherwise try to create one (network).
  process.env.NO_SMEE_SETUP = "true";
  delete process.env.WEBHOOK_PROXY_URL;
  delete process.env.APP_ID;
  delete process.env.PRIVATE_KEY;
  delete process.env.PRIVATE_KEY_PATH;
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("registering Andon through Probot's manifest flow", () => {
  it("takes the webhook URL from WEBHOOK_PROXY_URL when it is set", async () => {
    process.env.WEBHOOK_PROXY_URL = "https://smee.io/andon-trial";
    const manifest = await manifestFromSetupPage({ Host: "localhost:3000" });
    expect(manifest.hook_attributes.url).toBe("https://smee.io/andon-trial");
  });

  it("otherwise takes it from the URL the flow is run from, never a placeholder", async () => {
    const manifest = await manifestFromSetupPage({
      Host: "10.0.0.7:3000",
      "X-Forwarded-Host": "andon.acme.example",
      "X-Forwarded-Proto": "https",
    });
    expect(manifest.hook_attributes.url).toBe("https://andon.acme.example/");
    expect(manifest.redirect_url).toBe("https://andon.acme.example/probot/setup");
  });

  it("asks for exactly the permissions PRODUCT.md lists, never contents: write, and stays private", async () => {
    const manifest = await manifestFromSetupPage({ Host: "localhost:3000" });
    expect(manifest.default_permissions).toEqual({
      checks: "write",
      contents: "read",
      statuses: "read",
      pull_requests: "read",
      merge_queues: "read",
      actions: "read",
      issues: "write",
      metadata: "read",
    });
    expect(manifest.default_events.sort()).toEqual(
      [
        "check_run",
        "check_suite",
        "issue_comment",
        "merge_group",
        "pull_request",
        "push",
        "status",
        "workflow_run",
      ].sort(),
    );
    expect(manifest.public).toBe(false);
  });
});

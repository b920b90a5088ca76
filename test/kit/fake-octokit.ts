import nock from "nock";
import { FakeGitHub } from "./fake-github.js";
import { createProbot } from "./harness.js";
import type { Octokit } from "../../src/github/types.js";

/**
 * A fresh fake GitHub and an installation octokit talking to it, for tests of the
 * `src/github/` and `src/config/` functions without the whole app.
 */
export async function fakeWithOctokit(): Promise<{ fake: FakeGitHub; octokit: Octokit }> {
  nock.disableNetConnect();
  const fake = new FakeGitHub().install();
  fake.installation(1, "acme");
  const octokit = (await createProbot().auth(1)) as Octokit;
  return { fake, octokit };
}

/** Requests that changed something on GitHub (token requests aside). */
export function writesTo(fake: FakeGitHub): string[] {
  return fake.requests
    .filter((r) => r.method !== "GET" && !r.route.includes("access_tokens"))
    .map((r) => r.route);
}

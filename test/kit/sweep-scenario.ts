import { expect } from "@jest/globals";
import type { FakeGitHub } from "./fake-github.js";
import type { Harness } from "./harness.js";
import type { Person } from "./state.js";

export const H = 3_600_000;
export const TOKEN = "s3cret-sweep-token";

/** The env of a test app: sweeps start only from the endpoint, never from a timer. */
export const SWEEP_ENV = { ANDON_SWEEP_TOKEN: TOKEN, ANDON_SWEEP_INTERVAL: "0" };

export const ADA: Person = { name: "Ada Lovelace", email: "ada@acme.test", login: "ada" };
export const GRACE: Person = { name: "Grace Hopper", email: "grace@acme.test" };

export const hoursAgo = (fake: FakeGitHub, hours: number): string =>
  new Date(fake.now.getTime() - hours * H).toISOString();

/** Starts a sweep of every installation the way a cron would, and waits for all of it. */
export async function sweep(harness: Harness): Promise<void> {
  const answer = await harness.http("POST", "/andon/sweep", { authorization: `Bearer ${TOKEN}` });
  expect(answer.status).toBe(202);
  await harness.idle();
}

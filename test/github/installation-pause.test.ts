import { describe, expect, it } from "@jest/globals";
import { createInstallationPauses, retryAfterMs } from "../../src/github/installation-pause.js";

const limited = (seconds: number) =>
  Object.assign(new Error("You have exceeded a secondary rate limit."), {
    status: 403,
    response: { headers: { "retry-after": String(seconds) } },
  });

/** A clock that `sleep` moves: waiting takes no real time, and its order is recorded. */
function virtualTime() {
  let now = Date.parse("2026-11-25T12:00:00Z");
  const log: string[] = [];
  return {
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      log.push(`wait ${ms}`);
      now += ms;
    },
    log,
  };
}

describe("retryAfterMs", () => {
  it.each([
    { error: limited(30), expected: 30_000 },
    { error: { status: 429, response: { headers: { "retry-after": "2" } } }, expected: 2_000 },
    {
      error: { status: 403, message: "You have exceeded a secondary rate limit" },
      expected: 60_000,
    },
    {
      error: { status: 403, message: "Resource not accessible by integration" },
      expected: undefined,
    },
    { error: { status: 502, response: { headers: { "retry-after": "5" } } }, expected: undefined },
  ])("reads $expected ms from a $error.status", ({ error, expected }) => {
    expect(retryAfterMs(error)).toBe(expected);
  });
});

describe("createInstallationPauses", () => {
  it("sends a limited request again after retry-after, and makes the installation's other clients wait too", async () => {
    let now = Date.parse("2026-11-25T12:00:00Z");
    const waiting: Array<{ ms: number; done: () => void }> = [];
    const pauses = createInstallationPauses({
      clock: () => new Date(now),
      sleep: (ms) => new Promise<void>((done) => waiting.push({ ms, done })),
    });
    const sent: string[] = [];
    let failures = 1;
    const request = (name: string) => async () => {
      if (name === "flip" && failures-- > 0) throw limited(30);
      sent.push(name);
      return name;
    };
    const settle = () => new Promise((r) => setTimeout(r, 0));

    const flip = pauses.wrap(7)(request("flip"), {});
    await settle();
    // Two more jobs start while GitHub asks installation 7 to wait: one of 7, one of 8.
    const other = pauses.wrap(7)(request("other"), {});
    const stranger = pauses.wrap(8)(request("stranger"), {});
    await settle();
    expect(sent).toEqual(["stranger"]);
    expect(waiting.map((w) => w.ms)).toEqual([30_000, 30_000]);

    now += 30_000;
    for (const w of waiting.splice(0)) w.done();
    expect(await Promise.all([flip, other, stranger])).toEqual(["flip", "other", "stranger"]);
    expect(sent).toEqual(["stranger", "flip", "other"]);
    expect(pauses.pausedUntil(7)).toBeUndefined();
  });

  it("gives the error to the job when the waits would pass the cap", async () => {
    const time = virtualTime();
    const pauses = createInstallationPauses({ ...time, maxWaitMs: 60_000 });
    const always = async () => {
      throw limited(45);
    };
    await expect(pauses.wrap(1)(always, {})).rejects.toMatchObject({ status: 403 });
    expect(time.log).toEqual(["wait 45000"]);
  });

  it("does not wait for an error that is not a rate limit", async () => {
    const time = virtualTime();
    const pauses = createInstallationPauses(time);
    const broken = async () => {
      throw Object.assign(new Error("Server Error"), { status: 502 });
    };
    await expect(pauses.wrap(1)(broken, {})).rejects.toMatchObject({ status: 502 });
    expect(time.log).toEqual([]);
    expect(pauses.pausedUntil(1)).toBeUndefined();
  });
});

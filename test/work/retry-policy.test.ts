import { describe, expect, it } from "@jest/globals";
import { decideRetry, DEFAULT_RETRY_POLICY } from "../../src/work/retry-policy.js";
import { httpError } from "../kit/runner-kit.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const inSeconds = (s: number) => String((NOW + s * 1000) / 1000);
const network = (code: string, message = "request failed") =>
  Object.assign(new Error(message), { code });

describe("decideRetry", () => {
  it.each([
    { what: "502", error: httpError(502), attempt: 1, delayMs: 1_000 },
    { what: "503 on the third attempt", error: httpError(503), attempt: 3, delayMs: 4_000 },
    {
      what: "403 secondary rate limit without retry-after",
      error: httpError(403, {}, "You have exceeded a secondary rate limit."),
      attempt: 1,
      delayMs: 60_000,
    },
    {
      what: "403 with retry-after: 7",
      error: httpError(403, { "retry-after": "7" }),
      attempt: 1,
      delayMs: 7_000,
    },
    {
      what: "403 with x-ratelimit-remaining 0, reset in 90 s",
      error: httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": inSeconds(90) }),
      attempt: 1,
      delayMs: 91_000,
    },
    {
      what: "429 with retry-after: 30",
      error: httpError(429, { "retry-after": "30" }),
      attempt: 2,
      delayMs: 30_000,
    },
    {
      what: "429 primary limit whose reset has passed",
      error: httpError(429, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": inSeconds(-5) }),
      attempt: 1,
      delayMs: 1_000,
    },
    { what: "ECONNRESET", error: network("ECONNRESET"), attempt: 1, delayMs: 1_000 },
    { what: "ETIMEDOUT", error: network("ETIMEDOUT"), attempt: 2, delayMs: 2_000 },
    { what: "EAI_AGAIN", error: network("EAI_AGAIN"), attempt: 1, delayMs: 1_000 },
    { what: "fetch failed", error: new TypeError("fetch failed"), attempt: 1, delayMs: 1_000 },
    {
      what: "500 on attempt 9 (the backoff doubles)",
      error: httpError(500),
      attempt: 9,
      delayMs: 256_000,
    },
  ])("retries $what after $delayMs ms", ({ error, attempt, delayMs }) => {
    expect(decideRetry(error, attempt, DEFAULT_RETRY_POLICY, NOW)).toEqual({
      retry: true,
      delayMs,
      reason: expect.any(String),
    });
  });

  it("never waits less than the backoff, even when retry-after is shorter", () => {
    const decision = decideRetry(httpError(403, { "retry-after": "1" }), 4, DEFAULT_RETRY_POLICY);
    expect(decision).toMatchObject({ retry: true, delayMs: 8_000 });
  });

  it("caps the backoff at maxDelayMs", () => {
    const policy = { maxAttempts: 50, baseDelayMs: 1_000, maxDelayMs: 60_000 };
    expect(decideRetry(httpError(502), 20, policy)).toMatchObject({ delayMs: 60_000 });
  });

  it.each([
    { what: "422", error: httpError(422), reason: "GitHub answered 422" },
    { what: "404", error: httpError(404), reason: "GitHub answered 404" },
    { what: "401", error: httpError(401), reason: "GitHub answered 401" },
    {
      what: "403 forbidden (no permission)",
      error: httpError(403, { "x-ratelimit-remaining": "4999" }, "Resource not accessible"),
      reason: "GitHub answered 403",
    },
    {
      what: "a bug in Andon",
      error: new TypeError("x is undefined"),
      reason: "not a GitHub failure",
    },
    { what: "a thrown string", error: "oops", reason: "not a GitHub failure" },
    { what: "undefined", error: undefined, reason: "not a GitHub failure" },
  ])("does not retry $what", ({ error, reason }) => {
    expect(decideRetry(error, 1, DEFAULT_RETRY_POLICY, NOW)).toEqual({ retry: false, reason });
  });

  it("gives up on the last attempt, whatever the error", () => {
    expect(decideRetry(httpError(502), DEFAULT_RETRY_POLICY.maxAttempts)).toEqual({
      retry: false,
      reason: "out of attempts",
    });
  });
});

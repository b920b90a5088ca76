/**
 * Which failures are worth trying again, and when. Probot's throttling plugin only
 * logs secondary rate limits and its retry plugin gives up after a few 5xx; the
 * runner retries the whole job later, so work is delayed, never dropped.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
};

export type RetryDecision =
  { retry: false; reason: string } | { retry: true; delayMs: number; reason: string };

interface HttpishError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
  code?: string;
  /** Set by a dependency that is down for now (the history database). */
  transient?: boolean;
}

/** Decide from the error of attempt `attempt` (1-based) whether and when to try again. */
export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  /** Now on the app's clock (ms): a primary rate limit's reset is a time, not a delay. */
  now: number,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false, reason: "out of attempts" };
  const e = (error ?? {}) as HttpishError;
  const headers = e.response?.headers ?? {};
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const retryAfter = Number(headers["retry-after"]);
  if ((e.status === 403 || e.status === 429) && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return {
      retry: true,
      delayMs: Math.max(retryAfter * 1000, backoff),
      reason: "rate limited (retry-after)",
    };
  }
  if ((e.status === 403 || e.status === 429) && headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    const wait = Number.isFinite(reset) ? Math.max(reset - now, 0) + 1000 : backoff;
    return { retry: true, delayMs: Math.max(wait, backoff), reason: "primary rate limit" };
  }
  if ((e.status === 403 || e.status === 429) && /secondary rate limit/i.test(e.message ?? "")) {
    return { retry: true, delayMs: Math.max(60_000, backoff), reason: "secondary rate limit" };
  }
  if (typeof e.status === "number" && e.status >= 500) {
    return { retry: true, delayMs: backoff, reason: `GitHub answered ${e.status}` };
  }
  if (e.transient === true) {
    return { retry: true, delayMs: backoff, reason: e.message ?? "transient failure" };
  }
  if (e.status === undefined && isNetworkError(e)) {
    return { retry: true, delayMs: backoff, reason: "network error" };
  }
  return {
    retry: false,
    reason: e.status ? `GitHub answered ${e.status}` : "not a GitHub failure",
  };
}

/**
 * A rate limit holds for the whole installation token, not for one job: GitHub asks
 * that no request be made until it has passed, so the queue pauses the installation.
 */
export function isRateLimited(error: unknown): boolean {
  const e = (error ?? {}) as HttpishError;
  if (e.status !== 403 && e.status !== 429) return false;
  const headers = e.response?.headers ?? {};
  return (
    headers["retry-after"] !== undefined ||
    headers["x-ratelimit-remaining"] === "0" ||
    /rate limit/i.test(e.message ?? "")
  );
}

function isNetworkError(e: HttpishError): boolean {
  return (
    [
      "ECONNRESET",
      "ECONNREFUSED",
      "ETIMEDOUT",
      "ENOTFOUND",
      "EAI_AGAIN",
      "UND_ERR_SOCKET",
    ].includes(e.code ?? "") || /fetch failed|network|socket hang up/i.test(e.message ?? "")
  );
}

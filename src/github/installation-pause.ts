import type { Octokit } from "./types.js";

export interface InstallationPausesOptions {
  /** The app's clock: a pause lasts until this clock passes its end. */
  clock: () => Date;
  /** How a request waits; tests pass one that moves a fake clock instead of waiting. */
  sleep: (ms: number) => Promise<void>;
  /** How long one request keeps waiting out limits before its job sees the error. */
  maxWaitMs?: number;
}

/** More than an hour of "wait" means something else is wrong: let the job's retry decide. */
const DEFAULT_MAX_WAIT_MS = 60 * 60_000;

interface RequestError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * How long GitHub asks this client to wait, from a secondary rate limit's `retry-after`
 * (403 or 429), or `undefined` for any other error.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function retryAfterMs(error: unknown): number | undefined {
  const e = (error ?? {}) as RequestError;
  if (e.status !== 403 && e.status !== 429) return undefined;
  const seconds = Number(e.response?.headers?.["retry-after"]);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return /secondary rate limit/i.test(e.message ?? "") ? 60_000 : undefined;
}

type Request = (options: Record<string, unknown>) => Promise<unknown>;

/**
 * One pause per installation, shared by every octokit of it: while GitHub asks an
 * installation to wait (a secondary rate limit's `retry-after`), every request of that
 * installation waits, whichever job sends it, and the limited request is sent again when
 * the pause ends. Work is delayed, never dropped while GitHub keeps answering, and a job
 * does not start over (which would rewrite what it already wrote). It lives at the
 * client, not in the work queue, so it holds whichever queue runs the jobs.
 */
export function createInstallationPauses(options: InstallationPausesOptions) {
  const { clock, sleep } = options;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const until = new Map<number, number>();
  const attached = new WeakSet<object>();

  async function waitOut(installationId: number): Promise<number> {
    const end = until.get(installationId) ?? 0;
    const ms = end - clock().getTime();
    if (ms <= 0) {
      until.delete(installationId);
      return 0;
    }
    await sleep(ms);
    // That pause is over (unless a newer limit moved its end meanwhile).
    if (until.get(installationId) === end) until.delete(installationId);
    return ms;
  }

  /** A `request` hook wrapper for one installation's client. */
  function wrap(installationId: number) {
    return async (request: Request, requestOptions: Record<string, unknown>) => {
      let waited = 0;
      for (;;) {
        waited += await waitOut(installationId);
        try {
          return await request(requestOptions);
        } catch (error) {
          const ms = retryAfterMs(error);
          if (ms === undefined || waited + ms > maxWaitMs) throw error;
          const end = clock().getTime() + ms;
          until.set(installationId, Math.max(until.get(installationId) ?? 0, end));
        }
      }
    };
  }

  return {
    wrap,
    /** Puts an installation's client under its pause (once per client). */
    attach<T extends Octokit>(octokit: T, installationId: number): T {
      if (!attached.has(octokit)) {
        attached.add(octokit);
        octokit.hook.wrap("request", wrap(installationId) as never);
      }
      return octokit;
    },
    /** When the installation may send again (ms since the epoch), if it is paused. */
    pausedUntil: (installationId: number) => until.get(installationId),
  };
}

export type InstallationPauses = ReturnType<typeof createInstallationPauses>;

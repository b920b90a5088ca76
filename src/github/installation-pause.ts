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
 * Where pauses are kept. In memory by default; with several replicas, in Redis (the work
 * queue's), so a limit one replica hears holds every replica's requests.
 */
export interface PauseBoard {
  /** When the installation may send again (ms on the app's clock); 0 when it may now. */
  until(installationId: number): Promise<number>;
  /** Pauses the installation until `end`, never shortening a longer pause. */
  pause(installationId: number, end: number): Promise<void>;
  /**
   * Runs one write in the installation's turn. A shared board gives one turn at a time to
   * the whole deployment, so a write is sent only after the last one's answer (and any
   * pause it brought) is known: GitHub asks for mutative requests one at a time, and no
   * write is then in flight on another replica when a limit is heard.
   * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
   */
  turn<T>(installationId: number, write: () => Promise<T>): Promise<T>;
}

/** This process's pauses; a write needs no turn (one process's writes are few at once). */
function memoryBoard(clock: () => Date) {
  const until = new Map<number, number>();
  return {
    until: async (id: number) => {
      const end = until.get(id) ?? 0;
      if (end && end <= clock().getTime()) until.delete(id);
      return end;
    },
    pause: async (id: number, end: number) => {
      until.set(id, Math.max(until.get(id) ?? 0, end));
    },
    turn: <T>(_id: number, write: () => Promise<T>) => write(),
    peek: (id: number) => until.get(id),
    forget: (id: number, end: number) => {
      if (until.get(id) === end) until.delete(id);
    },
  };
}

const AGAIN = Symbol("again");

/**
 * One pause per installation, shared by every octokit of it: while GitHub asks an
 * installation to wait (a secondary rate limit's `retry-after`), every request of that
 * installation waits, whichever job sends it, and the limited request is sent again when
 * the pause ends. Work is delayed, never dropped while GitHub keeps answering, and a job
 * does not start over (which would rewrite what it already wrote). It lives at the
 * client, not in the work queue, so it holds whichever queue runs the jobs.
 */
export function createInstallationPauses(
  options: InstallationPausesOptions & { board?: PauseBoard },
) {
  const { clock, sleep } = options;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const memory = memoryBoard(clock);
  const board: PauseBoard = options.board ?? memory;
  const attached = new WeakSet<object>();

  /** A `request` hook wrapper for one installation's client. */
  function wrap(installationId: number) {
    return async (request: Request, requestOptions: Record<string, unknown>) => {
      let waited = 0;
      // The pause this request already waited out: once slept, it is over for this request
      // (a test's clock may not have moved), unless a newer limit moved its end.
      let waitedFor = 0;
      const remaining = async () => {
        const end = await board.until(installationId);
        return end === waitedFor ? { end, ms: 0 } : { end, ms: end - clock().getTime() };
      };
      const send = async () => {
        if ((await remaining()).ms > 0) return AGAIN;
        try {
          return await request(requestOptions);
        } catch (error) {
          const ms = retryAfterMs(error);
          if (ms === undefined || waited + ms > maxWaitMs) throw error;
          await board.pause(installationId, clock().getTime() + ms);
          // This request was refused: it waits out the pause, even one it waited before.
          waitedFor = Number.NaN;
          return AGAIN;
        }
      };
      const write = (requestOptions.method ?? "GET") !== "GET" && requestOptions.url !== "/graphql";
      for (;;) {
        const { end, ms } = await remaining();
        if (ms > 0) {
          await sleep(ms);
          waited += ms;
          waitedFor = end;
          memory.forget(installationId, end);
          continue;
        }
        const answer = write ? await board.turn(installationId, send) : await send();
        if (answer !== AGAIN) return answer;
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
    /** When the installation may send again (ms since the epoch), if paused in this process. */
    pausedUntil: (installationId: number) => memory.peek(installationId),
  };
}

export type InstallationPauses = ReturnType<typeof createInstallationPauses>;

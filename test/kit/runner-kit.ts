import type { Logger } from "probot";
import type { Octokit } from "../../src/github/types.js";
import { createInProcessRunner } from "../../src/work/in-process-runner.js";
import type { Job, JobTools } from "../../src/work/job.js";
import type { RetryPolicy } from "../../src/work/retry-policy.js";

export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every promise callback that can run, run (the runner chains a few). */
export const settle = () => new Promise<void>((r) => setImmediate(r));

export interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** A Logger that remembers what was logged, with the fields of every `child`. */
export function recordingLog(lines: LogLine[] = [], bound: Record<string, unknown> = {}): Logger {
  const at =
    (level: string) =>
    (fields: Record<string, unknown> | string, msg?: string): void => {
      if (typeof fields === "string") lines.push({ level, msg: fields, fields: bound });
      else lines.push({ level, msg: msg ?? "", fields: { ...bound, ...fields } });
    };
  const log = {
    child: (more: Record<string, unknown>) => recordingLog(lines, { ...bound, ...more }),
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
  };
  return log as unknown as Logger;
}

export const OCTOKIT = { fake: "octokit" } as unknown as Octokit;

export function job(key: string, data: unknown = key, extra: Partial<Job> = {}): Job {
  return { kind: "judge", key, installationId: 7, data, ...extra };
}

/** Like Octokit's RequestError: a status, a message, and the response's headers. */
export function httpError(status: number, headers: Record<string, string> = {}, message = "") {
  return Object.assign(new Error(message || `HTTP ${status}`), {
    name: "HttpError",
    status,
    response: { status, headers, url: "https://api.github.com/repos/acme/shop", data: {} },
  });
}

export interface RunnerOptions {
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** A runner whose one handler (`judge`) is `handle`; records sleeps, logs and auth calls. */
export function runner(
  handle: (job: Job, tools: JobTools) => Promise<void>,
  options: RunnerOptions = {},
) {
  const sleeps: number[] = [];
  const lines: LogLine[] = [];
  const authed: number[] = [];
  const queue = createInProcessRunner({
    handlers: { judge: handle },
    auth: async (installationId) => {
      authed.push(installationId);
      return OCTOKIT;
    },
    log: recordingLog(lines),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { queue, sleeps, lines, authed };
}

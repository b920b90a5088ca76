import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import type { StartedSweeps } from "../sweep/start-sweeps.js";

export const SWEEP_PATH = "/andon/sweep";

export interface SweepEndpointOptions {
  /** `ANDON_SWEEP_TOKEN`. */
  token: string;
  startSweeps: () => Promise<StartedSweeps>;
  log: Logger;
}

/**
 * `POST /andon/sweep` with `Authorization: Bearer $ANDON_SWEEP_TOKEN`: starts a sweep of
 * every installation, for an external cron when several replicas run (each in-process
 * scheduler would sweep the same organisation). Answers 202 once the sweeps are queued,
 * before they run. Returns false for any other path, so Probot's other handlers answer.
 */
export function sweepEndpoint(options: SweepEndpointOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (new URL(req.url ?? "/", "http://andon").pathname !== SWEEP_PATH) return false;
    if (req.method !== "POST") {
      send(res, 405, { message: "Use POST" }, { allow: "POST" });
    } else if (!isAuthorized(req.headers.authorization, options.token)) {
      send(res, 401, { message: "Bad credentials" }, { "www-authenticate": "Bearer" });
    } else {
      try {
        const started = await options.startSweeps();
        options.log.info(started, "sweep started from outside");
        send(res, 202, { message: "Sweep started", ...started });
      } catch (error) {
        options.log.error({ err: error }, "could not start the sweep");
        send(res, 502, { message: "Could not list the app's installations" });
      }
    }
    return true;
  };
}

/**
 * Compares the bearer token in constant time: hashing both sides first gives equal
 * lengths, so neither the content nor the length of the secret leaks through timing.
 */
export function isAuthorized(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (presented === undefined || token === "") return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function send(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import type { StoreAccess } from "../store/lazy-store.js";
import { repoDetail } from "../store/summary.js";
import type { Access } from "./access.js";

export const API_PATH = "/andon/api";
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
const DAY = 86_400_000;

export interface BoardApiOptions {
  access: Access;
  store: StoreAccess;
  clock: () => Date;
  log: Logger;
}

/** `?days=N`: a whole number of days, 1–366; 30 when absent; undefined when invalid. */
export function parseDays(value: string | null): number | undefined {
  if (value === null || value === "") return DEFAULT_DAYS;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= MAX_DAYS ? days : undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}): true {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    // Figures of private repositories: never kept by a shared cache.
    "cache-control": "private, no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * `GET /andon/api/summary?days=N` and `GET /andon/api/repos/<owner>/<repo>?days=N`, the
 * figures of PRODUCT.md as JSON, for the viewer `access` names: 401 without one, and a
 * repository the viewer cannot read answers 404 exactly like one Andon never saw.
 */
export function boardApi(options: BoardApiOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://andon");
    const summary = url.pathname === `${API_PATH}/summary`;
    const repoPath = /^\/andon\/api\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!summary && !repoPath) return false;
    if (req.method !== "GET") return send(res, 405, { message: "Use GET" }, { allow: "GET" });
    const days = parseDays(url.searchParams.get("days"));
    let viewer;
    try {
      viewer = await options.access.authorize(req);
    } catch (error) {
      // A session asks GitHub what its person can read; an installation's token asks the
      // history store which repositories are that installation's.
      options.log.error({ err: error }, "could not find what the viewer can read");
      return send(res, 503, { message: "Could not find what you can read: try again" });
    }
    if (!viewer) {
      return send(
        res,
        401,
        { message: "Sign in, or send the board token" },
        {
          "www-authenticate": "Bearer",
        },
      );
    }
    if (days === undefined) return send(res, 400, { message: "days must be 1 to 366" });
    const to = options.clock();
    const period = { from: new Date(to.getTime() - days * DAY), to };
    try {
      const store = await options.store();
      if (summary) return send(res, 200, await store.summary(days, period, viewer.canRead));
      const repo = `${decodeURIComponent(repoPath![1]!)}/${decodeURIComponent(repoPath![2]!)}`;
      const detail = viewer.canRead(repo)
        ? repoDetail(await store.history({ ...period, repo }), repo, days, period)
        : undefined;
      return detail ? send(res, 200, detail) : send(res, 404, { message: "Not Found" });
    } catch (error) {
      options.log.error({ err: error }, "the history store did not answer");
      return send(res, 503, { message: "The history store is unavailable" });
    }
  };
}

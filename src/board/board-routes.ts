import type { IncomingMessage, ServerResponse } from "node:http";
import { BOARD_CSS, BOARD_JS } from "./assets.js";
import type { BoardSummary } from "./board-data.js";
import { parseBoardQuery } from "./filters.js";
import {
  BOARD_PATH,
  boardTitle,
  renderBoardMain,
  renderBoardPage,
  type BoardView,
} from "./render-board.js";

/** Who may look, decided by the access module (board token, or a signed-in person). */
export interface BoardAccess<Viewer> {
  /** The viewer of this request, or undefined when it carries no valid token or session. */
  viewer(req: IncomingMessage): Promise<Viewer | undefined>;
  /** Where a person without a session signs in, coming back to `returnTo` afterwards. */
  signInUrl(returnTo: string): string;
  /** How the header names the viewer ("Signed in as octocat", "Wall display"). */
  describe?(viewer: Viewer): string;
}

/** The figures a viewer may see: only the repositories the viewer may read. */
export type BoardSource<Viewer> = (viewer: Viewer, days: number) => Promise<BoardSummary>;

export interface BoardOptions<Viewer> {
  access: BoardAccess<Viewer>;
  source: BoardSource<Viewer>;
  clock: () => Date;
  /** GitHub's web host for links (`https://github.com`, or a GitHub Enterprise Server). */
  webUrl: string;
  /** How often an open board looks for changes, in ms. */
  refreshMs?: number;
  demo?: BoardView["demo"];
  /** Told of a board that failed to load (a database outage): the page says so, too. */
  onError?: (error: unknown) => void;
}

export interface Board {
  /** A Probot HTTP handler (`addHandler`): true when it answered the request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends every live stream (graceful shutdown). */
  close(): void;
}

const SECURITY_HEADERS = {
  // No inline script or style at all: an injected tag could not run even if one got through.
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  // A wall display's URL carries its token: never send it to GitHub in a Referer.
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** The andon board: `GET /andon`, its live feed `GET /andon/events`, and its two assets. */
export function createBoard<Viewer>(options: BoardOptions<Viewer>): Board {
  const refreshMs = options.refreshMs ?? 5_000;
  const streams = new Set<() => void>();

  const viewOf = async (viewer: Viewer, params: URLSearchParams): Promise<BoardView> => {
    const query = parseBoardQuery(params);
    const token = params.get("token") ?? undefined;
    return {
      summary: await options.source(viewer, query.days),
      query,
      now: options.clock(),
      webUrl: options.webUrl,
      ...(token ? { token } : {}),
      ...(options.access.describe ? { viewer: options.access.describe(viewer) } : {}),
      ...(options.demo ? { demo: options.demo } : {}),
    };
  };

  const page = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const viewer = await options.access.viewer(req);
    if (viewer === undefined) {
      res
        .writeHead(302, {
          location: options.access.signInUrl(url.pathname + url.search),
          ...SECURITY_HEADERS,
        })
        .end();
      return;
    }
    let body: string;
    try {
      body = renderBoardPage(await viewOf(viewer, url.searchParams));
    } catch (error) {
      options.onError?.(error);
      res
        .writeHead(503, {
          "content-type": "text/plain; charset=utf-8",
          "retry-after": "10",
          ...SECURITY_HEADERS,
        })
        .end("The andon board cannot read its history right now; it retries on reload.");
      return;
    }
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS })
      .end(body);
  };

  const events = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if ((await options.access.viewer(req)) === undefined) {
      res.writeHead(401, SECURITY_HEADERS).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      connection: "keep-alive",
      ...SECURITY_HEADERS,
    });
    res.write(`retry: ${refreshMs}\n\n`);
    let last = "";
    let busy = false;
    const push = async () => {
      if (busy || res.writableEnded) return;
      busy = true;
      try {
        // Asked again on every update: a session that ended, or lost access to a
        // repository, stops seeing it on a board left open too.
        const current = await options.access.viewer(req);
        if (current === undefined) return stop();
        const view = await viewOf(current, url.searchParams);
        const html = renderBoardMain(view).value;
        // The viewer may have left while the store answered: never write after the end.
        if (res.writableEnded) return;
        if (html !== last) {
          last = html;
          res.write(`event: board\ndata: ${JSON.stringify({ title: boardTitle(view), html })}\n\n`);
        } else {
          // A comment keeps proxies from closing an idle stream.
          res.write(": idle\n\n");
        }
      } catch (error) {
        // A failed read skips one update; the next tick tries again.
        options.onError?.(error);
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void push(), refreshMs);
    function stop() {
      clearInterval(timer);
      streams.delete(stop);
      if (!res.writableEnded) res.end();
    }
    streams.add(stop);
    req.on("close", stop);
    await push();
  };

  const asset = (res: ServerResponse, type: string, body: string) => {
    res
      .writeHead(200, {
        "content-type": `${type}; charset=utf-8`,
        ...SECURITY_HEADERS,
        "cache-control": "max-age=300",
      })
      .end(body);
  };

  return {
    async handle(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = new URL(req.url ?? "/", "http://board.invalid");
      switch (url.pathname) {
        case BOARD_PATH:
        case `${BOARD_PATH}/`:
          await page(req, res, url);
          return true;
        case `${BOARD_PATH}/events`:
          await events(req, res, url);
          return true;
        case `${BOARD_PATH}/board.css`:
          asset(res, "text/css", BOARD_CSS);
          return true;
        case `${BOARD_PATH}/board.js`:
          asset(res, "text/javascript", BOARD_JS);
          return true;
        default:
          return false;
      }
    },
    close() {
      for (const stop of [...streams]) stop();
    },
  };
}

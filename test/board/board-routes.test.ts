import { afterEach, describe, expect, it } from "@jest/globals";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { createBoard, type Board, type BoardOptions } from "../../src/board/board-routes.js";
import type { BoardSummary } from "../../src/board/board-data.js";
import { NOW, red, repo, summary } from "./fixtures.js";

interface Viewer {
  name: string;
}

let server: Server | undefined;
let board: Board | undefined;

afterEach(async () => {
  board?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Serves a board on 127.0.0.1; a request with `x-viewer` is signed in as that name. */
async function serve(
  source: BoardOptions<Viewer>["source"],
  extra: Partial<BoardOptions<Viewer>> = {},
): Promise<number> {
  board = createBoard<Viewer>({
    access: {
      viewer: async (req) => {
        const name = req.headers["x-viewer"];
        return typeof name === "string" ? { name } : undefined;
      },
      signInUrl: (returnTo) => `/andon/login?return_to=${encodeURIComponent(returnTo)}`,
      describe: (v) => `Signed in as ${v.name}`,
    },
    source,
    clock: () => NOW,
    webUrl: "https://github.com",
    refreshMs: 30,
    ...extra,
  });
  const b = board;
  server = createServer(async (req, res) => {
    if (!(await b.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/**
 * A raw HTTP/1.0 request (nock, loaded by other test files in this worker, patches the
 * http client): reads until `done` says the text so far is enough, or the server closes.
 */
function request(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  done: (text: string) => boolean = () => false,
): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => {
      const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`GET ${path} HTTP/1.0\r\nHost: 127.0.0.1\r\n${lines.join("")}\r\n`);
    });
    const finish = () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), head, body: rest.join("\r\n\r\n") });
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
      if (done(text)) {
        socket.destroy();
        finish();
      }
    });
    socket.on("end", finish);
    socket.on("error", reject);
  });
}

const oneRed = async (): Promise<BoardSummary> =>
  summary([red("acme/shop", "2026-11-25T11:00:00Z"), repo("acme/docs")]);

describe("the board's routes", () => {
  it("sends a request without sign-in or token to sign in, and shows it no repository", async () => {
    const port = await serve(oneRed);
    const page = await request(port, "/andon?days=7");
    expect(page.status).toBe(302);
    expect(page.head).toMatch(/location: \/andon\/login\?return_to=%2Fandon%3Fdays%3D7/i);
    expect(page.body).not.toContain("acme/");
    const feed = await request(port, "/andon/events");
    expect(feed.status).toBe(401);
    expect(feed.body).not.toContain("acme/");
  });

  it("serves the board to a viewer with headers that keep scripts and tokens in", async () => {
    const seen: Array<[string, number]> = [];
    const port = await serve(async (viewer, days) => {
      seen.push([viewer.name, days]);
      return oneRed();
    });
    const page = await request(port, "/andon?days=90", { "x-viewer": "octocat" });
    expect(page.status).toBe(200);
    expect(seen).toEqual([["octocat", 90]]);
    expect(page.body).toContain('data-repo="acme/shop"');
    expect(page.body).toContain("Signed in as octocat");
    expect(page.head).toMatch(/content-security-policy: default-src 'none'; script-src 'self'/i);
    expect(page.head).toMatch(/referrer-policy: no-referrer/i);
    const css = await request(port, "/andon/board.css");
    expect(css.head).toMatch(/content-type: text\/css/i);
    const js = await request(port, "/andon/board.js");
    expect(js.body).toContain("new EventSource");
  });

  it("pushes the board again over server-sent events when it changes", async () => {
    let current = oneRed();
    const port = await serve(() => current);
    const feed = request(port, "/andon/events?only=red", { "x-viewer": "wall" }, (text) => {
      const events = text.split("event: board\n").length - 1;
      // Once the first board arrived, the fix lands; wait for the board that shows it.
      if (events === 1) current = Promise.resolve(summary([repo("acme/shop"), repo("acme/docs")]));
      return events === 2;
    });
    const { status, head, body } = await feed;
    expect(status).toBe(200);
    expect(head).toMatch(/content-type: text\/event-stream/i);
    const boards = [...body.matchAll(/event: board\ndata: (.*)\n\n/g)].map(
      (m) => JSON.parse(m[1]!) as { title: string; html: string },
    );
    expect(boards.map((b) => b.title)).toEqual(["✖ 1 stopped · Andon", "✔ all green · Andon"]);
    expect(boards[0]!.html).toContain('<li class="stop stop-red" data-repo="acme/shop">');
    expect(boards[1]!.html).not.toContain("stop-red");
  });

  it("ends a live feed when its viewer loses access", async () => {
    let signedIn = true;
    const port = await serve(oneRed, {
      access: {
        viewer: async () => (signedIn ? { name: "octocat" } : undefined),
        signInUrl: () => "/andon/sign-in",
      },
    });
    const feed = await request(port, "/andon/events", {}, (text) => {
      // After the first board, the session ends; the server must close the stream.
      if (text.includes("event: board")) signedIn = false;
      return false;
    });
    expect(feed.status).toBe(200);
    expect(feed.body.split("event: board").length - 1).toBe(1);
  });

  it("says the history cannot be read, without a stack trace, when the store fails", async () => {
    const errors: unknown[] = [];
    const port = await serve(() => Promise.reject(new Error("connection refused")), {
      onError: (e) => errors.push(e),
    });
    const page = await request(port, "/andon", { "x-viewer": "octocat" });
    expect(page.status).toBe(503);
    expect(page.body).toBe(
      "The andon board cannot read its history right now; it retries on reload.",
    );
    expect(errors).toHaveLength(1);
  });

  it("leaves other paths and methods to other handlers", async () => {
    const port = await serve(oneRed);
    expect((await request(port, "/andon/api/summary")).status).toBe(404);
    expect((await request(port, "/andonx")).status).toBe(404);
  });
});

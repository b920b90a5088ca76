import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { FakeGitHub } from "../kit/fake-github.js";
import type { WebhookEvent } from "../kit/payloads.js";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.0 request over a raw socket to 127.0.0.1. Not `http.request` or `fetch`:
 * nock patches those process-wide, and an instance left by another test file in the
 * same worker would refuse even loopback.
 */
export function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = "",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => {
      const all = {
        Host: "127.0.0.1",
        ...headers,
        "Content-Length": String(Buffer.byteLength(body)),
      };
      const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`${method} ${path} HTTP/1.0\r\n${lines.join("")}\r\n${body}`);
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => {
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...headerLines] = text.slice(0, split).split("\r\n");
      const parsed = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers: parsed,
        body: text.slice(split + 4),
      });
    });
    socket.on("error", reject);
  });
}

/** Delivers a webhook over HTTP as GitHub does: JSON body, event, delivery id, HMAC signature. */
export function deliver(
  port: number,
  path: string,
  event: WebhookEvent,
  secret: string,
): Promise<Answer> {
  const body = JSON.stringify(event.payload);
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  return request(
    port,
    "POST",
    path,
    {
      "Content-Type": "application/json",
      "X-GitHub-Event": event.name,
      "X-GitHub-Delivery": event.id,
      "X-Hub-Signature-256": `sha256=${signature}`,
    },
    body,
  );
}

export interface FakeGitHubServer {
  port: number;
  /** For `GHE_HOST`: the fake as a GitHub Enterprise Server on loopback. */
  host: string;
  /** Every answer waits this long first, so a test can act while work is in flight. */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * The stateful fake GitHub behind a real HTTP server on 127.0.0.1, for an Andon started as
 * its own process with `GHE_HOST` pointing here (GitHub Enterprise Server serves REST
 * under `/api/v3` and GraphQL on `/api/graphql`).
 */
export async function serveFakeGitHub(fake: FakeGitHub): Promise<FakeGitHubServer> {
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      setTimeout(() => {
        const url = (req.url ?? "/").replace(/^\/api\/graphql/, "/graphql");
        const [status, answer, headers] = fake.handle(
          req.method ?? "GET",
          url,
          body,
          req.headers as Record<string, string>,
        );
        res.writeHead(status, headers);
        res.end(typeof answer === "string" ? answer : JSON.stringify(answer));
      }, handle.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const handle: FakeGitHubServer = {
    port,
    host: `127.0.0.1:${port}`,
    delayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return handle;
}

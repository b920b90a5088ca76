import { createServer, type IncomingMessage } from "node:http";
import type { FakeGitHub } from "../test/kit/fake-github.js";
import { simulatedWeb } from "./simulated-web.js";

export interface SimulatedGitHub {
  /** The REST base URL to point Probot's Octokit at, as for GitHub Enterprise Server. */
  url: string;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Serves the test kit's stateful fake GitHub over real HTTP on 127.0.0.1, so the demo's
 * Probot talks to it exactly as it talks to GitHub: real requests, real JSON, real
 * pagination headers. Whatever the fake does not model it answers with an error, and
 * the simulator says so on stderr: the demo never hides a request it cannot answer.
 */
export async function serveSimulatedGitHub(
  fake: FakeGitHub,
  onUnmodelled: (request: string) => void = (r) =>
    console.error(`[demo] the simulated GitHub does not model ${r}`),
): Promise<SimulatedGitHub> {
  const web = simulatedWeb(fake);
  const server = createServer(async (req, res) => {
    try {
      if (web(req, res)) return;
      const raw = await bodyOf(req);
      const [status, body, headers] = fake.handle(
        req.method ?? "GET",
        req.url ?? "/",
        raw,
        req.headers as Record<string, string>,
      );
      if (status === 501) onUnmodelled(`${req.method} ${req.url}`);
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, headers).end(status === 204 ? undefined : text);
    } catch (error) {
      onUnmodelled(`${req.method} ${req.url} (${String(error)})`);
      res.writeHead(500, { "content-type": "application/json" }).end('{"message":"Server Error"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type Server } from "node:http";

export interface Received {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface Sink {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: Received[];
  /**
   * How the next requests are answered, one entry per request (then 200): a status, or
   * "hang" (never answers: a hook that times out).
   */
  answers: Array<number | "hang">;
  close(): Promise<void>;
}

/** A chat hook on 127.0.0.1 that records every message it gets. */
export async function startSink(): Promise<Sink> {
  const received: Received[] = [];
  const answers: Array<number | "hang"> = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        body: JSON.parse(text),
      });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") return;
      res.writeHead(answer, answer === 429 ? { "retry-after": "30" } : {}).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { AndonMetrics } from "./metrics.js";
import type { Readiness } from "./readiness.js";

export const OPS_PATHS = { health: "/healthz", ready: "/readyz", metrics: "/metrics" } as const;

export interface OpsRouteOptions {
  metrics: AndonMetrics;
  readiness: Readiness;
}

/**
 * `GET /healthz` (the process answers: restart it if not), `GET /readyz` (every readiness
 * probe answers: send it traffic), `GET /metrics` (Prometheus text format). Returns false
 * for any other path, so Probot's other handlers answer.
 */
export function opsRoutes({ metrics, readiness }: OpsRouteOptions) {
  const paths = new Set<string>(Object.values(OPS_PATHS));
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? "/", "http://andon").pathname;
    if (!paths.has(path)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Use GET\n");
      return true;
    }
    if (path === OPS_PATHS.health) {
      send(res, 200, { status: "ok" });
    } else if (path === OPS_PATHS.ready) {
      const report = await readiness.check();
      send(res, report.ready ? 200 : 503, report);
    } else {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text);
    }
    return true;
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

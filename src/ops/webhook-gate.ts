import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunctionOptions, Probot } from "probot";
import type { AndonMetrics } from "./metrics.js";

type Middleware = Awaited<ReturnType<Probot["getNodeMiddleware"]>>;

export interface WebhookGateOptions {
  metrics: AndonMetrics;
  /** True once shutdown began: deliveries are refused so that GitHub can redeliver them. */
  isDraining: () => boolean;
}

/**
 * Puts Andon's gate in front of Probot's webhook middleware: every delivery is counted by
 * event and outcome, and once shutdown begins each one is answered 503, which GitHub
 * shows as a failed delivery to redeliver, instead of being taken and then lost.
 *
 * Probot's server asks the Probot instance for that middleware when it starts, so the
 * gate replaces the instance's `getNodeMiddleware` before then (the app function runs
 * first). It also serves webhooks on `/`: Probot's manifest flow registers the app with
 * its webhook URL at the root of the host the flow ran on, while Probot 14 listens on
 * `/api/github/webhooks`, so an app registered that way would otherwise never hear a thing.
 */
export async function gateWebhooks(
  probot: Probot,
  addHandler: ApplicationFunctionOptions["addHandler"],
  options: WebhookGateOptions,
): Promise<void> {
  const middleware = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (args = {}) => {
    const path = args.path ?? probot.webhookPath;
    return gate(await middleware(args), path, options);
  };
  const root = gate(await middleware({ path: "/" }), "/", options);
  addHandler(async (req, res) =>
    req.method === "POST" && pathOf(req) === "/" ? root(req, res) : false,
  );
}

function gate(
  inner: Middleware,
  path: string,
  { metrics, isDraining }: WebhookGateOptions,
): Middleware {
  return async (req: IncomingMessage, res: ServerResponse, next?: Parameters<Middleware>[2]) => {
    if (req.method !== "POST" || pathOf(req) !== path) return inner(req, res, next);
    const event = req.headers["x-github-event"];
    res.once("finish", () =>
      metrics.webhookReceived(Array.isArray(event) ? event[0] : event, res.statusCode),
    );
    if (!isDraining()) return inner(req, res, next);
    res
      .writeHead(503, { "content-type": "application/json", "retry-after": "30" })
      .end(JSON.stringify({ error: "Andon is shutting down; redeliver this webhook" }));
    return true;
  };
}

/** The path without a trailing slash, as @octokit/webhooks compares it. */
function pathOf(req: IncomingMessage): string {
  const path = new URL(req.url ?? "/", "http://andon").pathname;
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

import type { Octokit } from "./types.js";

/** What the request hook reports; `src/ops/metrics.ts` implements it. */
export interface RequestObserver {
  /** `route` is a documented template, e.g. `GET /repos/{owner}/{repo}/commits/{ref}/check-runs`. */
  githubRequest(route: string, status: number | string): void;
  rateLimitRemaining(resource: string | undefined, remaining: number): void;
}

interface HeaderBag {
  headers?: Record<string, string | number | undefined>;
}

/**
 * Counts every request the client sends, by route template and status, and keeps the
 * rate-limit headers GitHub sends back. Registered before the dry-run guard, so a write
 * that a dry run keeps from GitHub is not counted as sent.
 */
export function withRequestMetrics(octokit: Octokit, observer: RequestObserver): Octokit {
  const seen = (response: HeaderBag | undefined) => {
    const headers = response?.headers ?? {};
    const remaining = headers["x-ratelimit-remaining"];
    if (remaining === undefined) return;
    const resource = headers["x-ratelimit-resource"];
    observer.rateLimitRemaining(
      resource === undefined ? undefined : String(resource),
      Number(remaining),
    );
  };
  octokit.hook.after("request", (response, options) => {
    observer.githubRequest(routeOf(octokit, options.method, String(options.url)), response.status);
    seen(response as HeaderBag);
  });
  octokit.hook.error("request", (error, options) => {
    const failure = error as { status?: number; response?: HeaderBag };
    const route = routeOf(octokit, options.method, String(options.url));
    observer.githubRequest(route, failure.status ?? "network");
    seen(failure.response);
    throw error;
  });
  return octokit;
}

interface KnownRoute {
  method: string;
  template: string;
  regex: RegExp;
  literals: number;
}

let known: KnownRoute[] | undefined;

/**
 * The documented template of a request. `octokit.rest.*` passes it as is; a paginated
 * request arrives expanded (`/repos/acme/shop/pulls?page=2`), so it is matched against
 * the templates of every REST method Octokit knows. Anything else is `other`: a label
 * never carries an owner, a repository, a number or a sha.
 */
export function routeOf(octokit: Octokit, method: string, url: string): string {
  if (url.includes("{")) return `${method} ${url}`;
  const path = url
    .replace(/^[a-z]+:\/\/[^/]+/i, "")
    .replace(/[?#].*$/, "")
    .replace(/^\/api\/v3(?=\/)/, "");
  if (path === "/graphql" || path === "/api/graphql") return `${method} /graphql`;
  known ??= knownRoutes(octokit);
  let best: KnownRoute | undefined;
  for (const route of known) {
    if (route.method !== method || !route.regex.test(path)) continue;
    if (!best || route.literals > best.literals) best = route;
  }
  return `${method} ${best ? best.template : "other"}`;
}

function knownRoutes(octokit: Octokit): KnownRoute[] {
  const routes: KnownRoute[] = [];
  for (const scope of Object.values(octokit.rest)) {
    for (const fn of Object.values(scope as Record<string, { endpoint?: unknown }>)) {
      const defaults = (fn.endpoint as { DEFAULTS?: { method: string; url: string } } | undefined)
        ?.DEFAULTS;
      if (!defaults) continue;
      const segments = defaults.url.split("/").slice(1);
      const pattern = segments
        .map((segment, i) =>
          /^\{\w+\}$/.test(segment)
            ? i === segments.length - 1
              ? ".+"
              : "[^/]+"
            : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
        )
        .join("/");
      routes.push({
        method: defaults.method,
        template: defaults.url,
        regex: new RegExp(`^/${pattern}$`),
        literals: segments.filter((s) => !s.startsWith("{")).length,
      });
    }
  }
  return routes;
}

/** A tiny method+path router for the fake GitHub: `/repos/{owner}/{repo}/pulls/{number}`. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: FakeRequest) => FakeResponse | unknown;

/**
 * The query parameters and body keys GitHub's docs define for an endpoint, beyond the
 * path's own. GitHub ignores an unknown query parameter, so a request that sends one
 * (a whole repository object spread into the params) would pass unseen: the fake
 * rejects it instead.
 */
export interface Accepts {
  query?: readonly string[];
  body?: readonly string[];
}

/** `per_page` and `page`: what every paginated list takes. */
export const PAGING = ["per_page", "page"] as const;

export interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  accepts: Accepts;
  handler: RouteHandler;
}

export function route(
  method: string,
  pattern: string,
  accepts: Accepts,
  handler: RouteHandler,
): Route {
  const names: string[] = [];
  const source = pattern
    .replace(/[.+?^$()[\]\\|]/g, "\\$&")
    .replace(/\{(\w+)(\*?)\}/g, (_m, name: string, rest: string) => {
      names.push(name);
      return rest ? "(.+)" : "([^/]+)";
    });
  return { method, pattern, regex: new RegExp(`^${source}$`), names, accepts, handler };
}

/** The query parameters and body keys of a request that its route does not define. */
export function unknownParams(
  route: Route,
  query: URLSearchParams,
  body: Record<string, unknown>,
): string[] {
  const allowedQuery = new Set(route.accepts.query ?? []);
  const allowedBody = new Set(route.accepts.body ?? []);
  return [
    ...[...new Set(query.keys())].filter((k) => !allowedQuery.has(k)).map((k) => `?${k}`),
    ...Object.keys(body)
      .filter((k) => !allowedBody.has(k))
      .map((k) => `body.${k}`),
  ];
}

export function match(routes: Route[], method: string, path: string) {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return { route: r, params };
  }
  return undefined;
}

/** GitHub-style pagination: `per_page`/`page` and a `Link: rel="next"` header. */
export function paginate<T>(req: FakeRequest, items: T[], maxPerPage = 100, defaultPerPage = 30) {
  const perPage = Math.min(Number(req.query.get("per_page") ?? defaultPerPage), maxPerPage);
  const page = Number(req.query.get("page") ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URLSearchParams(req.query);
    next.set("page", String(page + 1));
    next.set("per_page", String(perPage));
    headers.link = `<https://api.github.com${req.path}?${next}>; rel="next"`;
  }
  return { slice, headers };
}

export const notFound = (): FakeResponse => ({
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
});

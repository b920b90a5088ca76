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

export interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: RouteHandler;
}

export function route(method: string, pattern: string, handler: RouteHandler): Route {
  const names: string[] = [];
  const source = pattern
    .replace(/[.+?^$()[\]\\|]/g, "\\$&")
    .replace(/\{(\w+)(\*?)\}/g, (_m, name: string, rest: string) => {
      names.push(name);
      return rest ? "(.+)" : "([^/]+)";
    });
  return { method, pattern, regex: new RegExp(`^${source}$`), names, handler };
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

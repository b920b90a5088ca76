import type { FakeGitHub } from "./fake-github.js";
import { route, type Route } from "./router.js";

/**
 * The one GraphQL query Andon sends (`AndonOpenPullRequests`): open PRs into a base,
 * 100 a page, with review decision and auto-merge. Anything else is an error, so a
 * new query cannot go untested.
 */
export function graphqlRoutes(fake: FakeGitHub): Route[] {
  return [
    route("POST", "/graphql", { body: ["query", "variables", "operationName"] }, (req) => {
      const query = String(req.body.query ?? "");
      const vars = (req.body.variables ?? {}) as Record<string, string | null>;
      // A variable the operation does not declare would be ignored (the spec coerces only
      // declared ones), so a spread object could hide there: the fake refuses it, as it
      // refuses an unknown REST parameter.
      const declared = new Set([...query.matchAll(/\$(\w+)\s*:/g)].map((m) => m[1]));
      const undeclared = Object.keys(vars).filter((name) => !declared.has(name));
      if (undeclared.length > 0) {
        fake.unmodelled.push(`POST /graphql (undeclared variables: ${undeclared.join(", ")})`);
        return {
          status: 200,
          body: { errors: [{ message: `Variable(s) not declared: ${undeclared.join(", ")}` }] },
        };
      }
      if (!query.includes("AndonOpenPullRequests")) {
        return {
          status: 200,
          body: { errors: [{ message: "the fake does not know this query" }] },
        };
      }
      const repo = fake.getRepo(String(vars.owner), String(vars.repo));
      if (!repo || repo.gone) return { status: 200, body: { data: { repository: null } } };
      const open = [...repo.pulls.values()]
        .filter((p) => p.state === "open" && p.baseRef === vars.base)
        .sort((a, b) => a.number - b.number);
      const start = vars.cursor ? Number(vars.cursor) : 0;
      const page = open.slice(start, start + 100);
      const end = start + page.length;
      return {
        data: {
          repository: {
            pullRequests: {
              pageInfo: { hasNextPage: end < open.length, endCursor: String(end) },
              nodes: page.map((p) => ({
                number: p.number,
                title: p.title,
                headRefOid: p.headSha,
                baseRefName: p.baseRef,
                reviewDecision: p.approved ? "APPROVED" : null,
                autoMergeRequest: p.autoMerge ? { enabledAt: fake.now.toISOString() } : null,
                labels: { nodes: p.labels.map((name) => ({ name })) },
              })),
            },
          },
        },
      };
    }),
  ];
}

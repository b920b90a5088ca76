import type { FakeGitHub } from "./fake-github.js";
import { pullFiles } from "./routes-pulls.js";
import { route, type Route } from "./router.js";

/** The connections the fake's query reads; each must say how many it wants. */
const CONNECTIONS = ["pullRequests", "labels"];

/**
 * GitHub's GraphQL pagination limits: every connection takes `first` or `last`, from 1
 * to 100 (https://docs.github.com/en/graphql/guides/using-pagination-in-the-graphql-api).
 * The page size each connection asks for, or the error GitHub answers instead.
 */
function pageSizes(
  query: string,
  vars: Record<string, unknown>,
): { sizes: Map<string, number> } | { error: string } {
  const sizes = new Map<string, number>();
  for (const name of CONNECTIONS) {
    const args = new RegExp(`\\b${name}\\(([^)]*)\\)`).exec(query)?.[1];
    if (args === undefined) continue;
    const bound = /\b(first|last)\s*:\s*(\$?\w+)/.exec(args);
    if (!bound) {
      return {
        error: `the ${name} connection needs a first or last argument`,
      };
    }
    const [, which, raw] = bound as unknown as [string, string, string];
    const value = Number(raw.startsWith("$") ? vars[raw.slice(1)] : raw);
    if (!Number.isInteger(value) || value < 1 || value > 100) {
      return {
        error: `${which}: ${value} on the ${name} connection is outside 1 to 100`,
      };
    }
    sizes.set(name, value);
  }
  return { sizes };
}

/**
 * The one GraphQL query Andon sends (`AndonOpenPullRequests`): open PRs into a base,
 * 100 a page, with review decision, auto-merge, the first 100 changed paths and the head
 * commit's latest run of the check named `$check` (GitHub filters suites and runs by
 * name; `checkType: LATEST` keeps the newest run per name). Anything else is an error, so
 * a new query cannot go untested.
 * https://docs.github.com/en/graphql/reference/objects#pullrequest
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
      const limits = pageSizes(query, vars);
      if ("error" in limits) return { status: 200, body: { errors: [{ message: limits.error }] } };
      if (!query.includes("AndonOpenPullRequests")) {
        fake.unmodelled.push("POST /graphql (a query the fake does not know)");
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
      const page = open.slice(start, start + (limits.sizes.get("pullRequests") ?? 100));
      const end = start + page.length;
      return {
        data: {
          repository: {
            pullRequests: {
              pageInfo: { hasNextPage: end < open.length, endCursor: String(end) },
              nodes: page.map((p) => {
                const files = pullFiles(repo, p);
                const run = repo.checkRuns
                  .filter((r) => r.head_sha === p.headSha && r.name === vars.check)
                  .sort((a, b) => b.id - a.id)[0];
                return {
                  number: p.number,
                  title: p.title,
                  headRefOid: p.headSha,
                  baseRefName: p.baseRef,
                  reviewDecision: p.approved ? "APPROVED" : null,
                  autoMergeRequest: p.autoMerge ? { enabledAt: fake.now.toISOString() } : null,
                  labels: { nodes: p.labels.map((name) => ({ name })) },
                  changedFiles: files.length,
                  files: { nodes: files.slice(0, 100).map((path) => ({ path })) },
                  commits: {
                    nodes: [
                      {
                        commit: {
                          oid: p.headSha,
                          checkSuites: {
                            nodes: run
                              ? [
                                  {
                                    checkRuns: {
                                      nodes: [
                                        {
                                          conclusion: run.conclusion?.toUpperCase() ?? null,
                                          title: run.output.title,
                                        },
                                      ],
                                    },
                                  },
                                ]
                              : [],
                          },
                        },
                      },
                    ],
                  },
                };
              }),
            },
          },
        },
      };
    }),
  ];
}

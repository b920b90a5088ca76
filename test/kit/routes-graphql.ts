import type { FakeGitHub } from "./fake-github.js";
import { pullFiles } from "./routes-pulls.js";
import { route, type Route } from "./router.js";

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

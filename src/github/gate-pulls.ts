import { CHECK_NAMES } from "../constants.js";
import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** An open PR as the mainline gate needs it: enough to judge it and to order the writes. */
export interface GatePullFacts {
  number: number;
  title: string;
  labels: string[];
  baseRef: string;
  headSha: string;
  approved: boolean;
  autoMerge: boolean;
  /** The paths it changes; `null` when it changes more than one page of them lists. */
  files: string[] | null;
  /** The latest `andon/mainline` run on its head commit, if any: what the gate shows now. */
  current?: { conclusion: string | null; title: string };
}

/** Paths per PR in the page: enough for any revert; a bigger PR is read on its own. */
const FILES_PER_PR = 100;

/**
 * Each head's latest `andon/mainline` run rides along, so a flip compares with what every
 * gate shows without a request per PR, even with no record of what was written before
 * (first flip after install, a retried flip). Cost: GraphQL counts one point per 100
 * nodes requested per connection, so this page (100 PRs × 100 labels, 100 files, one
 * commit, suite and run) stays near 4 points and far below the 500,000-node limit.
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
const QUERY = `query AndonOpenPullRequests($owner: String!, $repo: String!, $base: String!, $cursor: String, $check: String!) {
  repository(owner: $owner, name: $repo) {
    pullRequests(states: OPEN, baseRefName: $base, first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title headRefOid baseRefName reviewDecision changedFiles
        autoMergeRequest { enabledAt }
        labels(first: 100) { nodes { name } }
        files(first: ${FILES_PER_PR}) { nodes { path } }
        commits(last: 1) {
          nodes {
            commit {
              oid
              checkSuites(first: 1, filterBy: { checkName: $check }) {
                nodes { checkRuns(first: 1, filterBy: { checkName: $check, checkType: LATEST }) { nodes { conclusion title } } }
              }
            }
          }
        }
      }
    }
  }
}`;

interface Node {
  number: number;
  title: string;
  headRefOid: string;
  baseRefName: string;
  reviewDecision: string | null;
  changedFiles: number;
  autoMergeRequest: unknown;
  labels: { nodes: Array<{ name: string }> };
  files: { nodes: Array<{ path: string }> } | null;
  commits: {
    nodes: Array<{
      commit: {
        oid: string;
        checkSuites: {
          nodes: Array<{
            checkRuns: { nodes: Array<{ conclusion: string | null; title: string | null }> };
          }>;
        } | null;
      };
    }>;
  };
}

interface Page {
  repository: {
    pullRequests: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Node[];
    };
  } | null;
}

/**
 * Every open PR into `base`, 100 a request. GraphQL, because the REST list has no
 * review state: a flip must reach approved and auto-merge PRs first, and asking
 * each PR for its reviews would cost one request per PR.
 */
export async function* listGatePullRequests(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
): AsyncGenerator<GatePullFacts> {
  let cursor: string | null = null;
  do {
    const page: Page = await octokit.graphql<Page>(QUERY, {
      ...repoParams(repo),
      base,
      cursor,
      check: CHECK_NAMES.mainline,
    });
    const prs = page.repository?.pullRequests;
    if (!prs) return;
    for (const pr of prs.nodes) yield toFacts(pr);
    cursor = prs.pageInfo.hasNextPage ? prs.pageInfo.endCursor : null;
  } while (cursor);
}

function toFacts(pr: Node): GatePullFacts {
  const head = pr.commits.nodes[0]?.commit;
  // A run on an older commit says nothing about the head the gate is written on.
  const run =
    head?.oid === pr.headRefOid ? head.checkSuites?.nodes[0]?.checkRuns.nodes[0] : undefined;
  const files = pr.files?.nodes.map((f) => f.path) ?? [];
  return {
    number: pr.number,
    title: pr.title,
    labels: pr.labels.nodes.map((l) => l.name),
    baseRef: pr.baseRefName,
    headSha: pr.headRefOid,
    approved: pr.reviewDecision === "APPROVED",
    autoMerge: Boolean(pr.autoMergeRequest),
    files: pr.files && files.length >= pr.changedFiles ? files : null,
    ...(run
      ? { current: { conclusion: run.conclusion?.toLowerCase() ?? null, title: run.title ?? "" } }
      : {}),
  };
}

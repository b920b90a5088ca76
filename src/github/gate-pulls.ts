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
}

const QUERY = `query AndonOpenPullRequests($owner: String!, $repo: String!, $base: String!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequests(states: OPEN, baseRefName: $base, first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title headRefOid baseRefName reviewDecision
        autoMergeRequest { enabledAt }
        labels(first: 100) { nodes { name } }
      }
    }
  }
}`;

interface Page {
  repository: {
    pullRequests: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        number: number;
        title: string;
        headRefOid: string;
        baseRefName: string;
        reviewDecision: string | null;
        autoMergeRequest: unknown;
        labels: { nodes: Array<{ name: string }> };
      }>;
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
    const page: Page = await octokit.graphql<Page>(QUERY, { ...repoParams(repo), base, cursor });
    const prs = page.repository?.pullRequests;
    if (!prs) return;
    for (const pr of prs.nodes) {
      yield {
        number: pr.number,
        title: pr.title,
        labels: pr.labels.nodes.map((l) => l.name),
        baseRef: pr.baseRefName,
        headSha: pr.headRefOid,
        approved: pr.reviewDecision === "APPROVED",
        autoMerge: Boolean(pr.autoMergeRequest),
      };
    }
    cursor = prs.pageInfo.hasNextPage ? prs.pageInfo.endCursor : null;
  } while (cursor);
}

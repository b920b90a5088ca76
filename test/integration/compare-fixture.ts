import type { RestEndpointMethodTypes } from "@octokit/rest";

/** What `GET /repos/{o}/{r}/compare/{base}...{head}` returns, as octokit types it. */
export type CompareResponse =
  RestEndpointMethodTypes["repos"]["compareCommits"]["response"]["data"];
type CompareCommit = CompareResponse["commits"][number];

const REPO = "https://api.github.com/repos/acme/shop";

export interface CommitSpec {
  sha: string;
  authored: string;
  committed: string;
  parents?: string[];
  login?: string;
  name?: string;
}

/** A compared commit shaped like GitHub's, with the two dates that matter set. */
export function commit(spec: CommitSpec): CompareCommit {
  const name = spec.name ?? "Ada Lovelace";
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@acme.test`;
  const user =
    spec.login === undefined
      ? null
      : {
          login: spec.login,
          id: 1,
          node_id: "MDQ6VXNlcjE=",
          avatar_url: `https://avatars.githubusercontent.com/u/1?v=4`,
          gravatar_id: "",
          url: `https://api.github.com/users/${spec.login}`,
          html_url: `https://github.com/${spec.login}`,
          followers_url: "",
          following_url: "",
          gists_url: "",
          starred_url: "",
          subscriptions_url: "",
          organizations_url: "",
          repos_url: "",
          events_url: "",
          received_events_url: "",
          type: "User",
          site_admin: false,
        };
  return {
    url: `${REPO}/commits/${spec.sha}`,
    sha: spec.sha,
    node_id: `C_${spec.sha.slice(0, 10)}`,
    html_url: `https://github.com/acme/shop/commit/${spec.sha}`,
    comments_url: `${REPO}/commits/${spec.sha}/comments`,
    commit: {
      url: `${REPO}/git/commits/${spec.sha}`,
      author: { name, email, date: spec.authored },
      committer: { name, email, date: spec.committed },
      message: `Commit ${spec.sha.slice(0, 7)}`,
      comment_count: 0,
      tree: { sha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", url: `${REPO}/git/trees/4b825dc` },
    },
    author: user,
    committer: user,
    parents: (spec.parents ?? []).map((sha) => ({ sha, url: `${REPO}/commits/${sha}` })),
  };
}

/** A comparison of `main...branch`; `total_commits` defaults to the commits listed. */
export function comparison(
  commits: CompareCommit[],
  counts: { ahead_by?: number; behind_by?: number; total_commits?: number } = {},
): CompareResponse {
  const head = commits.at(-1) ?? commit({ sha: "0".repeat(40), authored: "", committed: "" });
  const ahead = counts.ahead_by ?? commits.length;
  return {
    url: `${REPO}/compare/main...feature`,
    html_url: "https://github.com/acme/shop/compare/main...feature",
    permalink_url: "https://github.com/acme/shop/compare/acme:aaaaaaa...acme:bbbbbbb",
    diff_url: "https://github.com/acme/shop/compare/main...feature.diff",
    patch_url: "https://github.com/acme/shop/compare/main...feature.patch",
    base_commit: head,
    merge_base_commit: head,
    status: ahead === 0 ? "behind" : "diverged",
    ahead_by: ahead,
    behind_by: counts.behind_by ?? 0,
    total_commits: counts.total_commits ?? ahead,
    commits,
  };
}

/** A deterministic 40-hex SHA from a short label. */
export function sha(label: string): string {
  return Buffer.from(label).toString("hex").padEnd(40, "0").slice(0, 40);
}

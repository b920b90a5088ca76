import type {
  FakeCheckRun,
  FakeComment,
  FakeCommit,
  FakePull,
  FakeRepo,
  FakeStatus,
} from "./state.js";

/** REST-shaped JSON for the fake's records: only the fields Andon reads, plus ids. */
export function repoJson(repo: FakeRepo) {
  return {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner },
    default_branch: repo.defaultBranch,
    archived: repo.archived,
    disabled: repo.disabled,
    fork: repo.fork,
    private: false,
    html_url: `https://github.com/${repo.owner}/${repo.name}`,
  };
}

export function commitJson(repo: FakeRepo, c: FakeCommit, treeSha: string) {
  return {
    sha: c.sha,
    html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${c.sha}`,
    commit: {
      message: c.message,
      author: { name: c.author.name, email: c.author.email, date: c.author.date },
      committer: { name: c.committer.name, email: c.committer.email, date: c.committer.date },
      tree: { sha: treeSha },
    },
    author: c.author.login ? { login: c.author.login } : null,
    committer: c.committer.login ? { login: c.committer.login } : null,
    parents: c.parents.map((sha) => ({ sha })),
  };
}

export function pullJson(repo: FakeRepo, p: FakePull) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    number: p.number,
    title: p.title,
    state: p.state,
    draft: p.draft,
    html_url: `https://github.com/${full}/pull/${p.number}`,
    user: { login: p.user },
    labels: p.labels.map((name) => ({ name })),
    head: { ref: p.headRef, sha: p.headSha, repo: { full_name: full } },
    base: {
      ref: p.baseRef,
      sha: repo.branches.get(p.baseRef),
      repo: { full_name: full, default_branch: repo.defaultBranch },
    },
    auto_merge: p.autoMerge ? { merge_method: "squash" } : null,
    updated_at: new Date(0).toISOString(),
  };
}

export function checkRunJson(repo: FakeRepo, r: FakeCheckRun) {
  return {
    id: r.id,
    name: r.name,
    head_sha: r.head_sha,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.started_at,
    completed_at: r.completed_at,
    html_url: r.html_url,
    details_url: r.html_url,
    app: { ...r.app },
    output: { ...r.output, annotations_count: r.annotations.length },
    actions: r.actions,
    check_suite: r.check_suite_id === undefined ? null : { id: r.check_suite_id },
    pull_requests: [],
    repository: repoJson(repo),
  };
}

export function statusJson(s: FakeStatus) {
  return { ...s };
}

export function commentJson(repo: FakeRepo, c: FakeComment) {
  return {
    id: c.id,
    commit_id: c.commit_id,
    body: c.body,
    user: { login: c.user },
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${c.commit_id}#commitcomment-${c.id}`,
  };
}

import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples" with { type: "json" };
import {
  treeShaOf,
  type FakeCheckRun,
  type FakeIssueComment,
  type FakeInstallation,
  type FakePull,
  type FakeRepo,
} from "./state.js";

/**
 * Real webhook payloads from `@octokit/webhooks-examples`, patched to the fake's
 * scenario: the app sees exactly the shape GitHub sends.
 */
type Payload = Record<string, unknown> & { action?: string };

export interface WebhookEvent {
  id: string;
  name: string;
  payload: Payload;
}

function example(name: string, action?: string): Payload {
  const event = (examples as unknown as Array<{ name: string; examples: Payload[] }>).find(
    (e) => e.name === name,
  );
  if (!event) throw new Error(`no example for ${name}`);
  const found = event.examples.find((e) => !action || e.action === action) ?? event.examples[0]!;
  return structuredClone(found);
}

export function repositoryJson(repo: FakeRepo) {
  return {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner, type: "Organization" },
    default_branch: repo.defaultBranch,
    archived: repo.archived,
    fork: repo.fork,
  };
}

function patch(
  name: string,
  action: string | undefined,
  repo: FakeRepo,
  fields: Payload,
): WebhookEvent {
  const payload = example(name, action);
  const base = payload.repository as Record<string, unknown> | undefined;
  Object.assign(payload, fields, {
    ...(action ? { action } : {}),
    repository: {
      ...base,
      ...repositoryJson(repo),
      owner: { ...(base?.owner as object), login: repo.owner },
    },
    installation: { id: repo.installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
  });
  return { id: randomUUID(), name, payload };
}

export function pullRequestEvent(repo: FakeRepo, pull: FakePull, action = "opened"): WebhookEvent {
  const event = patch("pull_request", action, repo, {});
  const pr = event.payload.pull_request as Record<string, unknown>;
  Object.assign(pr, {
    number: pull.number,
    title: pull.title,
    state: pull.state,
    draft: pull.draft,
    labels: pull.labels.map((name) => ({ name })),
    head: { ...(pr.head as object), ref: pull.headRef, sha: pull.headSha },
    base: { ...(pr.base as object), ref: pull.baseRef, repo: repositoryJson(repo) },
    user: { login: pull.user },
  });
  event.payload.number = pull.number;
  return event;
}

export function checkRunEvent(
  repo: FakeRepo,
  run: FakeCheckRun,
  action: string,
  pulls: FakePull[] = [],
  extra: Payload = {},
): WebhookEvent {
  const event = patch(
    "check_run",
    action === "requested_action" ? "completed" : action,
    repo,
    extra,
  );
  event.payload.action = action;
  const base = event.payload.check_run as Record<string, unknown>;
  event.payload.check_run = {
    ...base,
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    app: { ...(base.app as object), id: run.app.id, slug: run.app.slug },
    check_suite: { ...(base.check_suite as object), head_branch: null, head_sha: run.head_sha },
    pull_requests: pulls.map((p) => ({
      number: p.number,
      head: { ref: p.headRef, sha: p.headSha },
      base: { ref: p.baseRef },
    })),
  };
  return event;
}

/** CI finished a check run on a commit of `branch` (the mainline by default). */
export function ciCompletedEvent(
  repo: FakeRepo,
  run: FakeCheckRun,
  branch = repo.defaultBranch,
): WebhookEvent {
  const event = checkRunEvent(repo, run, "completed");
  const checkRun = event.payload.check_run as Record<string, unknown>;
  checkRun.check_suite = { ...(checkRun.check_suite as object), head_branch: branch };
  return event;
}

/** CI's check suite on a commit of `branch` (the mainline by default) completed. */
export function checkSuiteEvent(
  repo: FakeRepo,
  sha: string,
  conclusion: string,
  branch = repo.defaultBranch,
): WebhookEvent {
  const event = patch("check_suite", "completed", repo, {});
  const base = event.payload.check_suite as Record<string, unknown>;
  event.payload.check_suite = {
    ...base,
    head_branch: branch,
    head_sha: sha,
    status: "completed",
    conclusion,
    app: { ...(base.app as object), id: 15368, slug: "github-actions" },
  };
  return event;
}

export function statusEvent(
  repo: FakeRepo,
  sha: string,
  context: string,
  state: string,
  branches = [repo.defaultBranch],
): WebhookEvent {
  return patch("status", undefined, repo, {
    sha,
    context,
    state,
    target_url: `https://ci.example.com/${context}`,
    branches: branches.map((name) => ({ name, commit: { sha }, protected: false })),
  });
}

export function pushEvent(
  repo: FakeRepo,
  branch: string,
  before: string,
  after: string,
): WebhookEvent {
  const event = patch("push", undefined, repo, {
    ref: `refs/heads/${branch}`,
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
  });
  const head = repo.commits.get(after);
  if (head) {
    event.payload.head_commit = {
      ...(event.payload.head_commit as object),
      id: after,
      tree_id: treeShaOf(head.files),
      message: head.message,
      timestamp: head.committer.date,
    };
  }
  return event;
}

export function mergeGroupEvent(repo: FakeRepo, headSha: string, prNumber: number): WebhookEvent {
  const event = patch("merge_group", "checks_requested", repo, {});
  const group = event.payload.merge_group as Record<string, unknown>;
  Object.assign(group, {
    head_sha: headSha,
    head_ref: `refs/heads/gh-readonly-queue/${repo.defaultBranch}/pr-${prNumber}-${repo.branches.get(repo.defaultBranch)}`,
    base_ref: `refs/heads/${repo.defaultBranch}`,
    base_sha: repo.branches.get(repo.defaultBranch),
  });
  return event;
}

/** `installation.created` (or another `installation` action) for a fake installation. */
export function installationEvent(
  installation: FakeInstallation,
  repos: FakeRepo[],
  action = "created",
): WebhookEvent {
  const payload = example("installation", action);
  const base = payload.installation as Record<string, unknown>;
  Object.assign(payload, {
    action,
    installation: {
      ...base,
      id: installation.id,
      account: { ...(base.account as object), login: installation.account },
    },
    repositories: repos.map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner}/${r.name}` })),
  });
  return { id: randomUUID(), name: "installation", payload };
}

/** `installation_repositories.added`: these repositories were added to the installation. */
export function repositoriesAddedEvent(
  installation: FakeInstallation,
  repos: FakeRepo[],
): WebhookEvent {
  const payload = example("installation_repositories", "added");
  const base = payload.installation as Record<string, unknown>;
  Object.assign(payload, {
    action: "added",
    installation: {
      ...base,
      id: installation.id,
      account: { ...(base.account as object), login: installation.account },
    },
    repository_selection: "selected",
    repositories_added: repos.map((r) => ({
      id: r.id,
      node_id: `R_${r.id}`,
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      private: false,
    })),
    repositories_removed: [],
  });
  return { id: randomUUID(), name: "installation_repositories", payload };
}

/** `issue_comment.created` (or `edited`) for a comment the fake holds. */
export function issueCommentEvent(
  repo: FakeRepo,
  comment: FakeIssueComment,
  action = "created",
): WebhookEvent {
  const event = patch("issue_comment", action, repo, {});
  const base = event.payload.comment as Record<string, unknown>;
  event.payload.comment = {
    ...base,
    id: comment.id,
    body: comment.body,
    html_url: comment.html_url,
    created_at: comment.created_at,
    updated_at: comment.created_at,
    user: { ...(base.user as object), login: comment.user, type: comment.userType },
    performed_via_github_app: null,
  };
  const issue = event.payload.issue as Record<string, unknown>;
  event.payload.issue = { ...issue, number: comment.issue };
  return event;
}

import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples" with { type: "json" };
import type { FakeCheckRun, FakePull, FakeRepo } from "./state.js";

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
  const event = (examples as Array<{ name: string; examples: Payload[] }>).find(
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

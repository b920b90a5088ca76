import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The fake GitHub's state: plain records shaped like the REST API's, kept small. */
export interface Person {
  name: string;
  email: string;
  login?: string;
}

export interface FakeCommit {
  sha: string;
  parents: string[];
  message: string;
  /** The whole tree at this commit: path → content. */
  files: Record<string, string>;
  author: Person & { date: string };
  committer: Person & { date: string };
}

export interface FakePull {
  number: number;
  title: string;
  state: "open" | "closed";
  draft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  labels: string[];
  user: string;
  autoMerge: boolean;
  approved: boolean;
  /** Files changed by the PR (from compare of base...head when not given). */
  files?: string[];
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  html_url: string;
  app: { id: number; slug: string };
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Array<Record<string, unknown>>;
  actions: Array<Record<string, unknown>>;
  /** Its check suite; a GitHub Actions job's suite is its workflow run's. */
  check_suite_id?: number;
}

/**
 * A GitHub Actions workflow run: one check suite, whose check runs are its jobs. A re-run
 * is a new attempt of the same run, its re-run jobs new check runs.
 * https://docs.github.com/en/rest/actions/workflow-runs
 */
export interface FakeWorkflowRun {
  id: number;
  name: string;
  head_sha: string;
  check_suite_id: number;
  run_attempt: number;
  /** The check run of each job in the latest attempt. */
  jobs: number[];
}

export interface FakeStatus {
  id: number;
  sha: string;
  context: string;
  state: string;
  target_url: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface FakeComment {
  id: number;
  commit_id: string;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

/** A comment on an issue or a PR's conversation (the `issue_comment` event's subject). */
export interface FakeIssueComment {
  id: number;
  issue: number;
  user: string;
  userType: "User" | "Bot";
  body: string;
  created_at: string;
  html_url: string;
  reactions: Array<{ id: number; user: string; content: string; created_at: string }>;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
  disabled: boolean;
  fork: boolean;
  installationId: number;
  commits: Map<string, FakeCommit>;
  branches: Map<string, string>;
  pulls: Map<number, FakePull>;
  checkRuns: FakeCheckRun[];
  statuses: FakeStatus[];
  comments: FakeComment[];
  /** Answer every request for this repo with this status (a deleted repo: 404). */
  gone?: number;
  private?: boolean;
  /** Collaborators by lower-cased login: `admin`, `maintain`, `write`, `triage`, `read`. */
  collaborators?: Map<string, string>;
  issueComments?: FakeIssueComment[];
  workflowRuns?: FakeWorkflowRun[];
}

export interface FakeInstallation {
  id: number;
  account: string;
  suspended: boolean;
  /** When the app was installed there, ISO 8601. */
  createdAt: string;
  /**
   * What the installation granted, as an installation token carries it: `app.yml`'s
   * permissions unless a test changes them (`actions: write` is optional).
   */
  permissions: Record<string, "read" | "write">;
}

/**
 * `app.yml`'s `default_permissions`, read from the file itself: what an installation
 * grants unless a test says otherwise, so the fake refuses what the real app would not
 * be granted. (`test/ops/manifest.test.ts` holds the file to PRODUCT.md's list.)
 */
export const APP_PERMISSIONS: Readonly<Record<string, "read" | "write">> = (
  parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
    default_permissions: Record<string, "read" | "write">;
  }
).default_permissions;

export function shaOf(...parts: unknown[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("hex");
}

/** The sha of folder `dir` (`""`: the root) of a tree holding `files`. */
export function treeShaOf(files: Record<string, string>, dir = ""): string {
  const prefix = dir ? `${dir}/` : "";
  return shaOf(
    "tree",
    dir,
    Object.entries(files).filter(([p]) => p.startsWith(prefix)),
  );
}

/** Every commit reachable from `sha`, itself included. */
export function ancestors(repo: FakeRepo, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    const commit = repo.commits.get(s);
    if (!commit) continue;
    seen.add(s);
    stack.push(...commit.parents);
  }
  return seen;
}

/** Commits newest first by committer date, as `GET /commits` lists them. */
export function byDateDesc(repo: FakeRepo, shas: Iterable<string>): FakeCommit[] {
  return [...shas]
    .map((s) => repo.commits.get(s)!)
    .sort((a, b) => b.committer.date.localeCompare(a.committer.date) || b.sha.localeCompare(a.sha));
}

/**
 * History as `GET /commits?sha=` lists it: every commit before its parents (newest
 * first when dates differ), so equal timestamps can never put a parent above its child.
 */
export function history(repo: FakeRepo, head: string): FakeCommit[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (sha: string) => {
    if (seen.has(sha) || !repo.commits.has(sha)) return;
    seen.add(sha);
    const parents = [...repo.commits.get(sha)!.parents].sort((a, b) =>
      repo.commits.get(a)!.committer.date.localeCompare(repo.commits.get(b)!.committer.date),
    );
    for (const parent of parents) visit(parent);
    order.push(sha);
  };
  visit(head);
  return order.reverse().map((sha) => repo.commits.get(sha)!);
}

/**
 * The `files` of a commit or a comparison as GitHub lists them: each changed path with its
 * status and the blob sha it ends with (for a removed file, the blob it had). The fake
 * lists a rename as a removal and an addition.
 * https://docs.github.com/en/rest/commits/commits#get-a-commit
 */
export function diffFiles(before: Record<string, string>, after: Record<string, string>) {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths
    .filter((p) => before[p] !== after[p])
    .map((filename) => {
      const status = !(filename in before)
        ? "added"
        : !(filename in after)
          ? "removed"
          : "modified";
      return { filename, status, sha: shaOf("blob", after[filename] ?? before[filename]) };
    });
}

import { OWN_CHECK_PREFIX, RECHECK_ACTION, type CheckName } from "../constants.js";
import type { Annotation, CheckVerdict } from "../checks/verdict.js";
import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckRunSummary {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotationsCount: number;
}

export interface WriteCheckRunOptions {
  /**
   * Read the latest run of this name on the commit first and write nothing when it
   * already says the same. For callers that cannot know what is there (a PR event, a
   * sweep); a caller that knows the verdict flipped writes straight away.
   */
  skipIfUnchanged?: boolean;
  /**
   * What the caller already read of this check on the commit (`null`: nothing
   * there), so the writer skips an identical write without reading again.
   */
  current?: CheckRunSummary | null;
}

export interface WriteCheckRunResult {
  written: boolean;
  id: number;
}

/** The latest run of `name` on `sha`, or undefined when there is none. */
export async function getLatestCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  name: CheckName,
): Promise<CheckRunSummary | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repoParams(repo),
    ref: sha,
    check_name: name,
    filter: "latest",
    per_page: 1,
  });
  const run = data.check_runs[0];
  return run && toSummary(run);
}

/** Andon's latest run of each name on `sha`, in one request. */
export async function listAndonCheckRuns(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<Map<string, CheckRunSummary>> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repoParams(repo),
    ref: sha,
    filter: "latest",
    per_page: 100,
  });
  const runs = data.check_runs.filter((r) => r.name.startsWith(OWN_CHECK_PREFIX));
  return new Map(runs.map((r) => [r.name, toSummary(r)]));
}

/**
 * The one place Andon writes check runs: title, summary, text, annotations in
 * batches of 50, and the `Re-check` action. Updates the existing run when it knows
 * it (one artefact per commit and check), creates one otherwise — or when the
 * existing run carries annotations, which an update could only add to.
 */
export async function writeCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  name: CheckName,
  headSha: string,
  verdict: CheckVerdict,
  options: WriteCheckRunOptions = {},
): Promise<WriteCheckRunResult> {
  const existing =
    options.current !== undefined
      ? (options.current ?? undefined)
      : options.skipIfUnchanged
        ? await getLatestCheckRun(octokit, repo, headSha, name)
        : undefined;
  if (existing && isSameVerdict(existing, verdict)) return { written: false, id: existing.id };
  // GitHub appends annotations on update, so a run that has some cannot be
  // rewritten to show fewer: a fresh run of the same name supersedes it.
  const target = existing && existing.annotationsCount === 0 ? existing : undefined;

  const [first = [], ...rest] = batches(verdict.annotations ?? [], ANNOTATIONS_PER_REQUEST);
  // No `completed_at`: GitHub stamps a run completed when it is given its conclusion, so
  // the time is GitHub's own and no clock of Andon's is read here.
  const body = {
    ...repoParams(repo),
    status: "completed" as const,
    conclusion: verdict.conclusion,
    output: output(verdict, first),
    actions: [RECHECK_ACTION],
  };
  const id = target
    ? (await octokit.rest.checks.update({ ...body, check_run_id: target.id })).data.id
    : (await octokit.rest.checks.create({ ...body, name, head_sha: headSha })).data.id;
  for (const batch of rest) {
    await octokit.rest.checks.update({
      ...repoParams(repo),
      check_run_id: id,
      output: output(verdict, batch),
    });
  }
  return { written: true, id };
}

/** Whether a run already shows this verdict, so writing it again would change nothing. */
export function isSameVerdict(run: CheckRunSummary, verdict: CheckVerdict): boolean {
  return (
    run.status === "completed" &&
    run.conclusion === verdict.conclusion &&
    run.title === verdict.title &&
    run.summary === verdict.summary &&
    (run.text ?? "") === (verdict.text ?? "") &&
    run.annotationsCount === (verdict.annotations?.length ?? 0)
  );
}

function output(verdict: CheckVerdict, annotations: Annotation[]) {
  return {
    title: verdict.title,
    summary: verdict.summary,
    ...(verdict.text ? { text: verdict.text } : {}),
    ...(annotations.length ? { annotations } : {}),
  };
}

function batches<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

interface ApiCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations_count: number;
  };
}

export function toSummary(run: ApiCheckRun): CheckRunSummary {
  return {
    id: run.id,
    name: run.name,
    headSha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    text: run.output.text,
    annotationsCount: run.output.annotations_count,
  };
}

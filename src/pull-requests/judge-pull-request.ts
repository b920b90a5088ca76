import { CHECK_NAMES, CONFIG_PATH } from "../constants.js";
import { withConfigErrors } from "../config/config-errors.js";
import { listAndonCheckRuns, writeCheckRun } from "../github/checks.js";
import { getPullRequest, listPullRequestFiles } from "../github/pulls.js";
import type { RepoRef } from "../github/types.js";
import type { Job, JobHandler } from "../work/job.js";
import type { PullRequestCheck, PullRequestContext } from "./pull-request-check.js";

export interface JudgePullRequestData extends RepoRef {
  number: number;
}

export const JUDGE_PR = "judge-pr";

export const judgePullRequestKey = ({ owner, repo, number }: JudgePullRequestData) =>
  `pr:${owner}/${repo}#${number}`;

/**
 * The job that judges one PR. It shares the repository's mainline lock, so a PR's
 * gate is never written from a mainline state that a flip is replacing.
 */
export function pullRequestJob(
  data: JudgePullRequestData,
  installationId: number,
  deliveryId?: string,
): Job<JudgePullRequestData> {
  return {
    kind: JUDGE_PR,
    key: judgePullRequestKey(data),
    lock: `mainline:${data.owner}/${data.repo}`,
    installationId,
    data,
    ...(deliveryId ? { deliveryId } : {}),
  };
}

/**
 * Judges one open PR with every enabled check and writes each verdict, skipping
 * writes that would change nothing (PR events cannot know what is already there).
 * A PR that edits `andon.yml` is judged against its new file's errors, so a broken
 * config is caught before it lands.
 */
export function judgePullRequest(
  checks: PullRequestCheck[],
  clock: () => Date,
): JobHandler<JudgePullRequestData> {
  return async ({ data }, { octokit, log, config: configFor }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const pr = await getPullRequest(octokit, repo, data.number);
    if (pr.state !== "open") return;
    const { config, errors } = await configFor(repo);
    let files: Promise<string[]> | undefined;
    const context: PullRequestContext = {
      octokit,
      log,
      repo,
      pr,
      config,
      now: clock(),
      files: () => (files ??= listPullRequestFiles(octokit, repo, pr.number)),
    };
    const proposed = (await context.files()).includes(CONFIG_PATH)
      ? (await configFor(repo, pr.headSha)).errors
      : errors;
    const current = await listAndonCheckRuns(octokit, repo, pr.headSha);
    for (const check of checks) {
      if (!config[check.key].enabled) continue;
      const name = CHECK_NAMES[check.key];
      const verdict = withConfigErrors(await check.judge(context), proposed, repo);
      const { written } = await writeCheckRun(octokit, repo, name, pr.headSha, verdict, {
        current: current.get(name) ?? null,
      });
      log.info(
        { check: check.key, conclusion: verdict.conclusion, written },
        "judged pull request",
      );
    }
  };
}

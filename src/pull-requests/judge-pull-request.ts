import { CHECK_NAMES, CONFIG_PATH } from "../constants.js";
import {
  breaksConfigVerdict,
  disabledVerdict,
  isOwnFile,
  withConfigErrors,
} from "../config/config-errors.js";
import type { CheckVerdict } from "../checks/verdict.js";
import { listAndonCheckRuns, writeCheckRun } from "../github/checks.js";
import { getPullRequest, listPullRequestFiles } from "../github/pulls.js";
import type { RepoRef } from "../github/types.js";
import type { ConfigStore } from "../config/config-store.js";
import { defineJob, mainlineLock, type JobHandler } from "../work/job.js";
import type { PullRequestCheck, PullRequestContext } from "./pull-request-check.js";

export interface JudgePullRequestData extends RepoRef {
  number: number;
}

/**
 * The job that judges one PR. It shares the repository's mainline lock, so a PR's
 * gate is never written from a mainline state that a flip is replacing.
 */
export const judgePullRequestJob = defineJob({
  kind: "judge-pr",
  key: ({ owner, repo, number }: JudgePullRequestData) => `pr:${owner}/${repo}#${number}`,
  lock: mainlineLock,
  handler: judgePullRequest,
});

export interface JudgePullRequestDependencies {
  checks: PullRequestCheck[];
  clock: () => Date;
  configs: ConfigStore;
}

/**
 * Judges one open PR with every check and writes each verdict, skipping writes that
 * would change nothing (PR events cannot know what is already there). The checks are
 * judged with the mainline's `andon.yml`, never the PR's: a PR must not decide its own
 * gate. A PR that edits `andon.yml` is validated against its new file, and one that makes
 * the file invalid fails `andon/mainline` whatever main's state and its labels.
 */
export function judgePullRequest({
  checks,
  clock,
  configs,
}: JudgePullRequestDependencies): JobHandler<JudgePullRequestData> {
  return async ({ data }, { octokit, log }) => {
    const configFor = (repo: RepoRef, ref?: string) => configs.load(octokit, repo, ref);
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
    const changesConfig = (await context.files()).includes(CONFIG_PATH);
    const proposed = changesConfig ? (await configFor(repo, pr.headSha)).errors : errors;
    const broken = changesConfig ? proposed.filter((e) => isOwnFile(e, repo)) : [];
    const current = await listAndonCheckRuns(octokit, repo, pr.headSha);
    for (const check of checks) {
      const name = CHECK_NAMES[check.key];
      let verdict: CheckVerdict;
      if (check.key === "mainline" && broken.length > 0) {
        verdict = breaksConfigVerdict(broken, repo);
      } else if (!config[check.key].enabled) {
        verdict = disabledVerdict(check.key);
      } else {
        verdict = withConfigErrors(await check.judge(context), proposed, repo);
      }
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

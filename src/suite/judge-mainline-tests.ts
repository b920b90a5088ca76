import { CHECK_NAMES } from "../constants.js";
import { withConfigErrors } from "../config/config-errors.js";
import { writeCheckRun } from "../github/checks.js";
import { getRepository } from "../github/repos.js";
import { getBranchHead } from "../github/trees.js";
import type { RepoRef } from "../github/types.js";
import type { Job, JobHandler } from "../work/job.js";
import type { CommitRef, SuiteJudge } from "./suite-judge.js";

export const JUDGE_MAINLINE_TESTS = "judge-mainline-tests";

export interface MainlineTestsData extends RepoRef {
  /** From the webhook payload; read from the repository when absent. */
  defaultBranch?: string;
  /** The mainline head to judge (a push's `after`); the branch's head now when absent. */
  sha?: string;
  /** The head's root tree, when the push payload told it. */
  treeSha?: string;
}

/** One key per repository: a burst of pushes to main judges its newest head once. */
export const mainlineTestsKey = ({ owner, repo }: RepoRef) => `tests:${owner}/${repo}`;

export function mainlineTestsJob(
  data: MainlineTestsData,
  installationId: number,
  deliveryId?: string,
): Job<MainlineTestsData> {
  return {
    kind: JUDGE_MAINLINE_TESTS,
    key: mainlineTestsKey(data),
    installationId,
    data,
    ...(deliveryId ? { deliveryId } : {}),
  };
}

/**
 * `andon/tests` on a mainline head: the suite alone, with no PR to weigh. Why it is written
 * when nothing reads it as a gate: the mainline is where a team looks to see whether its
 * CI verifies behaviour at all, and the daily audit keeps it true. An invalid `andon.yml`
 * turns it `neutral` with the error, like every Andon check; GitHub failures throw, for
 * the work runner to retry.
 */
export function judgeMainlineTests(judgeSuite: SuiteJudge): JobHandler<MainlineTestsData> {
  return async ({ data }, { octokit, log, config: configFor }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const { config, errors } = await configFor(repo);
    if (!config.tests.enabled) return;
    const head: CommitRef = data.sha
      ? { sha: data.sha, ...(data.treeSha ? { treeSha: data.treeSha } : {}) }
      : await getBranchHead(
          octokit,
          repo,
          data.defaultBranch ?? (await getRepository(octokit, repo)).defaultBranch,
        );
    const { verdict } = await judgeSuite(octokit, repo, head, config.tests);
    const { written } = await writeCheckRun(
      octokit,
      repo,
      CHECK_NAMES.tests,
      head.sha,
      withConfigErrors(verdict, errors, repo),
      { skipIfUnchanged: true },
    );
    log.info(
      {
        repo: `${repo.owner}/${repo.repo}`,
        sha: head.sha,
        conclusion: verdict.conclusion,
        written,
      },
      "judged the mainline's test suite",
    );
  };
}

import type { RepoTask } from "../sweep/repo-task.js";
import { judgeMainlineTestsJob } from "./judge-mainline-tests.js";

/**
 * The sweep's test-suite audit: once a day every repository's mainline head is judged
 * again, so `andon/tests` there is current even when no push came (a repo just
 * installed, a missed webhook, a change to the org's `andon.yml`). An unchanged tree
 * costs no tree or file reads, and an unchanged verdict no write.
 */
export const auditTestSuite: RepoTask = async ({ repo, installationId, config, enqueue }) => {
  if (!config.tests.enabled) return;
  const { owner, repo: name, defaultBranch } = repo;
  await enqueue(judgeMainlineTestsJob.of({ owner, repo: name, defaultBranch }, installationId));
};

import type { RepoTask } from "../sweep/repo-task.js";
import { mainlineJob } from "./evaluate-mainline.js";

/**
 * The sweep's repair of `andon/mainline`: webhooks can be missed or arrive out of
 * order, so once a day every repo's mainline is judged again and every PR gate is
 * compared with what it shows. Queued under the mainline lock, like any flip.
 */
export const reconcileMainline: RepoTask = async ({
  repo,
  installationId,
  config,
  dryRun,
  enqueue,
  log,
}) => {
  if (!config.mainline.enabled) return;
  const data = {
    owner: repo.owner,
    repo: repo.repo,
    defaultBranch: repo.defaultBranch,
    reconcile: true,
  };
  if (dryRun) {
    log.info({ repo: `${repo.owner}/${repo.repo}` }, "dry run: would reconcile the mainline gates");
    return;
  }
  enqueue(mainlineJob(data, installationId));
};

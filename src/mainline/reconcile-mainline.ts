import type { RepoTask } from "../sweep/repo-task.js";
import { evaluateMainlineJob } from "./evaluate-mainline.js";

/**
 * The sweep's repair of `andon/mainline`: webhooks can be missed or arrive out of
 * order, so once a day every repo's mainline is judged again and every PR gate is
 * compared with what it shows. Queued under the mainline lock, like any flip. (In a
 * dry run the job still judges; the request guard keeps its writes from GitHub.)
 */
export const reconcileMainline: RepoTask = async ({ repo, installationId, config, enqueue }) => {
  if (!config.mainline.enabled) return;
  const { owner, repo: name, defaultBranch } = repo;
  const data = { owner, repo: name, defaultBranch, reconcile: true };
  await enqueue(evaluateMainlineJob.of(data, installationId));
};

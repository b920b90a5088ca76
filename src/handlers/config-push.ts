import type { Context } from "probot";
import type { ConfigStore } from "../config/config-store.js";
import { repositoryOf } from "./payload.js";

/**
 * `andon.yml` changes only by a push to a default branch: forget that repo's config
 * (the org's, for a push to its `.github` repo) before any job of this push reads it.
 * Every such push, not only those listing the file: a push lists at most 20 commits.
 */
export function onConfigPush(configs: ConfigStore) {
  return (context: Context<"push">): void => {
    const { repository, ref } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}`) return;
    const repo = repositoryOf(context);
    if (!repo) return;
    if (repo.repo === ".github") configs.forget(repo.owner);
    else configs.forget(repo.owner, repo.repo);
  };
}

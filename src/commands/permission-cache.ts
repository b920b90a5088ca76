import { getRepoPermission, type RepoPermission } from "../github/collaborators.js";
import type { Octokit, RepoRef } from "../github/types.js";

export interface PermissionCache {
  get(octokit: Octokit, repo: RepoRef, login: string): Promise<RepoPermission>;
}

/**
 * People's roles on repositories, asked of GitHub and kept briefly: a burst of commands
 * costs one request, and a person whose access was just removed loses it within the TTL.
 */
export function createPermissionCache(options: {
  clock: () => Date;
  ttlMs?: number;
  capacity?: number;
}): PermissionCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const capacity = options.capacity ?? 1_000;
  const entries = new Map<string, { at: number; permission: RepoPermission }>();
  return {
    async get(octokit, repo, login) {
      const key = `${repo.owner}/${repo.repo}:${login}`.toLowerCase();
      const now = options.clock().getTime();
      const cached = entries.get(key);
      if (cached && now - cached.at < ttlMs) return cached.permission;
      const permission = await getRepoPermission(octokit, repo, login);
      entries.delete(key);
      entries.set(key, { at: now, permission });
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return permission;
    },
  };
}

/** `/andon close` and `/andon open` need write access: admin, maintain and write have it. */
export function canCommand(permission: RepoPermission): boolean {
  return permission.permission === "admin" || permission.permission === "write";
}

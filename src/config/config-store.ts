import type { Octokit, RepoRef } from "../github/types.js";
import { loadConfig } from "./load-config.js";
import type { ConfigResult } from "./validate-config.js";

export interface ConfigStore {
  /** The config of `repo` (at `ref`, or its default branch), from memory when fresh. */
  load(octokit: Octokit, repo: RepoRef, ref?: string): Promise<ConfigResult>;
  /** Drop what is known of `owner/repo`, or of every repo of `owner` (its `.github` changed). */
  forget(owner: string, repo?: string): void;
}

export interface ConfigStoreOptions {
  clock: () => Date;
  /** How long a config is trusted without a push that tells it changed. */
  ttlMs?: number;
  capacity?: number;
}

/**
 * Every event needs the repo's `andon.yml`, and reading it costs one or two requests
 * (the repo's file, then the org's). Config changes only by a push, which Andon sees
 * and answers with `forget`; the TTL bounds what a replica that did not see the push,
 * or a change in an `_extends` target, can miss.
 */
export function createConfigStore(options: ConfigStoreOptions): ConfigStore {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const capacity = options.capacity ?? 1_000;
  const entries = new Map<string, { at: number; result: Promise<ConfigResult> }>();
  const keyOf = (owner: string, repo: string, ref = "") => `${owner.toLowerCase()}/${repo}@${ref}`;

  return {
    load(octokit, repo, ref) {
      const key = keyOf(repo.owner, repo.repo, ref);
      const now = options.clock().getTime();
      const cached = entries.get(key);
      if (cached && now - cached.at < ttlMs) return cached.result;
      const result = loadConfig(octokit, repo, ref);
      entries.delete(key);
      entries.set(key, { at: now, result });
      // A failed read (5xx) must not be remembered: the retry reads again.
      result.catch(() => entries.get(key)?.result === result && entries.delete(key));
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return result;
    },
    forget(owner, repo) {
      const prefix = repo ? keyOf(owner, repo) : `${owner.toLowerCase()}/`;
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}

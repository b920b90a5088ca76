import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface ConfigFileRef extends RepoRef {
  path: string;
}

export interface LoadedConfigFiles {
  /** The files that were read, highest priority first (the repo's own file first). */
  files: Array<ConfigFileRef & { config: Record<string, unknown> | null }>;
}

/**
 * Reads `path` (`.github/andon.yml`) the way Probot's `context.config` does (the repo's file, else
 * the org's `.github` repo, following `_extends`), but returns the files unmerged so
 * errors can be traced to the file that holds them. Throws on invalid YAML.
 */
export async function getConfigFiles(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<LoadedConfigFiles> {
  const { files } = await octokit.config.get({ ...repoParams(repo), path, branch: ref });
  return {
    files: files.map((f) => ({
      owner: f.owner,
      repo: f.repo,
      path: f.path,
      config: f.config as Record<string, unknown> | null,
    })),
  };
}

/**
 * The file a config-plugin error is about: its message names the file's API URL
 * (`…/repos/acme/.github/contents/.github%2Fandon.yml`), the first URL being the
 * file that was being read.
 */
export function configFileOfError(error: unknown): ConfigFileRef | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^?\s)]+)/.exec(message);
  if (!match) return undefined;
  const [, owner, repo, path] = match.map((part) => decodeURIComponent(part)) as string[];
  return { owner: owner!, repo: repo!, path: path! };
}

/** The raw text of a file, or undefined when it does not exist. */
export async function getFileText(
  octokit: Octokit,
  file: ConfigFileRef,
  ref?: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      ...repoParams(file),
      path: file.path,
      ...(ref ? { ref } : {}),
      mediaType: { format: "raw" },
    });
    return data as unknown as string;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

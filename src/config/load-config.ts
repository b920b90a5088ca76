import { CONFIG_PATH } from "../constants.js";
import {
  configFileOfError,
  getConfigFiles,
  getFileText,
  type ConfigFileRef,
} from "../github/config-files.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { DEFAULT_CONFIG } from "./schema.js";
import { validateConfig, unreadableConfigError, type ConfigResult } from "./validate-config.js";

/**
 * The repository's Andon config (default branch, or `ref` to validate a PR's
 * change), with org defaults from the `.github` repo and `_extends`. Never throws
 * for anything a user wrote: invalid YAML or keys come back as `errors` with the
 * defaults applied. GitHub failures (5xx, rate limits) do throw, so the work
 * runner retries instead of judging with the wrong config.
 */
export async function loadConfig(
  octokit: Octokit,
  repo: RepoRef,
  ref?: string,
): Promise<ConfigResult> {
  const own = { ...repo, path: CONFIG_PATH };
  let files;
  try {
    ({ files } = await getConfigFiles(octokit, repo, CONFIG_PATH, ref));
  } catch (error) {
    if (isGitHubFailure(error)) throw error;
    // The broken file may be the org's or an `_extends` target, not the repo's own.
    const file = configFileOfError(error) ?? own;
    const text = await getFileText(octokit, file, sameFile(file, own) ? ref : undefined);
    const unreadable = text === undefined ? undefined : unreadableConfigError(file, text);
    const message = (error instanceof Error ? error.message : String(error)).replace(
      /^\[@probot\/octokit-plugin-config\] /,
      "",
    );
    return { config: DEFAULT_CONFIG, errors: [unreadable ?? { path: "", message, file }] };
  }
  const sources = files.map(({ config, ...file }) => ({ file, config }));
  const result = validateConfig(sources);
  if (result.errors.length === 0) return result;
  // Only an invalid file is read a second time: for the lines of its errors.
  const texts = new Map<string, string | undefined>();
  for (const { file } of result.errors) {
    const key = `${file.owner}/${file.repo}/${file.path}`;
    if (!texts.has(key)) {
      texts.set(key, await getFileText(octokit, file, sameFile(file, own) ? ref : undefined));
    }
  }
  return validateConfig(
    sources.map((s) => ({
      ...s,
      text: texts.get(`${s.file.owner}/${s.file.repo}/${s.file.path}`),
    })),
  );
}

/** Only the repo's own file is read at `ref`; org and `_extends` files come from their default branch. */
function sameFile(a: ConfigFileRef, b: ConfigFileRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo === b.repo && a.path === b.path;
}

function isGitHubFailure(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return typeof status === "number" && status !== 404;
}

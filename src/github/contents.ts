import { type Octokit, repoParams, type RepoRef } from "./types.js";

/**
 * A file's raw text by its blob sha, or undefined when GitHub has no such blob. Why by
 * blob rather than by path at a ref: a file that did not change keeps its blob sha from
 * commit to commit, so a reader that remembers blobs reads each version of a CI file
 * once, however many commits carry it.
 */
export async function getBlobText(
  octokit: Octokit,
  repo: RepoRef,
  blobSha: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.git.getBlob({
      ...repoParams(repo),
      file_sha: blobSha,
      mediaType: { format: "raw" },
    });
    const raw = data as unknown;
    return typeof raw === "string" ? raw : new TextDecoder().decode(raw as ArrayBuffer);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * A file of another repository at a ref (a reusable workflow a workflow calls), or
 * undefined when this installation cannot read it: GitHub answers 404 both for a missing
 * file and for a private repository the installation is not on, and 403 when blocked.
 * https://docs.github.com/en/rest/repos/contents#get-repository-content
 */
export async function getFileTextAt(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      ...repoParams(repo),
      path,
      ref,
      mediaType: { format: "raw" },
    });
    const raw = data as unknown;
    return typeof raw === "string" ? raw : new TextDecoder().decode(raw as ArrayBuffer);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

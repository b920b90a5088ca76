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

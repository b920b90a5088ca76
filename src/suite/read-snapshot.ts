import type { TestsConfig } from "../config/schema.js";
import { getBlobText } from "../github/contents.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { forEachBounded } from "../work/for-each-bounded.js";
import { filesToRead } from "./ci-files.js";
import type { Lru } from "./lru.js";
import { readTree } from "./read-tree.js";
import type { RepoSnapshot } from "./types.js";

/** Files larger than this are left unread (unknown to the detector): no CI file is 1 MB. */
export const MAX_FILE_BYTES = 1_000_000;
/** Only texts up to this size are remembered between judgements. */
export const MAX_CACHED_CHARS = 100_000;
const READS_IN_FLIGHT = 4;

/**
 * What the detector judges at one tree: its paths and the few files `filesToRead` names,
 * read by blob sha so a CI file unchanged since the last judgement costs no request.
 */
export async function readSnapshot(
  octokit: Octokit,
  repo: RepoRef,
  treeSha: string,
  config: TestsConfig,
  blobs: Lru<string, string>,
): Promise<RepoSnapshot> {
  const tree = await readTree(octokit, repo, treeSha);
  const paths = [...tree.blobs.keys()];
  const files: Record<string, string> = {};
  await forEachBounded(filesToRead(paths, config), READS_IN_FLIGHT, async (path) => {
    const blob = tree.blobs.get(path)!;
    if ((blob.size ?? 0) > MAX_FILE_BYTES) return;
    const text = blobs.get(blob.sha) ?? (await getBlobText(octokit, repo, blob.sha));
    if (text === undefined) return;
    if (text.length <= MAX_CACHED_CHARS) blobs.set(blob.sha, text);
    files[path] = text;
  });
  return { paths, files, truncated: tree.truncated, config };
}

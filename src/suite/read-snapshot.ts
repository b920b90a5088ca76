import type { TestsConfig } from "../config/schema.js";
import { getBlobText, getFileTextAt } from "../github/contents.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { forEachBounded } from "../work/for-each-bounded.js";
import { MAX_CHAIN_ROUNDS, moreFilesToRead } from "./chain-links.js";
import { filesToRead } from "./ci-files.js";
import type { Lru } from "./lru.js";
import { readTree } from "./read-tree.js";
import type { RepoSnapshot } from "./types.js";

/** Files larger than this are left unread (unknown to the detector): no CI file is 1 MB. */
export const MAX_FILE_BYTES = 1_000_000;
/** Only texts up to this size are remembered between judgements. */
export const MAX_CACHED_CHARS = 100_000;
const READS_IN_FLIGHT = 4;
const REMOTE = /^\/\/([^/]+)\/([^/]+)\/(.+)@([^@]+)$/;

/** `//owner/repo/path@ref`: another repository's file a chain leads to. */
async function readRemote(octokit: Octokit, key: string, cache: Lru<string, string>) {
  const [, owner = "", name = "", path = "", ref = ""] = REMOTE.exec(key) ?? [];
  if (owner === "") return undefined;
  // A commit sha names fixed contents; a branch or tag may move, so only shas are remembered.
  const pinned = /^[0-9a-f]{40}$/.test(ref);
  const known = pinned ? cache.get(key) : undefined;
  const text = known ?? (await getFileTextAt(octokit, { owner, repo: name }, path, ref));
  if (text !== undefined && pinned && text.length <= MAX_CACHED_CHARS) cache.set(key, text);
  return text;
}

/**
 * What the detector judges at one tree: its paths, the few files `filesToRead` names,
 * then the links their chains lead to (a Makefile, `./build.ps1`), round by round. Each
 * is read by blob sha, so a file unchanged since the last judgement costs no request.
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
  const tried = new Set<string>();
  const read = (wanted: string[]) =>
    forEachBounded(wanted, READS_IN_FLIGHT, async (path) => {
      tried.add(path);
      if (path.startsWith("//")) {
        const text = await readRemote(octokit, path, blobs);
        if (text !== undefined) files[path] = text;
        return;
      }
      const blob = tree.blobs.get(path);
      if (blob === undefined || (blob.size ?? 0) > MAX_FILE_BYTES) return;
      const text = blobs.get(blob.sha) ?? (await getBlobText(octokit, repo, blob.sha));
      if (text === undefined) return;
      if (text.length <= MAX_CACHED_CHARS) blobs.set(blob.sha, text);
      files[path] = text;
    });
  await read(filesToRead(paths, config));
  for (let round = 0; round < MAX_CHAIN_ROUNDS; round++) {
    const next = moreFilesToRead(paths, files, config).filter((path) => !tried.has(path));
    if (next.length === 0) break;
    await read(next);
  }
  return { paths, files, truncated: tree.truncated, config };
}

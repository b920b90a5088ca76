import { afterEach, describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import nock from "nock";
import { listBranches } from "../../src/github/branches.js";
import { getLatestCheckRun, listAndonCheckRuns, writeCheckRun } from "../../src/github/checks.js";
import { createCommitComment, listCommitComments } from "../../src/github/comments.js";
import { compareChanges, getCommitChanges } from "../../src/github/changes.js";
import { listMergeGroupRefs } from "../../src/github/merge-groups.js";
import { listCheckRuns, listCommits, listLatestStatuses } from "../../src/github/commits.js";
import { compareCommits } from "../../src/github/compare.js";
import { getFileText } from "../../src/github/config-files.js";
import { getBlobText } from "../../src/github/contents.js";
import { listGatePullRequests } from "../../src/github/gate-pulls.js";
import {
  getPullRequest,
  listOpenPullRequests,
  listPullRequestFiles,
} from "../../src/github/pulls.js";
import { getRepository, type RepoFacts } from "../../src/github/repos.js";
import { getBranchHead, getCommitTreeSha, getTree } from "../../src/github/trees.js";
import type { Octokit } from "../../src/github/types.js";
import { fakeWithOctokit } from "../kit/fake-octokit.js";
import type { FakeGitHub } from "../kit/fake-github.js";
import type { FakeRepo } from "../kit/state.js";

afterEach(() => nock.cleanAll());

/** What the sweep holds of a repository: far more than a request may name. */
const FACTS: RepoFacts = {
  owner: "acme",
  repo: "shop",
  defaultBranch: "main",
  archived: false,
  disabled: false,
  fork: false,
};

type Call = (o: Octokit, repo: RepoFacts, s: { sha: string; fake: FakeGitHub }) => Promise<unknown>;

const drain = async (pages: AsyncIterable<unknown>) => {
  for await (const _item of pages);
};

const VERDICT = { conclusion: "success", title: "ok", summary: "ok" } as const;

/**
 * Every `src/github/` function handed a whole repository object: the fake refuses any
 * query parameter or body key GitHub does not define for the endpoint, so a spread of
 * `defaultBranch`, `archived`… fails here (and in the teardown) instead of reaching GitHub.
 */
describe("requests name only what GitHub defines", () => {
  it.each<[string, Call]>([
    ["listBranches", (o, r) => drain(listBranches(o, r))],
    ["compareCommits", (o, r, { sha }) => compareCommits(o, r, "main", sha)],
    ["listOpenPullRequests", (o, r) => drain(listOpenPullRequests(o, r))],
    ["getPullRequest", (o, r) => getPullRequest(o, r, 1)],
    ["listPullRequestFiles", (o, r) => listPullRequestFiles(o, r, 1)],
    ["listGatePullRequests", (o, r) => drain(listGatePullRequests(o, r, "main"))],
    ["listCommitComments", (o, r, { sha }) => listCommitComments(o, r, sha)],
    ["createCommitComment", (o, r, { sha }) => createCommitComment(o, r, sha, "hello")],
    ["getCommitChanges", (o, r, { sha }) => getCommitChanges(o, r, sha)],
    ["compareChanges", (o, r, { sha }) => compareChanges(o, r, "main", sha)],
    ["listMergeGroupRefs", (o, r) => listMergeGroupRefs(o, r, "main")],
    ["getLatestCheckRun", (o, r, { sha }) => getLatestCheckRun(o, r, sha, "andon/mainline")],
    ["listAndonCheckRuns", (o, r, { sha }) => listAndonCheckRuns(o, r, sha)],
    ["writeCheckRun", (o, r, { sha }) => writeCheckRun(o, r, "andon/mainline", sha, VERDICT)],
    ["listCommits", (o, r) => listCommits(o, r, "main", 1, 10)],
    ["listCheckRuns", (o, r, { sha }) => listCheckRuns(o, r, sha)],
    ["listLatestStatuses", (o, r, { sha }) => listLatestStatuses(o, r, sha)],
    ["getRepository", (o, r) => getRepository(o, r)],
    ["getBranchHead", (o, r) => getBranchHead(o, r, "main")],
    ["getCommitTreeSha", (o, r, { sha }) => getCommitTreeSha(o, r, sha)],
    [
      "getTree and getBlobText",
      async (o, r, { sha }) => {
        const tree = await getTree(o, r, await getCommitTreeSha(o, r, sha), true);
        return getBlobText(o, r, tree.entries[0]!.sha);
      },
    ],
    ["getFileText", (o, r) => getFileText(o, { ...r, path: "README.md" })],
  ])("%s", async (_name, call) => {
    const { fake, octokit } = await fakeWithOctokit();
    const repo: FakeRepo = fake.repo("acme/shop");
    fake.push(repo, "feature", { files: { "src/a.ts": "export {};" } });
    fake.pull(repo, { headRef: "feature" });
    const sha = fake.head(repo, "feature");

    await call(octokit, { ...FACTS }, { sha, fake });

    expect(fake.unmodelled).toEqual([]);
  });
});

describe("src/github/", () => {
  it("spreads no repository object into a request, only repoParams(repo)", () => {
    const offenders = readdirSync("src/github")
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) =>
        readFileSync(`src/github/${name}`, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `src/github/${name}:${i + 1}`, line }))
          .filter(({ line }) => /\.\.\.(repo|file|ref)\b(?!Params)/.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});

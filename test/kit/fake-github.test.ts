import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { listBranches } from "../../src/github/branches.js";
import { assertEveryRequestModelled } from "./fake-github.js";
import { fakeWithOctokit } from "./fake-octokit.js";

afterEach(() => nock.cleanAll());

/** What a request that fails looks like to the code under test. */
async function statusOf(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return undefined;
  } catch (error) {
    return (error as { status?: number }).status;
  }
}

describe("the fake GitHub fails loudly", () => {
  it("answers an endpoint it does not model with 501, never a 404 read as absent", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop");
    const status = await statusOf(
      octokit.request("GET /repos/{owner}/{repo}/traffic/views", {
        owner: "acme",
        repo: "shop",
      }),
    );
    expect(status).toBe(501);
    expect(fake.unmodelled).toEqual(["GET /repos/acme/shop/traffic/views"]);
    expect(assertEveryRequestModelled).toThrow(/does not model[\s\S]*traffic\/views/);
    // The check forgets what it reported, so this test's own teardown passes.
    expect(assertEveryRequestModelled).not.toThrow();
  });

  it("treats a path with an empty owner or name as unmodelled", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop");
    const walk = async () => {
      for await (const _branch of listBranches(octokit, { owner: "acme", repo: "" })) break;
    };
    expect(await statusOf(walk())).toBe(501);
    expect(fake.unmodelled).toEqual(["GET /repos/acme//branches?per_page=100"]);
    expect(assertEveryRequestModelled).toThrow(/acme\/\/branches/);
  });

  it("still answers 404 for a modelled resource that does not exist", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop");
    const status = await statusOf(octokit.rest.repos.get({ owner: "acme", repo: "gone" }));
    expect(status).toBe(404);
    expect(fake.unmodelled).toEqual([]);
  });
});

/**
 * The fake against GitHub's documented behaviour: what Andon's code relies on must hold
 * here as it does on GitHub, or a green suite proves nothing.
 */
describe("the fake GitHub keeps GitHub's contract", () => {
  async function repoWithHead() {
    const { fake, octokit } = await fakeWithOctokit();
    const repo = fake.repo("acme/shop");
    return { fake, octokit, repo, sha: fake.head(repo), params: { owner: "acme", repo: "shop" } };
  }

  // https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference:
  // `filter` picks runs by `completed_at`, `latest` (the default) keeping the most recent
  // run of each name, `all` every run.
  it.each<[{ filter?: "latest" | "all"; check_name?: string }, string[]]>([
    [{}, ["test#3", "lint#2"]],
    [{ filter: "latest" }, ["test#3", "lint#2"]],
    [{ filter: "all" }, ["test#3", "lint#2", "test#1"]],
    [{ filter: "latest", check_name: "test" }, ["test#3"]],
    [{ filter: "all", check_name: "test" }, ["test#3", "test#1"]],
  ])("lists check runs for %p as %p", async (query, expected) => {
    const { fake, octokit, repo, sha, params } = await repoWithHead();
    const runs = [
      fake.ciRun(repo, sha, "test", "failure"),
      fake.ciRun(repo, sha, "lint", "success"),
      fake.ciRun(repo, sha, "test", "success"),
    ];
    const label = new Map(runs.map((r, i) => [r.id, `${r.name}#${i + 1}`]));
    const { data } = await octokit.rest.checks.listForRef({ ...params, ref: sha, ...query });
    expect(data.check_runs.map((r) => label.get(r.id))).toEqual(expected);
    expect(data.total_count).toBe(expected.length);
  });

  it("completes a check run given a conclusion, stamping the time", async () => {
    const { fake, octokit, sha, params } = await repoWithHead();
    const { data } = await octokit.rest.checks.create({
      ...params,
      name: "andon/tests",
      head_sha: sha,
      conclusion: "success",
      output: { title: "ok", summary: "ok" },
    });
    expect(data).toMatchObject({ status: "completed", completed_at: fake.now.toISOString() });
  });

  // https://docs.github.com/en/rest/commits/statuses#get-the-combined-status-for-a-specific-reference:
  // the latest status of each context; `failure` when any is `error` or `failure`,
  // `pending` when there is none or one is pending, `success` when all are.
  it.each<[string, Array<[string, string]>, string, string[]]>([
    ["no status at all", [], "pending", []],
    [
      "every context green",
      [
        ["ci", "success"],
        ["lint", "success"],
      ],
      "success",
      ["ci", "lint"],
    ],
    [
      "one context pending",
      [
        ["ci", "success"],
        ["lint", "pending"],
      ],
      "pending",
      ["ci", "lint"],
    ],
    [
      "an error",
      [
        ["ci", "error"],
        ["lint", "pending"],
      ],
      "failure",
      ["ci", "lint"],
    ],
    [
      "a later success over a failure",
      [
        ["ci", "failure"],
        ["ci", "success"],
      ],
      "success",
      ["ci"],
    ],
    [
      "a later failure over a success",
      [
        ["ci", "success"],
        ["ci", "failure"],
      ],
      "failure",
      ["ci"],
    ],
  ])("combines %s", async (_case, statuses, state, contexts) => {
    const { fake, octokit, repo, sha, params } = await repoWithHead();
    for (const [context, s] of statuses) fake.ciStatus(repo, sha, context, s);
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...params, ref: sha });
    expect(data.state).toBe(state);
    expect(data.statuses.map((s) => s.context).sort()).toEqual(contexts);
    expect(data.total_count).toBe(contexts.length);
  });

  // https://docs.github.com/en/rest/commits/commits#compare-two-commits: up to 250
  // commits unpaged; pages of `per_page` (default 30, at most 100) when paged, with the
  // changed files on the first page only.
  it.each([
    [{}, 250, 1],
    [{ page: 1 }, 30, 9],
    [{ per_page: 100 }, 100, 3],
    [{ per_page: 500 }, 100, 3],
  ])(
    "pages a 260-commit comparison asked %p in pages of %p (%p pages)",
    async (query, size, pages) => {
      const { fake, octokit, repo, params } = await repoWithHead();
      for (let i = 0; i < 260; i++) fake.push(repo, "long", { files: { [`f${i}.txt`]: "x" } });
      const basehead = `main...${fake.head(repo, "long")}`;
      const first = await octokit.rest.repos.compareCommitsWithBasehead({
        ...params,
        basehead,
        ...query,
      });
      expect(first.data.total_commits).toBe(260);
      expect(first.data.commits).toHaveLength(size);
      expect(first.data.files).toHaveLength(260);
      if (pages === 1) return;
      const last = await octokit.rest.repos.compareCommitsWithBasehead({
        ...params,
        basehead,
        ...query,
        page: pages,
      });
      expect(last.data.commits).toHaveLength(260 - size * (pages - 1));
      expect(last.data.files).toEqual([]);
      expect(last.headers.link).toBeUndefined();
    },
  );

  // https://docs.github.com/en/rest/git/blobs#get-a-blob: the raw media type returns the
  // blob's bytes; the default JSON holds them base64-encoded.
  it.each([
    ["application/vnd.github.raw", "echo ok\n"],
    ["application/vnd.github.raw+json", "echo ok\n"],
    ["application/vnd.github+json", { encoding: "base64", content: "ZWNobyBvawo=" }],
  ])("answers a blob asked as %p with %p", async (accept, expected) => {
    const { fake, octokit, repo, params } = await repoWithHead();
    const head = fake.push(repo, "main", { files: { "run.sh": "echo ok\n" } }).sha;
    const tree = await octokit.rest.git.getTree({ ...params, tree_sha: head, recursive: "1" });
    const blob = tree.data.tree.find((e) => e.path === "run.sh")!;
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      ...params,
      file_sha: blob.sha!,
      headers: { accept },
    });
    if (typeof expected === "string") expect(data).toBe(expected);
    else expect(data).toMatchObject(expected);
  });

  // https://docs.github.com/en/graphql/guides/using-pagination-in-the-graphql-api: every
  // connection takes `first` or `last`, from 1 to 100.
  const QUERY = (
    pulls: string,
  ) => `query AndonOpenPullRequests($owner: String!, $repo: String!, $base: String!, $cursor: String) {
    repository(owner: $owner, name: $repo) {
      pullRequests(states: OPEN, baseRefName: $base, ${pulls} after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { number labels(first: 10) { nodes { name } } }
      }
    }
  }`;

  it.each([
    ["first: 101,", /outside 1 to 100/],
    ["first: 0,", /outside 1 to 100/],
    ["last: 500,", /outside 1 to 100/],
    ["", /needs a first or last/],
  ])("refuses a connection asked for %p", async (bound, message) => {
    const { octokit, params } = await repoWithHead();
    const vars = { ...params, base: "main", cursor: null };
    await expect(octokit.graphql(QUERY(bound), vars)).rejects.toThrow(message);
  });

  it("pages a connection by its first argument and cursor", async () => {
    const { fake, octokit, repo, params } = await repoWithHead();
    fake.push(repo, "feature");
    for (let i = 0; i < 5; i++) fake.pull(repo, { headRef: "feature" });
    type Page = {
      repository: {
        pullRequests: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: Array<{ number: number }>;
        };
      };
    };
    const seen: number[][] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await octokit.graphql<Page>(QUERY("first: 2,"), {
        ...params,
        base: "main",
        cursor,
      });
      const { nodes, pageInfo } = page.repository.pullRequests;
      seen.push(nodes.map((n) => n.number));
      cursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (cursor);
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
  });
});

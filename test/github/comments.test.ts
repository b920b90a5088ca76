import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { MARKERS } from "../../src/constants.js";
import { ensureCommitComment } from "../../src/github/comments.js";
import type { FakeGitHub } from "../kit/fake-github.js";
import type { FakeRepo } from "../kit/state.js";
import { fakeWithOctokit, writesTo } from "../kit/fake-octokit.js";

afterEach(() => nock.cleanAll());

const REPO = { owner: "acme", repo: "shop" };
const CREATE = "POST /repos/{owner}/{repo}/commits/{sha}/comments";
const UPDATE = "PATCH /repos/{owner}/{repo}/comments/{id}";

async function scenario() {
  const { fake, octokit } = await fakeWithOctokit();
  const repo = fake.repo("acme/shop");
  const sha = fake.push(repo, "main", { message: "Break the build" }).sha;
  const marker = MARKERS.broken(sha);
  return { fake, octokit, repo, sha, marker, comments: () => fake.commentsOn(repo, sha) };
}

/** Comments someone else left on the commit, straight into the fake's state. */
function humanComments(fake: FakeGitHub, repo: FakeRepo, sha: string, bodies: string[]): void {
  for (const body of bodies) {
    const at = fake.now.toISOString();
    repo.comments.push({
      id: fake.id(),
      commit_id: sha,
      body,
      user: "hubot",
      created_at: at,
      updated_at: at,
    });
  }
}

describe("ensureCommitComment", () => {
  it("posts the comment with its marker the first time", async () => {
    const { octokit, sha, marker, comments } = await scenario();
    const result = await ensureCommitComment(octokit, REPO, sha, marker, "@mona broke main.");
    expect(comments().map((c) => c.body)).toEqual([`${marker}\n@mona broke main.`]);
    expect(result).toEqual({ action: "created", id: comments()[0]!.id });
  });

  it("posts nothing the second time: the marker, not memory, makes it once", async () => {
    const { fake, octokit, sha, marker, comments } = await scenario();
    const first = await ensureCommitComment(octokit, REPO, sha, marker, "@mona broke main.");
    fake.resetRequests();
    const second = await ensureCommitComment(octokit, REPO, sha, marker, "@mona broke main!");
    expect(second).toEqual({ action: "unchanged", id: first.id });
    expect(writesTo(fake)).toEqual([]);
    expect(comments()).toHaveLength(1);
  });

  it("rewrites the existing comment with `edit` (PATCH) and keeps its marker", async () => {
    const { fake, octokit, sha, marker, comments } = await scenario();
    const first = await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    fake.resetRequests();
    const edited = await ensureCommitComment(octokit, REPO, sha, marker, "unused", {
      edit: (existing) => existing.body.replace("Main is red.", "Fixed by 9f8e7d6 in 42m."),
    });
    expect(edited).toEqual({ action: "updated", id: first.id });
    expect(writesTo(fake)).toEqual([UPDATE]);
    expect(comments().map((c) => c.body)).toEqual([`${marker}\nFixed by 9f8e7d6 in 42m.`]);
  });

  it("adds the marker back when `edit` returns a body without it", async () => {
    const { octokit, sha, marker, comments } = await scenario();
    await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    await ensureCommitComment(octokit, REPO, sha, marker, "unused", {
      edit: () => "Main is green.",
    });
    expect(comments().map((c) => c.body)).toEqual([`${marker}\nMain is green.`]);
  });

  it.each([
    { behaviour: "the same body", edit: (body: string) => body },
    { behaviour: "the same text without the marker", edit: () => "Main is red." },
  ])("sends no request when `edit` returns $behaviour", async ({ edit }) => {
    const { fake, octokit, sha, marker } = await scenario();
    const first = await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    fake.resetRequests();
    const result = await ensureCommitComment(octokit, REPO, sha, marker, "unused", {
      edit: (existing) => edit(existing.body),
    });
    expect(result).toEqual({ action: "unchanged", id: first.id });
    expect(writesTo(fake)).toEqual([]);
  });

  it("does not count the marker on another commit", async () => {
    const { fake, octokit, repo, sha, marker } = await scenario();
    await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    const other = fake.push(repo, "main", { message: "Another change" }).sha;
    fake.resetRequests();
    const result = await ensureCommitComment(octokit, REPO, other, marker, "Main is red.");
    expect(result.action).toBe("created");
    expect(writesTo(fake)).toEqual([CREATE]);
    expect(fake.commentsOn(repo, other)).toHaveLength(1);
  });

  it("does not mistake another marker on the same commit for its own", async () => {
    const { octokit, sha, marker, comments } = await scenario();
    await ensureCommitComment(octokit, REPO, sha, MARKERS.reminder(sha), "Still red.");
    const result = await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    expect(result.action).toBe("created");
    expect(comments()).toHaveLength(2);
  });

  it("finds its marker on the second page of a commit with 150 comments", async () => {
    const { fake, octokit, repo, sha, marker, comments } = await scenario();
    const bodies = Array.from({ length: 150 }, (_, i) => `LGTM #${i}`);
    bodies[129] = `${marker}\nMain is red.`;
    humanComments(fake, repo, sha, bodies);
    fake.resetRequests();

    const result = await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.");
    expect(result).toEqual({ action: "unchanged", id: comments()[129]!.id });
    expect(fake.reads()).toBe(2);
    expect(writesTo(fake)).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { LEGACY_MARKERS, MARKERS } from "../../src/constants.js";
import { ensureCommitComment } from "../../src/github/comments.js";
import type { FakeGitHub } from "../kit/fake-github.js";
import type { FakeRepo } from "../kit/state.js";
import { fakeWithOctokit, writesTo } from "../kit/fake-octokit.js";

afterEach(() => nock.cleanAll());

const REPO = { owner: "acme", repo: "shop" };
const CREATE = "POST /repos/{owner}/{repo}/commits/{sha}/comments";

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

  it("counts a comment carrying an older marker as posted (an upgrade posts no copy)", async () => {
    const { fake, octokit, sha, marker, comments } = await scenario();
    const legacy = LEGACY_MARKERS.reminder(sha);
    const first = await ensureCommitComment(octokit, REPO, sha, legacy, "Still red.");
    fake.resetRequests();
    const result = await ensureCommitComment(octokit, REPO, sha, marker, "Still red.", {
      alsoMarkers: [legacy],
    });
    expect(result).toEqual({ action: "unchanged", id: first.id });
    expect(writesTo(fake)).toEqual([]);
    expect(comments()).toHaveLength(1);
  });

  it("reads nothing when the caller passes the comments it already listed", async () => {
    const { fake, octokit, sha, marker } = await scenario();
    fake.resetRequests();
    await ensureCommitComment(octokit, REPO, sha, marker, "Main is red.", { comments: [] });
    expect(fake.reads()).toBe(0);
    expect(writesTo(fake)).toEqual([CREATE]);
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

import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getRepoPermission } from "../../src/github/collaborators.js";
import { fakeWithOctokit } from "./fake-octokit.js";
import { reactionsOn } from "./routes-issues.js";

afterEach(() => nock.cleanAll());

describe("the fake's collaborator permissions", () => {
  it.each([
    ["admin", "admin"],
    ["maintain", "write"],
    ["write", "write"],
    ["triage", "read"],
    ["read", "read"],
  ])(
    "reads role %s as the legacy base permission %s, with the role's full name",
    async (role, legacy) => {
      const { fake, octokit } = await fakeWithOctokit();
      const repo = fake.repo("acme/shop");
      fake.collaborator(repo, "Mona", role);
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
        owner: "acme",
        repo: "shop",
        username: "mona",
      });
      expect(data).toMatchObject({ permission: legacy, role_name: role });
    },
  );

  it("gives an outsider read on a public repository, none on a private one, 404 for an unknown account", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop");
    const secret = fake.repo("acme/vault");
    secret.private = true;
    fake.ghosts.add("gone");
    const of = (repo: string, username: string) =>
      getRepoPermission(octokit, { owner: "acme", repo }, username);
    expect(await of("shop", "otto")).toEqual({ permission: "read", roleName: "read" });
    expect(await of("vault", "otto")).toEqual({ permission: "none", roleName: "none" });
    expect(await of("shop", "gone")).toEqual({ permission: "none", roleName: "none" });
  });
});

describe("the fake's issue-comment reactions", () => {
  it("creates a reaction once (201), then answers 200 with the existing one", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    const repo = fake.repo("acme/shop");
    const c = fake.issueComment(repo, { issue: 3, user: "mona", body: "hi" });
    const react = (content: "+1" | "-1") =>
      octokit.rest.reactions.createForIssueComment({
        owner: "acme",
        repo: "shop",
        comment_id: c.id,
        content,
      });
    expect((await react("+1")).status).toBe(201);
    expect((await react("+1")).status).toBe(200);
    expect((await react("-1")).status).toBe(201);
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] +1", "andon[bot] -1"]);
  });

  it("answers 404 for a comment that does not exist and 422 for an unknown reaction", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    const repo = fake.repo("acme/shop");
    const c = fake.issueComment(repo, { issue: 3, user: "mona", body: "hi" });
    const post = (comment_id: number, content: string) =>
      octokit
        .request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
          owner: "acme",
          repo: "shop",
          comment_id,
          content: content as "+1",
        })
        .catch((e: { status: number }) => e);
    expect(await post(c.id + 999, "+1")).toMatchObject({ status: 404 });
    expect(await post(c.id, "thumbsup")).toMatchObject({ status: 422 });
  });
});

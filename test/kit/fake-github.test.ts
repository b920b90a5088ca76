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

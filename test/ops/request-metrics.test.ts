import { describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { routeOf } from "../../src/github/request-metrics.js";

const octokit = new ProbotOctokit();

describe("route labels of GitHub requests", () => {
  it.each([
    [
      "GET",
      "/repos/{owner}/{repo}/commits/{ref}/check-runs",
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
    ],
    [
      "GET",
      "https://api.github.com/repos/acme/shop/commits/0123456789abcdef0123456789abcdef01234567/check-runs?per_page=100",
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
    ],
    [
      "GET",
      "https://ghe.example.com/api/v3/repos/acme/shop/pulls?state=open&page=2",
      "GET /repos/{owner}/{repo}/pulls",
    ],
    [
      "GET",
      "https://api.github.com/repos/acme/shop/pulls/12",
      "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    ],
    [
      "GET",
      "https://api.github.com/repos/acme/shop/contents/.github/workflows/ci.yml",
      "GET /repos/{owner}/{repo}/contents/{path}",
    ],
    [
      "GET",
      "https://api.github.com/installation/repositories?page=3",
      "GET /installation/repositories",
    ],
    ["POST", "/graphql", "POST /graphql"],
    ["POST", "https://ghe.example.com/api/graphql", "POST /graphql"],
    ["GET", "https://api.github.com/acme/shop/not-an-api", "GET other"],
  ])("%s %s is counted as %p", (method, url, label) => {
    expect(routeOf(octokit, method, url)).toBe(label);
  });
});

import { describe, expect, it } from "@jest/globals";
import { branchAge } from "../../src/integration/branch-age.js";
import { commit, comparison, sha } from "./compare-fixture.js";

const NOW = new Date("2024-05-10T12:00:00Z");
const HOUR = 3_600_000;
const MAIN = sha("main-tip");

describe("branchAge", () => {
  it.each([
    {
      behaviour: "counts from the oldest commit of a simple branch",
      commits: [
        commit({
          sha: sha("a"),
          authored: "2024-05-08T09:00:00Z",
          committed: "2024-05-08T09:00:00Z",
        }),
        commit({
          sha: sha("b"),
          authored: "2024-05-09T15:00:00Z",
          committed: "2024-05-09T15:00:00Z",
          parents: [sha("a")],
        }),
      ],
      oldest: "a",
      hours: 51,
    },
    {
      behaviour: "restarts the clock when the branch is rebased (new commits, old author dates)",
      commits: [
        commit({
          sha: sha("a'"),
          authored: "2024-04-20T10:00:00Z",
          committed: "2024-05-10T10:00:00Z",
          parents: [MAIN],
        }),
        commit({
          sha: sha("b'"),
          authored: "2024-04-22T10:00:00Z",
          committed: "2024-05-10T10:00:05Z",
          parents: [sha("a'")],
        }),
      ],
      oldest: "a'",
      hours: 2,
    },
    {
      behaviour: "does not reset the age when main is merged into the branch",
      commits: [
        commit({
          sha: sha("a"),
          authored: "2024-05-07T12:00:00Z",
          committed: "2024-05-07T12:00:00Z",
        }),
        commit({
          sha: sha("merge"),
          authored: "2024-05-10T11:00:00Z",
          committed: "2024-05-10T11:00:00Z",
          parents: [sha("a"), MAIN],
        }),
      ],
      oldest: "a",
      hours: 72,
    },
    {
      behaviour: "uses the committer date of a commit authored long before it was committed",
      commits: [
        commit({
          sha: sha("patch"),
          authored: "2024-01-02T08:00:00Z",
          committed: "2024-05-10T06:00:00Z",
        }),
      ],
      oldest: "patch",
      hours: 6,
    },
    {
      behaviour: "takes the earliest date, not the first listed commit, when clocks disagree",
      commits: [
        commit({
          sha: sha("x"),
          authored: "2024-05-09T12:00:00Z",
          committed: "2024-05-09T12:00:00Z",
        }),
        commit({
          sha: sha("y"),
          authored: "2024-05-06T12:00:00Z",
          committed: "2024-05-06T12:00:00Z",
          parents: [sha("x")],
        }),
      ],
      oldest: "y",
      hours: 96,
    },
    {
      behaviour: "reads a commit whose committer clock is ahead of ours as zero old",
      commits: [
        commit({
          sha: sha("future"),
          authored: "2024-05-10T13:00:00Z",
          committed: "2024-05-10T13:00:00Z",
        }),
      ],
      oldest: "future",
      hours: 0,
    },
  ])("$behaviour", ({ commits, oldest, hours }) => {
    const age = branchAge(comparison(commits, { behind_by: 7 }), NOW);
    expect(age).toEqual({
      ageMs: hours * HOUR,
      oldestSha: sha(oldest),
      oldestAt: expect.any(String),
      ahead: commits.length,
      behind: 7,
      complete: true,
    });
  });

  it("is undefined when the branch has no commits that are not on main", () => {
    expect(branchAge(comparison([], { ahead_by: 0, behind_by: 12 }), NOW)).toBeUndefined();
  });

  it("reports the oldest commit's committer date in UTC", () => {
    const commits = [
      commit({
        sha: sha("a"),
        authored: "2024-05-01T00:00:00+02:00",
        committed: "2024-05-09T08:30:00-07:00",
      }),
    ];
    expect(branchAge(comparison(commits), NOW)?.oldestAt).toBe("2024-05-09T15:30:00.000Z");
  });

  it("falls back to the author date when GitHub gives no committer", () => {
    const only = commit({ sha: sha("a"), authored: "2024-05-10T09:00:00Z", committed: "" });
    only.commit.committer = null;
    expect(branchAge(comparison([only]), NOW)?.ageMs).toBe(3 * HOUR);
  });

  const pages = Array.from({ length: 300 }, (_, i) =>
    commit({
      sha: sha(`c${i}`),
      authored: new Date(Date.parse("2024-04-20T00:00:00Z") + i * HOUR).toISOString(),
      committed: new Date(Date.parse("2024-04-20T00:00:00Z") + i * HOUR).toISOString(),
    }),
  );

  it("spans every page of a comparison of more than 250 commits", () => {
    const age = branchAge(comparison(pages, { total_commits: 300 }), NOW);
    expect(age).toMatchObject({ oldestSha: sha("c0"), ahead: 300, complete: true });
  });

  it("flags the age as a lower bound when a page is missing", () => {
    const age = branchAge(comparison(pages.slice(50), { ahead_by: 300, total_commits: 300 }), NOW);
    expect(age).toMatchObject({ oldestSha: sha("c50"), ahead: 300, complete: false });
  });

  it("refuses to guess when commits are ahead but none were passed", () => {
    expect(() => branchAge(comparison([], { ahead_by: 3 }), NOW)).toThrow(
      "the comparison is 3 commits ahead but lists no dated commit",
    );
  });
});

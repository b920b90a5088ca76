import { describe, expect, it } from "@jest/globals";
import { MARKERS } from "../../src/constants.js";
import { parseStaleMarkers, staleDay } from "../../src/integration/stale-markers.js";

const nag = (branch: string, day: string, createdAt: string) => ({
  body: `${MARKERS.stale(branch, day)}\n\n@ada, the branch \`${branch}\` has not reached \`main\`…`,
  createdAt,
});

describe("parseStaleMarkers", () => {
  it.each([
    {
      behaviour: "reads a branch name with slashes and dashes",
      branch: "feature/pay-by-link",
      comments: [nag("feature/pay-by-link", "2024-05-09", "2024-05-09T06:00:00Z")],
      days: ["2024-05-09"],
    },
    {
      behaviour: "ignores the markers of another branch on the same commit",
      branch: "feature/pay",
      comments: [
        nag("feature/pay-by-link", "2024-05-09", "2024-05-09T06:00:00Z"),
        nag("feature", "2024-05-08", "2024-05-08T06:00:00Z"),
        nag("hotfix/feature/pay", "2024-05-07", "2024-05-07T06:00:00Z"),
        nag("feature/pay", "2024-05-06", "2024-05-06T06:00:00Z"),
      ],
      days: ["2024-05-06"],
    },
    {
      behaviour: "does not let regex characters in a branch name match other branches",
      branch: "v1.2",
      comments: [nag("v1x2", "2024-05-09", "2024-05-09T06:00:00Z")],
      days: [],
    },
    {
      behaviour: "ignores other comments and Andon's broken-build markers",
      branch: "main",
      comments: [
        { body: "LGTM", createdAt: "2024-05-09T06:00:00Z" },
        { body: "", createdAt: "2024-05-09T06:00:00Z" },
        { body: MARKERS.broken("abc"), createdAt: "2024-05-09T06:00:00Z" },
      ],
      days: [],
    },
    {
      behaviour: "returns nags in day order",
      branch: "spike",
      comments: [
        nag("spike", "2024-05-09", "2024-05-09T06:00:00Z"),
        nag("spike", "2024-05-07", "2024-05-07T06:00:00Z"),
      ],
      days: ["2024-05-07", "2024-05-09"],
    },
  ])("$behaviour", ({ branch, comments, days }) => {
    expect(parseStaleMarkers(comments, branch).map((n) => n.day)).toEqual(days);
  });

  it("counts a marker posted twice in a race as one nag, keeping the later", () => {
    const nags = parseStaleMarkers(
      [
        nag("spike", "2024-05-09", "2024-05-09T06:00:01Z"),
        nag("spike", "2024-05-09", "2024-05-09T06:00:03Z"),
        nag("spike", "2024-05-09", "2024-05-09T06:00:02Z"),
      ],
      "spike",
    );
    expect(nags).toEqual([{ day: "2024-05-09", createdAt: "2024-05-09T06:00:03Z" }]);
  });
});

describe("staleDay", () => {
  it("is the UTC date, whatever the local time zone", () => {
    expect(staleDay(new Date("2024-05-09T23:30:00-05:00"))).toBe("2024-05-10");
  });
});

import { describe, expect, it } from "@jest/globals";
import type { CheckVerdict } from "../../src/checks/verdict.js";
import { isSameVerdict, type CheckRunSummary } from "../../src/github/checks.js";

const verdict: CheckVerdict = {
  conclusion: "neutral",
  title: "Branch is 30h old",
  summary: "Split it, or merge what is ready.",
  annotations: [
    { path: "a.ts", start_line: 1, end_line: 1, annotation_level: "notice", message: "old" },
  ],
};

const run: CheckRunSummary = {
  id: 7,
  name: "andon/integration",
  headSha: "0f3c7a9b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a",
  status: "completed",
  conclusion: "neutral",
  title: "Branch is 30h old",
  summary: "Split it, or merge what is ready.",
  text: null,
  annotationsCount: 1,
};

describe("isSameVerdict", () => {
  it("recognises a run that shows the verdict (no text on either side)", () => {
    expect(isSameVerdict(run, verdict)).toBe(true);
  });

  it.each<[string, Partial<CheckRunSummary>, Partial<CheckVerdict>]>([
    ["the run is still in progress", { status: "in_progress" }, {}],
    ["the conclusion differs", { conclusion: "failure" }, {}],
    ["the title differs", { title: "Branch is 29h old" }, {}],
    ["the summary differs", { summary: "" }, {}],
    ["the verdict gained a text", {}, { text: "More." }],
    ["the run has a text the verdict lost", { text: "Old details." }, {}],
    ["the number of annotations differs", { annotationsCount: 2 }, {}],
    ["the verdict has no annotations left", {}, { annotations: undefined }],
  ])("tells a change when %s", (_change, runChange, verdictChange) => {
    expect(isSameVerdict({ ...run, ...runChange }, { ...verdict, ...verdictChange })).toBe(false);
  });
});

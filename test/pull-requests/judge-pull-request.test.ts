import { afterEach, describe, expect, it } from "@jest/globals";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent } from "../kit/payloads.js";

afterEach(stopAndon);

describe("a pull request on a repo with an invalid andon.yml", () => {
  it("reports the error on every Andon check, neutral, annotated on the file's line", async () => {
    const { fake, send } = await startAndon();
    const repo = fake.repo("acme/shop", {
      files: {
        ".github/andon.yml": "mainline:\n  fixLabel: fix-build\n  allowReverts: sometimes\n",
      },
    });
    fake.push(repo, "feature", { files: { "src/a.ts": "export const a = 1;" } });
    const pull = fake.pull(repo, { headRef: "feature" });

    await send(pullRequestEvent(repo, pull, "opened"));

    const names = fake
      .andonRuns(repo, pull.headSha)
      .map((r) => r.name)
      .sort();
    expect(names).toEqual(["andon/integration", "andon/mainline", "andon/tests"]);
    for (const run of fake.andonRuns(repo, pull.headSha)) {
      expect(run.conclusion).toBe("neutral");
      expect(run.output.title).toBe(".github/andon.yml is invalid: 1 error");
      expect(run.output.summary).toContain(
        "`mainline.allowReverts` Invalid input: expected boolean",
      );
      expect(run.annotations).toEqual([
        expect.objectContaining({
          path: ".github/andon.yml",
          start_line: 3,
          annotation_level: "failure",
        }),
      ]);
      expect(run.actions).toEqual([expect.objectContaining({ identifier: "andon-recheck" })]);
    }
  });
});

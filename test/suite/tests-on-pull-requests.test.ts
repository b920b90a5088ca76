import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent } from "../kit/payloads.js";
import type { FakePull, FakeRepo } from "../kit/state.js";
import { GO_SERVICES, goMonorepo, JS_SHOP, JS_UNTESTED, NPM_TEST_LINE } from "./shapes.js";

afterEach(stopAndon);

const tests = (fake: FakeGitHub, repo: FakeRepo, pull: FakePull) =>
  fake.andonRun(repo, pull.headSha, "andon/tests");

/** `acme/shop` with `files` on main, and an open PR that pushes `change` on `feature`. */
async function pullRequest(
  files: Record<string, string>,
  change: Record<string, string>,
  labels: string[] = [],
) {
  const h = await startAndon();
  const repo = h.fake.repo("acme/shop", { files });
  h.fake.push(repo, "feature", { files: change });
  const pull = h.fake.pull(repo, { headRef: "feature", labels });
  await h.send(pullRequestEvent(repo, pull));
  return { ...h, repo, pull, run: tests(h.fake, repo, pull) };
}

const CART_FIX = { "src/cart.ts": "export const total = (p: number[]) => p.length;\n" };
const CART_FIX_TESTED = {
  ...CART_FIX,
  "src/cart.test.ts": `${JS_SHOP["src/cart.test.ts"]}test("empty", () => expect(total([])).toBe(0));\n`,
};

describe("andon/tests on a pull request", () => {
  it("fails a repository without tests or CI: that outranks the PR's own warning", async () => {
    const { run } = await pullRequest(JS_UNTESTED, CART_FIX);

    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe("No tests and no CI");
    expect(run?.output.summary).toContain(
      "**This is about the repository, not about this pull request's changes.** A pull request that adds a test suite and a CI step that runs it passes this check",
    );
    expect(run?.output.summary).toContain("CI that does not verify behaviour is not CI.");
  });

  it("passes a PR that changes source and tests in a suite that CI runs, showing the evidence", async () => {
    const { run } = await pullRequest(JS_SHOP, CART_FIX_TESTED);

    expect(run?.conclusion).toBe("success");
    expect(run?.output.title).toBe("1 test file, run by CI in 1 step");
    expect(run?.output.summary).toContain(
      `- \`.github/workflows/ci.yml:${NPM_TEST_LINE}\` — \`npm test\``,
    );
  });

  it("warns, neutral, when a PR changes source but no tests", async () => {
    const { run } = await pullRequest(JS_SHOP, CART_FIX);

    expect(run?.conclusion).toBe("neutral");
    expect(run?.output.title).toBe("Source changed without tests (1 file)");
    expect(run?.output.summary).toContain("- `src/cart.ts`");
  });

  it("lets such a PR pass with the exempt label", async () => {
    const { run } = await pullRequest(JS_SHOP, CART_FIX, ["no-tests-needed"]);

    expect(run?.conclusion).toBe("success");
    expect(run?.output.summary).toContain("Labelled `no-tests-needed`");
  });

  it("fails such a PR when the repo sets tests.requireTestsInPRs", async () => {
    const config = { ".github/andon.yml": "tests:\n  requireTestsInPRs: true\n" };
    const { run } = await pullRequest({ ...JS_SHOP, ...config }, CART_FIX);

    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe("Source changed without tests (1 file)");
  });

  it("fails a monorepo PR when one service has no tests, naming that service", async () => {
    const change = { "services/api/main.go": "package main\n\nfunc main() { println() }\n" };
    const { run } = await pullRequest(goMonorepo(), {
      ...change,
      "services/api/main_test.go": 'package main\n\nimport "testing"\n',
    });

    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe("Service `services/worker` lacks tests or CI that runs them");
    const rows = run!.output.summary!.split("\n").filter((line) => line.startsWith("| `services/"));
    expect(rows).toHaveLength(GO_SERVICES.length);
    expect(rows.find((row) => row.includes("`services/worker`"))).toMatch(/\| 0 \|.*❌ \|$/);
    expect(rows.find((row) => row.includes("`services/api`"))).toContain(
      "`.github/workflows/api.yml:22`",
    );
    expect(rows.filter((row) => row.endsWith("✅ |"))).toHaveLength(2);
  });

  it("reads a PR's tree and CI files once: relabelling the same head reads neither again", async () => {
    const { fake, send, repo, pull } = await pullRequest(JS_SHOP, CART_FIX);
    const treeReads = () => fake.count((r) => r.route.includes("/git/"));
    expect(treeReads()).toBe(4); // the commit, its tree, the workflow and package.json

    pull.labels = ["no-tests-needed"];
    await send(pullRequestEvent(repo, pull, "labeled"));

    expect(treeReads()).toBe(4);
    expect(tests(fake, repo, pull)?.conclusion).toBe("success");
  });
});

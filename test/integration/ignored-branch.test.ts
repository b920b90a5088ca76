import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { matchIgnoredBranch } from "../../src/integration/ignored-branch.js";

const DEFAULTS = DEFAULT_CONFIG.integration.ignoreBranches;

describe("matchIgnoredBranch", () => {
  it.each([
    ["gh-pages", "gh-pages"],
    ["release/2.4", "release/*"],
    ["release/2.4/hotfix", "release/*"],
    ["dependabot/npm_and_yarn/lodash-4.17.21", "dependabot/*"],
    ["renovate/major-react-monorepo", "renovate/*"],
    ["gh-readonly-queue/main/pr-123-7f6e5d4c3b2a", "gh-readonly-queue/*"],
  ])("ignores %p by the default glob %p", (branch, glob) => {
    expect(matchIgnoredBranch(branch, DEFAULTS)).toBe(glob);
  });

  it.each(["main", "feature/checkout", "releases", "gh-pages-preview", "fix/release/notes"])(
    "judges %p under the defaults",
    (branch) => {
      expect(matchIgnoredBranch(branch, DEFAULTS)).toBeUndefined();
    },
  );

  it("matches a team's own glob on a dotted segment", () => {
    expect(matchIgnoredBranch("spike/.tmp", ["spike/*"])).toBe("spike/*");
  });
});

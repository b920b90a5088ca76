import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { loadConfig } from "../../src/config/load-config.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { fakeWithOctokit } from "../kit/fake-octokit.js";

afterEach(() => nock.cleanAll());

const REPO = { owner: "acme", repo: "shop" };
const OWN = ".github/andon.yml";

type Files = Record<string, Record<string, string>>;

/** Repos by name (under `acme/`) with their files; loads `acme/shop`'s config. */
async function load(files: Files, ref?: string) {
  const { fake, octokit } = await fakeWithOctokit();
  for (const [name, repoFiles] of Object.entries(files))
    fake.repo(`acme/${name}`, { files: repoFiles });
  return { result: await loadConfig(octokit, REPO, ref), fake };
}

describe("loadConfig: where the config comes from", () => {
  it("applies every default when no file exists anywhere", async () => {
    const { result } = await load({ shop: { "README.md": "# shop" } });
    expect(result).toEqual({ config: DEFAULT_CONFIG, errors: [] });
  });

  it("gives the defaults when the repository itself is gone (404)", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    expect(fake.getRepo("acme", "shop")).toBeUndefined();
    expect(await loadConfig(octokit, REPO)).toEqual({ config: DEFAULT_CONFIG, errors: [] });
  });

  it.each<{ behaviour: string; files: Files; expected: object }>([
    {
      behaviour: "reads a bare `off` as the string YAML 1.2 makes of it, and escalateTo as given",
      files: {
        shop: {
          [OWN]: 'mainline:\n  confirmRed: off\n  escalateTo: ["@acme/platform", mona]\n',
        },
      },
      expected: { mainline: { confirmRed: "off", escalateTo: ["@acme/platform", "mona"] } },
    },
    {
      behaviour: "turns confirm-by-rerun on with `confirmRed: rerun`",
      files: { shop: { [OWN]: "mainline:\n  confirmRed: rerun\n" } },
      expected: { mainline: { confirmRed: "rerun", escalateTo: [] } },
    },
    {
      behaviour: "takes the org defaults from acme/.github when the repo has no file",
      files: {
        shop: { "README.md": "# shop" },
        ".github": { [OWN]: "mainline:\n  fixLabel: org-fix\n" },
      },
      expected: { mainline: { fixLabel: "org-fix", allowReverts: true } },
    },
    {
      behaviour: "uses the repo's own file instead of the org's (Probot semantics)",
      files: {
        shop: { [OWN]: "mainline:\n  allowReverts: false\n" },
        ".github": { [OWN]: "mainline:\n  fixLabel: org-fix\n" },
      },
      expected: { mainline: { fixLabel: "fix-build", allowReverts: false } },
    },
    {
      behaviour: "merges the org file, section by section, under `_extends: .github`",
      files: {
        shop: { [OWN]: "_extends: .github\nmainline:\n  allowReverts: false\n" },
        ".github": {
          [OWN]:
            "mainline:\n  fixLabel: org-fix\n  allowReverts: true\ntests:\n  requireTestsInPRs: true\n",
        },
      },
      expected: {
        mainline: { fixLabel: "org-fix", allowReverts: false },
        tests: { requireTestsInPRs: true },
      },
    },
    {
      behaviour: "follows `_extends: other-repo` to that repo's .github/andon.yml",
      files: {
        shop: { [OWN]: "_extends: platform\nintegration:\n  maxNags: 1\n" },
        platform: { [OWN]: "integration:\n  maxAgeHours: 48\n  maxNags: 5\n" },
      },
      expected: { integration: { maxAgeHours: 48, maxNags: 1 } },
    },
    {
      behaviour: "follows `_extends: acme/.github:path.yml` to another path",
      files: {
        shop: { [OWN]: "_extends: acme/.github:andon/strict.yml\n" },
        ".github": { "andon/strict.yml": "integration:\n  conclusion: failure\n" },
      },
      expected: { integration: { conclusion: "failure", maxAgeHours: 24 } },
    },
  ])("$behaviour", async ({ files, expected }) => {
    const { result } = await load(files);
    expect(result.errors).toEqual([]);
    expect(result.config).toMatchObject(expected);
  });

  it("reads the repo's file at `ref` when one is given (a PR changing the config)", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    const repo = fake.repo("acme/shop", { files: { [OWN]: "mainline:\n  fixLabel: old\n" } });
    const change = fake.push(repo, "config", { files: { [OWN]: "mainline:\n  fixLabel: new\n" } });
    expect((await loadConfig(octokit, REPO)).config.mainline.fixLabel).toBe("old");
    expect((await loadConfig(octokit, REPO, change.sha)).config.mainline.fixLabel).toBe("new");
  });
});

describe("loadConfig: GitHub failures and broken files", () => {
  it("throws on a 502, so the work runner retries instead of judging with defaults", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop", { files: { [OWN]: "mainline:\n  fixLabel: x\n" } });
    fake.fail({ path: "/contents/", status: 502 });
    await expect(loadConfig(octokit, REPO)).rejects.toMatchObject({ status: 502 });
  });

  it.each([
    { mistake: "a nested mapping on one line", text: "mainline:\n  fixLabel: a: b\n", line: 2 },
    {
      mistake: "a key out of line",
      text: "mainline:\n  fixLabel: a\n allowReverts: true\n",
      line: 3,
    },
    { mistake: "a key twice", text: "mainline:\n  fixLabel: x\n  fixLabel: y\n", line: 3 },
    { mistake: "a tab as indentation", text: "mainline:\n\tfixLabel: x\n", line: 2 },
  ])("reports invalid YAML ($mistake) as one error on its line", async ({ text, line }) => {
    const { result } = await load({ shop: { [OWN]: text } });
    expect(result.config).toEqual(DEFAULT_CONFIG);
    expect(result.errors).toEqual([
      {
        path: "",
        message: expect.stringMatching(/^is not valid YAML: /),
        file: { ...REPO, path: OWN },
        line,
      },
    ]);
  });

  it("attributes an error in the org file to the org file, with its line", async () => {
    const { result } = await load({
      shop: { [OWN]: "_extends: .github\nmainline:\n  fixLabel: ours\n" },
      ".github": { [OWN]: "tests:\n  exemptLabel: skip\n  testPaths: nope\n" },
    });
    // The defaults replace the invalid key only: the valid ones of both files stand.
    expect(result.config).toEqual({
      ...DEFAULT_CONFIG,
      mainline: { ...DEFAULT_CONFIG.mainline, fixLabel: "ours" },
      tests: { ...DEFAULT_CONFIG.tests, exemptLabel: "skip" },
    });
    expect(result.errors).toEqual([
      {
        path: "tests.testPaths",
        message: expect.stringContaining("expected array"),
        file: { owner: "acme", repo: ".github", path: OWN },
        line: 3,
      },
    ]);
  });

  it("attributes invalid YAML in the org file to the org file", async () => {
    const { result } = await load({
      shop: { "README.md": "# shop" },
      ".github": { [OWN]: "mainline:\n  fixLabel: a: b\n" },
    });
    expect(result.errors).toEqual([
      {
        path: "",
        message: expect.stringMatching(/^is not valid YAML: /),
        file: { owner: "acme", repo: ".github", path: OWN },
        line: 2,
      },
    ]);
  });

  it.each([
    { behaviour: "a number", text: "42\n" },
    { behaviour: "a list", text: "- mainline\n- tests\n" },
    { behaviour: "a string", text: "mainline\n" },
  ])("reports a file that holds $behaviour instead of a mapping", async ({ text }) => {
    const { result } = await load({ shop: { [OWN]: text } });
    expect(result.config).toEqual(DEFAULT_CONFIG);
    expect(result.errors).toEqual([
      {
        path: "",
        message: "must be a mapping of sections (mainline, tests, integration)",
        file: { ...REPO, path: OWN },
        line: 1,
      },
    ]);
  });

  it("reports an `_extends` that names no valid file", async () => {
    const { result } = await load({ shop: { [OWN]: "_extends: 'not a repo!'\n" } });
    expect(result.config).toEqual(DEFAULT_CONFIG);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: "",
        message: expect.stringMatching(/^Invalid value "not a repo!" for _extends/),
        file: { ...REPO, path: OWN },
      }),
    ]);
  });
});

import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { loadConfig } from "../../src/config/load-config.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { fakeWithOctokit } from "../kit/fake-octokit.js";

afterEach(() => nock.cleanAll());

const OWN = { owner: "acme", repo: "shop", path: ".github/andon.yml" };

async function errorsOf(text: string) {
  const { fake, octokit } = await fakeWithOctokit();
  fake.repo("acme/shop", { files: { [OWN.path]: text } });
  const result = await loadConfig(octokit, { owner: "acme", repo: "shop" });
  expect(result.config).toEqual(DEFAULT_CONFIG);
  return result.errors.map(({ path, message, line, file }) => ({ path, message, line, file }));
}

/** `key: value` on line 4 of a file, under `section`. */
const at4 = (section: string, key: string, value: string) =>
  `# Andon\n${section}:\n  # the key under test\n  ${key}: ${value}\n`;

const expected = (name: string) => `Invalid input: expected ${name}`;

describe("every key rejects a value of the wrong type, on its line", () => {
  it.each([
    ["mainline", "enabled", "yes", expected("boolean, received string")],
    ["mainline", "requiredChecks", "lint", expected("array, received string")],
    ["mainline", "ignoreChecks", "5", expected("array, received number")],
    ["mainline", "fixLabel", "[fix-build]", expected("string, received array")],
    ["mainline", "allowReverts", "sometimes", expected("boolean, received string")],
    ["mainline", "remindAfterHours", "four", expected("number, received string")],
    ["mainline", "escalateTo", "'@acme/platform'", expected("array, received string")],
    ["mainline", "confirmRed", "true", expect.stringMatching(/^Invalid option: .*rerun/)],
    ["mainline", "confirmRed", "always", expect.stringMatching(/^Invalid option: .*rerun/)],
    ["tests", "enabled", "1", expected("boolean, received number")],
    ["tests", "requireTestsInPRs", '"true"', expected("boolean, received string")],
    ["tests", "exemptLabel", "5", expected("string, received number")],
    ["tests", "testPaths", "test/**", expected("array, received string")],
    ["tests", "services", "{ api: true }", expected("array, received object")],
    ["integration", "enabled", "no", expected("boolean, received string")],
    ["integration", "maxAgeHours", "24h", expected("number, received string")],
    ["integration", "conclusion", "false", expect.stringMatching(/^Invalid option: .*neutral/)],
    ["integration", "ignoreBranches", "gh-pages", expected("array, received string")],
    ["integration", "nagEveryHours", "true", expected("number, received boolean")],
    ["integration", "maxNags", '"3"', expected("number, received string")],
    ["integration", "abandonedAfterDays", "[30]", expected("number, received array")],
  ])("%s.%s: %s", async (section, key, value, message) => {
    expect(await errorsOf(at4(section, key, value))).toEqual([
      { path: `${section}.${key}`, message, line: 4, file: OWN },
    ]);
  });
});

describe("values of the right type but out of range", () => {
  it.each([
    ["mainline", "remindAfterHours", "0", "must be more than 0"],
    ["mainline", "remindAfterHours", "-4", "must be more than 0"],
    ["integration", "maxAgeHours", "0", "must be more than 0"],
    ["integration", "nagEveryHours", "-1", "must be more than 0"],
    ["integration", "abandonedAfterDays", "0", "must be more than 0"],
    ["integration", "maxNags", "1.5", "must be a whole number"],
    ["integration", "maxNags", "-1", "must be 0 or more"],
    ["mainline", "fixLabel", '""', "must not be empty"],
    ["tests", "exemptLabel", "''", "must not be empty"],
    ["integration", "conclusion", "maybe", 'Invalid option: expected one of "neutral"|"failure"'],
  ])("%s.%s: %s is rejected: %s", async (section, key, value, message) => {
    expect(await errorsOf(at4(section, key, value))).toEqual([
      { path: `${section}.${key}`, message, line: 4, file: OWN },
    ]);
  });

  it.each(["requiredChecks", "ignoreChecks"])(
    "mainline.%s rejects an empty string in the list, at its item's line",
    async (key) => {
      const text = `mainline:\n  ${key}:\n    - lint\n    - ""\n`;
      expect(await errorsOf(text)).toEqual([
        { path: `mainline.${key}.1`, message: "must not be empty", line: 4, file: OWN },
      ]);
    },
  );

  it.each([
    ["tests", "testPaths"],
    ["tests", "services"],
    ["integration", "ignoreBranches"],
  ])("%s.%s rejects an empty string in a flow list", async (section, key) => {
    expect(await errorsOf(at4(section, key, '[a, ""]'))).toEqual([
      { path: `${section}.${key}.1`, message: "must not be empty", line: 4, file: OWN },
    ]);
  });
});

describe("the file's shape", () => {
  it.each([
    ["an unknown section", "# Andon\nmainlin:\n  fixLabel: x\n", "mainlin", 2],
    ["an unknown key in a section", at4("mainline", "fixlabel", "x"), "mainline.fixlabel", 4],
    ["a key of another section", at4("tests", "maxAgeHours", "3"), "tests.maxAgeHours", 4],
  ])("names %s: is not a known key", async (_what, text, path, line) => {
    expect(await errorsOf(text)).toEqual([
      { path, message: "is not a known key", line, file: OWN },
    ]);
  });

  it("points at the key, not at its value, when the value spans lines", async () => {
    const text = "mainline:\n  fixLabel:\n    - fix-build\n";
    expect(await errorsOf(text)).toEqual([
      {
        path: "mainline.fixLabel",
        message: expected("string, received array"),
        line: 2,
        file: OWN,
      },
    ]);
  });

  it.each([
    ["mainline", "true", "boolean"],
    ["tests", "strict", "string"],
    ["integration", "[24]", "array"],
  ])("rejects section %s set to a scalar or list (%s)", async (section, value, type) => {
    const text = `# Andon\n\n${section}: ${value}\n`;
    expect(await errorsOf(text)).toEqual([
      { path: section, message: expected(`object, received ${type}`), line: 3, file: OWN },
    ]);
  });

  it("lists every mistake, each on its own line", async () => {
    const text = "mainline:\n  fixLabel: 1\ntests:\n  testPaths: x\nextra: 1\n";
    expect(await errorsOf(text)).toEqual([
      {
        path: "mainline.fixLabel",
        message: expected("string, received number"),
        line: 2,
        file: OWN,
      },
      { path: "tests.testPaths", message: expected("array, received string"), line: 4, file: OWN },
      { path: "extra", message: "is not a known key", line: 5, file: OWN },
    ]);
  });
});

describe("what is not a mistake", () => {
  it("treats a section whose keys are all commented out as empty", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop", { files: { [OWN.path]: "integration:\n  # maxAgeHours: 48\n" } });
    const result = await loadConfig(octokit, { owner: "acme", repo: "shop" });
    expect(result).toEqual({ config: DEFAULT_CONFIG, errors: [] });
  });
});

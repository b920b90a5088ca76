import { describe, expect, it } from "@jest/globals";
import { withConfigErrors } from "../../src/config/config-errors.js";
import type { CheckVerdict } from "../../src/checks/verdict.js";
import type { ConfigError } from "../../src/config/validate-config.js";

const REPO = { owner: "acme", repo: "shop" };
const OWN = { ...REPO, path: ".github/andon.yml" };
const ORG = { owner: "acme", repo: ".github", path: ".github/andon.yml" };

const verdict: CheckVerdict = {
  conclusion: "failure",
  title: "main is red since 1a2b3c4 (2h)",
  summary: "**CI / test** failed on main.",
  text: "Revert it, or label the fix `fix-build`.",
  annotations: [
    { path: "src/a.ts", start_line: 9, end_line: 9, annotation_level: "notice", message: "here" },
  ],
};

const fixLabel: ConfigError = {
  path: "mainline.fixLabel",
  message: "must not be empty",
  file: OWN,
  line: 3,
};
const orgError: ConfigError = {
  path: "integration.maxNags",
  message: "must be a whole number",
  file: ORG,
  line: 5,
};
const yamlError: ConfigError = { path: "", message: "is not valid YAML: bad indent", file: OWN };

describe("withConfigErrors", () => {
  it("leaves the verdict alone when the config is valid", () => {
    expect(withConfigErrors(verdict, [], REPO)).toBe(verdict);
  });

  it.each(["success", "failure", "neutral"] as const)(
    "keeps a %s verdict: an invalid config never switches a gate off",
    (conclusion) => {
      const result = withConfigErrors({ ...verdict, conclusion }, [fixLabel], REPO);
      expect(result.conclusion).toBe(conclusion);
    },
  );

  it.each([
    {
      errors: [fixLabel],
      title: "main is red since 1a2b3c4 (2h) (.github/andon.yml is invalid: 1 error)",
    },
    {
      errors: [fixLabel, orgError, yamlError],
      title: "main is red since 1a2b3c4 (2h) (.github/andon.yml is invalid: 3 errors)",
    },
  ])("counts the errors in the title: $title", ({ errors, title }) => {
    expect(withConfigErrors(verdict, errors, REPO).title).toBe(title);
  });

  it("lists every error with its key path, reason, file and line below the verdict", () => {
    const { summary } = withConfigErrors(verdict, [fixLabel, orgError, yamlError], REPO);
    expect(summary).toBe(
      "**CI / test** failed on main.\n\n" +
        "**Andon's configuration is invalid**: the defaults apply to the invalid keys until " +
        "it is fixed, and this check still gives its real verdict.\n\n" +
        "- `mainline.fixLabel` must not be empty (acme/shop:.github/andon.yml:3)\n" +
        "- `integration.maxNags` must be a whole number (acme/.github:.github/andon.yml:5)\n" +
        "- is not valid YAML: bad indent (acme/shop:.github/andon.yml)",
    );
  });

  it("annotates the repo's own file on the error's line, line 1 when unknown", () => {
    const { annotations } = withConfigErrors(verdict, [fixLabel, yamlError], REPO);
    expect(annotations).toEqual([
      {
        path: ".github/andon.yml",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        title: "Invalid andon.yml",
        message: "mainline.fixLabel must not be empty",
      },
      expect.objectContaining({
        start_line: 1,
        end_line: 1,
        message: "is not valid YAML: bad indent",
      }),
      verdict.annotations![0],
    ]);
  });

  it.each([
    { where: "the org's .github repo", file: ORG },
    { where: "another file of the same repo", file: { ...OWN, path: ".github/andon-base.yml" } },
    { where: "another repo with the same name", file: { ...OWN, owner: "globex" } },
  ])("does not annotate an error that lives in $where", ({ file }) => {
    const result = withConfigErrors(verdict, [{ ...orgError, file }], REPO);
    expect(result.annotations).toEqual(verdict.annotations);
  });

  it("matches the repo's owner whatever its case", () => {
    const result = withConfigErrors(verdict, [fixLabel], { owner: "Acme", repo: "shop" });
    expect(result.annotations).toHaveLength(2);
  });

  it("keeps the verdict's text as it was", () => {
    const result = withConfigErrors(verdict, [fixLabel], REPO);
    expect(result.text).toBe("Revert it, or label the fix `fix-build`.");
    const withoutText = withConfigErrors({ ...verdict, text: undefined }, [fixLabel], REPO);
    expect(withoutText.text).toBeUndefined();
  });
});

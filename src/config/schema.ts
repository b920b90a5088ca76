import { z } from "zod";

/**
 * `.github/andon.yml`: the single source of truth for Andon's configuration. Every
 * key has its default and its description here; `andon.schema.json` is generated
 * from this file (`npm run schema`) so editors validate and explain the YAML as it
 * is typed. Descriptions live in `.describe()`, not TSDoc, so they reach that file.
 */

const globs = z.array(z.string().min(1, "must not be empty"));

const hours = z.number().positive("must be more than 0");

export const mainlineSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Set `false` to turn `andon/mainline` off for this repository."),
    requiredChecks: globs
      .default([])
      .describe(
        "Check names (globs allowed) that decide red/green; empty means every counted check.",
      ),
    ignoreChecks: globs.default([]).describe("Check names (globs allowed) that never count."),
    fixLabel: z
      .string()
      .min(1, "must not be empty")
      .default("fix-build")
      .describe("PRs with this label pass the gate while main is red: they are the fix."),
    allowReverts: z
      .boolean()
      .default(true)
      .describe('Revert PRs (title starts `Revert "`) pass the gate while main is red.'),
    remindAfterHours: hours
      .default(4)
      .describe(
        "One reminder on the breaking commit when main is still red after this many hours.",
      ),
    escalateTo: z
      .array(z.string().min(1, "must not be empty"))
      .default([])
      .describe(
        'Teams or people mentioned in the reminder, e.g. `["@acme/platform", "@mona"]`. Anything not shaped `@user` or `@org/team` is shown as text, never mentioned.',
      ),
    confirmRed: z
      .enum(["off", "rerun"])
      .default("off")
      .describe(
        "`rerun`: when a GitHub Actions run fails on main, re-run its failed jobs once and declare red only if they fail again (needs the optional `actions: write` permission).",
      ),
  })
  .describe("Question 3: when the build is broken, fixing it is the team's #1 priority.");

export const testsSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Set `false` to turn `andon/tests` off for this repository."),
    requireTestsInPRs: z
      .boolean()
      .default(false)
      .describe("A PR that changes source but no tests fails instead of warning."),
    exemptLabel: z
      .string()
      .min(1, "must not be empty")
      .default("no-tests-needed")
      .describe("PRs with this label need no test changes."),
    testPaths: globs.default([]).describe("Extra globs whose files count as tests."),
    services: z
      .array(z.string().min(1, "must not be empty"))
      .default([])
      .describe(
        "Monorepo service folders; each must have its own tests and a CI build that runs them.",
      ),
  })
  .describe("Question 2: a suite of tests that CI runs.");

export const integrationSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Set `false` to turn `andon/integration` and stale-branch nags off."),
    maxAgeHours: hours
      .default(24)
      .describe("A branch older than this (hours since its oldest commit not on main) is stale."),
    conclusion: z
      .enum(["neutral", "failure"])
      .default("neutral")
      .describe("The conclusion for a stale PR: `neutral` warns, `failure` blocks."),
    ignoreBranches: globs
      .default(["gh-pages", "release/*", "dependabot/*", "renovate/*", "gh-readonly-queue/*"])
      .describe("Branches (globs) never judged or nagged."),
    nagEveryHours: hours
      .default(24)
      .describe("At most one stale-branch comment per branch per this many hours."),
    maxNags: z
      .number()
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .default(3)
      .describe("At most this many stale-branch comments while the branch head is unchanged."),
    abandonedAfterDays: z
      .number()
      .positive("must be more than 0")
      .default(30)
      .describe("Branches whose head is older than this are abandoned: left alone."),
  })
  .describe("Question 1: check in to mainline at least once a day.");

/**
 * Notifications go to the hooks of the deployment (`ANDON_NOTIFY_URLS`): the URLs are the
 * operator's secret, so a repository can only opt out, never add or see a hook.
 */
export const notifySchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Set `false` to keep this repository's mainline transitions (red, green, closed, opened) out of the deployment's chat hooks.",
      ),
  })
  .describe(
    "Notifications: one message per mainline transition to each hook in ANDON_NOTIFY_URLS.",
  );

export const configSchema = z
  .strictObject({
    mainline: mainlineSchema.prefault({}),
    tests: testsSchema.prefault({}),
    integration: integrationSchema.prefault({}),
    notify: notifySchema.prefault({}),
  })
  .describe("Andon configuration (.github/andon.yml)");

export type AndonConfig = z.infer<typeof configSchema>;
export type MainlineConfig = AndonConfig["mainline"];
export type TestsConfig = AndonConfig["tests"];
export type IntegrationConfig = AndonConfig["integration"];
export type NotifyConfig = AndonConfig["notify"];

/** Every key at its default: what applies when the file is missing or invalid. */
export const DEFAULT_CONFIG: AndonConfig = configSchema.parse({});

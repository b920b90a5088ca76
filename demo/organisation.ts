import type { FakeGitHub } from "../test/kit/fake-github.js";
import type { FakeRepo, Person } from "../test/kit/state.js";

/** The people of the simulated organisation: commit authors and PR openers. */
export const PEOPLE = {
  ana: { name: "Ana Alvarez", email: "ana@acme.example", login: "ana" },
  bea: { name: "Bea Breaker", email: "bea@acme.example", login: "bea" },
  carl: { name: "Carl Chen", email: "carl@acme.example", login: "carl" },
  dee: { name: "Dee Dubois", email: "dee@acme.example", login: "dee" },
  erin: { name: "Erin Eze", email: "erin@acme.example", login: "erin" },
  finn: { name: "Finn Fixer", email: "finn@acme.example", login: "finn" },
  gil: { name: "Gil Gomez", email: "gil@acme.example", login: "gil" },
  hal: { name: "Hal Hughes", email: "hal@globex.example", login: "hal" },
} satisfies Record<string, Person>;

const WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm test
`;

/** A small Node project whose CI runs its tests: what Andon wants every repository to be. */
export function testedProject(name: string): Record<string, string> {
  return {
    "README.md": `# ${name}\n`,
    "package.json": JSON.stringify({ name, private: true, scripts: { test: "node --test" } }),
    "src/index.js": `export const name = ${JSON.stringify(name)};\n`,
    "test/index.test.js": `import { test } from "node:test";\ntest("${name} loads", async () => { await import("../src/index.js"); });\n`,
    ".github/workflows/ci.yml": WORKFLOW,
  };
}

export const ORG = "acme";
export const OTHER_ORG = "globex";
export const ACME_INSTALLATION = 1;
export const GLOBEX_INSTALLATION = 2;

/** acme's dozen repositories; two fall short of question 2 on purpose. */
export const ACME_REPOS = [
  "shop",
  "checkout",
  "payments-api",
  "payments-web",
  "search",
  "inventory",
  "mobile-app",
  "analytics",
  "notifications",
  "auth",
  "docs",
  "infra",
] as const;

export type AcmeRepo = (typeof ACME_REPOS)[number];

export interface Organisation {
  acme: Record<AcmeRepo, FakeRepo>;
  globex: FakeRepo[];
}

function files(name: string): Record<string, string> {
  // docs has no test suite at all; infra has tests that no CI build runs.
  if (name === "docs") return { "README.md": "# docs\n", "guide/index.md": "# Guide\n" };
  if (name === "infra") {
    const { [".github/workflows/ci.yml"]: _ci, ...rest } = testedProject(name);
    return rest;
  }
  return testedProject(name);
}

/**
 * Two installations of Andon: acme (the one the demo shows) and globex, whose
 * repositories a token for acme must never reveal.
 */
export function createOrganisation(fake: FakeGitHub, staleSince: Date): Organisation {
  fake.installation(ACME_INSTALLATION, ORG);
  fake.installation(GLOBEX_INSTALLATION, OTHER_ORG);
  const acme = Object.fromEntries(
    ACME_REPOS.map((name) => [
      name,
      fake.repo(`${ORG}/${name}`, { installationId: ACME_INSTALLATION, files: files(name) }),
    ]),
  ) as Record<AcmeRepo, FakeRepo>;
  const globex = ["website", "api"].map((name) =>
    fake.repo(`${OTHER_ORG}/${name}`, {
      installationId: GLOBEX_INSTALLATION,
      files: testedProject(name),
    }),
  );
  // A branch that never reached main (since `staleSince`): the sweep nags its head commit.
  fake.push(acme.analytics, "experiment/new-charts", {
    author: PEOPLE.dee,
    message: "Try a new chart library",
    files: { "src/charts.js": "export const charts = 'maybe';\n" },
    date: staleSince.toISOString(),
  });
  return { acme, globex };
}

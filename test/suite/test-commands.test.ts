import { describe, expect, it } from "@jest/globals";
import { wordsOf } from "../../src/suite/shell.js";
import { isPlaceholderTest } from "../../src/suite/package-scripts.js";
import { runsTests } from "../../src/suite/test-commands.js";

const scripts = (entries: Record<string, string>) => JSON.stringify({ scripts: entries });

/** A repository with a root package and two nested ones, to resolve package scripts against. */
const context = {
  paths: new Set([
    "package.json",
    "web/package.json",
    "legacy/package.json",
    "unread/package.json",
  ]),
  files: {
    "package.json": scripts({
      test: "vitest run",
      lint: "eslint .",
      "test:lint": "eslint . && prettier --check .",
      ci: "npm run lint && npm run unit",
      unit: "jest --ci",
      check: "run-s lint",
      verify: "run-p lint unit:*",
      "unit:api": "jest api",
      smoke: "node scripts/smoke.js",
      "test:custom": "node scripts/check-all.js",
    }),
    "web/package.json": scripts({ test: 'echo "Error: no test specified" && exit 1' }),
    "legacy/package.json": scripts({ build: "tsc" }),
  },
};

const judge = (command: string, cwd = "") => runsTests(wordsOf(command), cwd, context);

describe("runsTests", () => {
  it.each([
    "jest --ci --coverage",
    "npx vitest run",
    "CI=true ./node_modules/.bin/mocha 'test/**/*.js'",
    "xvfb-run -a npm test",
    "pytest -q tests/",
    "python -m pytest",
    "poetry run pytest -n auto",
    "coverage run -m unittest discover",
    "tox",
    "nox -s tests-3.12",
    "python manage.py test",
    "go test -race ./...",
    "gotestsum --format testname",
    "mvn -B verify",
    "./mvnw -q install",
    "./gradlew build",
    "gradle :app:testDebugUnitTest",
    "cargo test --workspace",
    "cargo nextest run",
    "dotnet test --no-build",
    "bundle exec rspec",
    "bin/rails test",
    "bundle exec rake",
    "rake spec",
    "vendor/bin/phpunit --testdox",
    "php artisan test",
    "composer test",
    "mix test --cover",
    "swift test -v",
    "xcodebuild -scheme App -destination 'platform=iOS Simulator,name=iPhone 15' test",
    "ctest --output-on-failure",
    "cmake --build build --target check",
    "make test",
    "make -C services/api check",
    "bazel test //...",
    "npx nx affected -t test",
    "turbo run test --filter=web",
    "docker compose run --rm app pytest",
    "bash -c 'npm ci && npm test'",
    "./scripts/run-tests.sh",
    "script/test",
    "node --test",
    "bun test",
    "deno test -A",
    "npx playwright test",
    "npx cypress run",
    "hatch run test:cov",
    "cargo +nightly miri test",
    "cargo hack test --feature-powerset",
    "cross test --target aarch64-unknown-linux-gnu",
    "cabal v2-test all",
    "$CABAL test --enable-tests",
    "stack --no-terminal test",
    "zig build test --summary all",
    "nimble test -y",
    "uv run --locked --group dev tox run",
    "xargs go test -race",
    "node ./bin/cake test",
  ])("counts `%s`", (command) => {
    expect(judge(command)).toBe(true);
  });

  it.each([
    "npm ci",
    "npm run lint",
    "npm run build --if-present",
    "eslint .",
    "tsc --noEmit",
    "go vet ./...",
    "go build ./...",
    "mvn -B package -DskipTests",
    "mvn -B deploy -Dmaven.test.skip=true",
    "./gradlew assembleDebug",
    "./gradlew build -x test",
    "cargo clippy -- -D warnings",
    "dotnet build",
    "make",
    "make build",
    "tox -e lint",
    "nox -s mypy,docs",
    "test -f package.json",
    "echo npm test",
    "docker build -t app-test .",
    "./scripts/deploy.sh",
    "rake db:migrate",
    "cargo miri setup",
    "cabal build all",
    "zig build",
    "uv run --group lint ruff check .",
    "node ./bin/cake build:parser",
  ])("does not count `%s`", (command) => {
    expect(judge(command)).toBe(false);
  });

  it.each([
    ["npm test", "", true, "the root `test` script runs vitest"],
    ["npm run ci", "", true, "`ci` resolves through `npm run unit` to jest"],
    ["yarn test:lint", "", false, "a test-named script that only lints"],
    ["pnpm check", "", false, "run-s of lint scripts"],
    ["pnpm verify", "", true, "run-p of a glob that matches a jest script"],
    ["npm run smoke", "", false, "a script neither named for tests nor running a runner"],
    ["npm run test:custom", "", true, "a test-named script running something unknown"],
    ["npm test", "web", false, "npm's placeholder"],
    ["npm --prefix web test", "", false, "--prefix reaches the placeholder"],
    ["npm test", "web/src", false, "the nearest package.json is web's"],
    ["npm test", "legacy", false, "no `test` script at all"],
    ["yarn jest --ci", "legacy", true, "yarn runs a binary when no script has the name"],
    ["npm test", "unread", true, "a package.json Andon did not read is judged by the name"],
    ["npm run build", "unread", false, "…both ways"],
    ["npm test --workspaces", "", true, "every workspace, by name"],
  ])("resolves `%s` in `%s`: %s (%s)", (command, cwd, expected) => {
    expect(judge(command, cwd)).toBe(expected);
  });
});

describe("isPlaceholderTest", () => {
  it.each([
    ['echo "Error: no test specified" && exit 1', true],
    ["echo Error: no test specified && exit 1", true],
    ["jest", false],
    ["echo ok && jest", false],
  ])("takes `%s` for npm's placeholder: %s", (script, expected) => {
    expect(isPlaceholderTest(script)).toBe(expected);
  });
});

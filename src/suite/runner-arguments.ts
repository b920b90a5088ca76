import { basenameOf } from "./paths.js";

const TEST_TARGET = /^(test|tests|check|unittest)$|(^|[-_:.+])tests?($|[-_:.])/i;
const TEST_SCRIPT = /(^|[-_./])(run[-_]?)?(tests?|specs?)([-_.]|$)/i;
const MAVEN_PHASES = new Set("test verify install package deploy integration-test".split(" "));
const CHECK_ONLY_ENVS =
  /^(lint|flake8|pylint|ruff|black|isort|mypy|pyright|types?|typing|typecheck|format|fmt|style|pep8|docs?|pre-?commit|build|package|release|security|bandit)$/;

/** Runs tests by the arguments it is given, tool by tool. */
export type ArgumentJudge = (args: string[]) => boolean;

/** `./scripts/run-tests.sh`, `script/test`, `tests/run.py`: named for what it does. */
export function isTestScript(path: string): boolean {
  return TEST_SCRIPT.test(basenameOf(path)) || /(^|\/)(tests?|spec)\//.test(path);
}

/** `make test`, `make -C api check`, `just unit-tests`, `sbt clean test`. */
const targetsTests: ArgumentJudge = (args) =>
  args.some((arg, i) => !/^-[CfjI]$/.test(args[i - 1] ?? "") && TEST_TARGET.test(arg));

/** `./gradlew build` runs `check`, hence `test`, unless `-x test` says otherwise. */
const gradleRunsTests: ArgumentJudge = (args) => {
  const excluded = args.filter((_, i) => ["-x", "--exclude-task"].includes(args[i - 1] ?? ""));
  const tasks = args.filter((arg) => !arg.startsWith("-") && !excluded.includes(arg));
  if (tasks.some((task) => /(^|:)test|Test$/.test(task))) return true;
  const skipsTests = excluded.some((task) => /test/i.test(task));
  return !skipsTests && tasks.some((task) => /(^|:)(check|build)$|Check$/.test(task));
};

/** Every Maven phase from `test` on runs the tests, unless `-DskipTests`. */
const mavenRunsTests: ArgumentJudge = (args) => {
  if (args.some((arg) => /^-D(skipTests|maven\.test\.skip)(=true)?$/.test(arg))) return false;
  return args.some((arg) => MAVEN_PHASES.has(arg) || /^(surefire|failsafe):/.test(arg));
};

/** `tox`, `nox -s tests` run tests; `tox -e lint`, `nox -s mypy,docs` only check. */
const envsRunTests: ArgumentJudge = (args) => {
  const envs = args.flatMap((arg, i) => {
    const value = /^--?(e|s|session|sessions|env)=(.+)$/.exec(arg)?.[2];
    if (value !== undefined) return value.split(",");
    const named = ["-e", "-s", "--session", "--sessions"].includes(args[i - 1] ?? "");
    return named ? arg.split(",") : [];
  });
  return envs.length === 0 || !envs.every((env) => CHECK_ONLY_ENVS.test(env));
};

/** The subcommand: the first word that is not a flag (`stack --no-terminal test`). */
const firstIs =
  (...subcommands: string[]): ArgumentJudge =>
  (args) =>
    subcommands.includes(args.find((arg) => !arg.startsWith("-")) ?? "");

/** `cargo +nightly miri test`, `cargo hack test --feature-powerset`, `cross test`. */
const cargoRunsTests: ArgumentJudge = (args) => {
  const words = args.filter((arg) => !/^[+-]/.test(arg));
  const sub = ["hack", "miri", "careful", "zigbuild"].includes(words[0] ?? "")
    ? words[1]
    : words[0];
  return ["test", "nextest", "tarpaulin", "llvm-cov", "t"].includes(sub ?? "");
};

const anyTestArgument: ArgumentJudge = (args) => args.some((arg) => /(^|[=:])test/.test(arg));

const TEST_SUBCOMMAND = firstIs("test", "e2e", "test:unit", "test:e2e");
const tools = (names: string, judge: ArgumentJudge) =>
  names.split(" ").map((name): [string, ArgumentJudge] => [name, judge]);

/** Tools that run tests depending on their arguments: `go test`, `mvn verify`, `make check`… */
export const BY_ARGUMENTS = new Map<string, ArgumentJudge>([
  ...tools(
    "go dotnet mix swift flutter dart deno bazel bazelisk meson lein rails ng react-scripts craco vue-cli-service playwright hatch stack nimble",
    TEST_SUBCOMMAND,
  ),
  ...tools("cypress", firstIs("run")),
  ...tools("cargo cross", cargoRunsTests),
  ...tools("cabal", firstIs("test", "v2-test", "new-test", "v1-test")),
  ...tools(
    "zig",
    (args) => args[0] === "test" || (args[0] === "build" && targetsTests(args.slice(1))),
  ),
  ...tools("mvn mvnw", mavenRunsTests),
  ...tools("gradle gradlew", gradleRunsTests),
  ...tools("tox nox", envsRunTests),
  ...tools(
    "make gmake mingw32-make nmake just task invoke inv mage ninja sbt ant cake",
    targetsTests,
  ),
  ...tools("lerna turbo nx rush rushx composer", anyTestArgument),
  ...tools("xcodebuild", (args) => args.some((arg) => /^test(-without-building)?$/.test(arg))),
  ...tools(
    "rake",
    (args) =>
      args.every((arg) => arg.startsWith("-")) ||
      args.some((arg) => /^(test|spec|default)(:|$)/.test(arg)),
  ),
  ...tools("cmake", (args) =>
    args.some((arg, i) => args[i - 1] === "--target" && TEST_TARGET.test(arg)),
  ),
]);

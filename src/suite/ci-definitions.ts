import type { Node } from "yaml";
import { workspaceFolder } from "./shell.js";
import type { RunScript } from "./types.js";
import {
  childOf,
  entriesOf,
  itemsOf,
  keysOf,
  lineOf,
  mapsIn,
  scriptsOf,
  stringOf,
  stringsOf,
  type YamlFile,
} from "./yaml-nodes.js";

/** The scripts a value holds (a string or lists of them), each with its line. */
export function scriptsAt(
  yaml: YamlFile,
  node: unknown,
  cwd: string,
  scope: string[],
): RunScript[] {
  return scriptsOf(yaml, node).map((script) => ({ file: yaml.file, ...script, cwd, scope }));
}

/** A hosted step known to run tests (`node/test`), cited at its own line. */
export function known(
  yaml: YamlFile,
  node: Node,
  text: string,
  cwd = "",
  scope: string[] = [],
): RunScript {
  return { file: yaml.file, line: lineOf(yaml, node), text, cwd, scope, knownTest: true };
}

/** A CI working directory as a repository folder; `""` when unknown. */
export function folder(dir: string | undefined): string {
  return dir === undefined ? "" : (workspaceFolder(dir) ?? "");
}

function circleSteps(yaml: YamlFile, steps: Node | undefined, cwd: string): RunScript[] {
  return itemsOf(yaml, steps).flatMap((step): RunScript[] => {
    const name = stringOf(yaml, step) ?? keysOf(yaml, step)[0] ?? "";
    const body = childOf(yaml, step, name);
    if (name === "run") {
      const dir = stringOf(yaml, childOf(yaml, body, "working_directory"));
      return scriptsAt(yaml, childOf(yaml, body, "command") ?? body, dir ? folder(dir) : cwd, []);
    }
    if (name === "when" || name === "unless")
      return circleSteps(yaml, childOf(yaml, body, "steps"), cwd);
    return /^[\w-]+\/[\w-]*test/.test(name) ? [known(yaml, step, name, cwd)] : [];
  });
}

/** `.circleci/config.yml`: `run` steps of jobs and commands, and orb jobs like `node/test`. */
export function circleciScripts(yaml: YamlFile): RunScript[] {
  const jobs = [
    ...entriesOf(yaml, childOf(yaml, yaml.root, "jobs")),
    ...entriesOf(yaml, childOf(yaml, yaml.root, "commands")),
  ];
  const own = jobs.flatMap(([, job]) =>
    circleSteps(
      yaml,
      childOf(yaml, job, "steps"),
      folder(stringOf(yaml, childOf(yaml, job, "working_directory"))),
    ),
  );
  const orbJobs = entriesOf(yaml, childOf(yaml, yaml.root, "workflows")).flatMap(([, workflow]) =>
    itemsOf(yaml, childOf(yaml, workflow, "jobs")).flatMap((job) => {
      const name = stringOf(yaml, job) ?? keysOf(yaml, job)[0] ?? "";
      return /^[\w-]+\/[\w-]*test/.test(name) ? [known(yaml, job, name)] : [];
    }),
  );
  return [...own, ...orbJobs];
}

const TRAVIS_DEFAULTS: Record<string, string> = {
  node_js: "npm test",
  ruby: "bundle exec rake",
  rust: "cargo test",
  go: "go test ./...",
  php: "phpunit",
  elixir: "mix test",
  java: "gradle check",
  android: "gradle check",
};

/** `.travis.yml`: `script` of the build and its jobs, or the language's default script. */
export function travisScripts(yaml: YamlFile, paths: ReadonlySet<string>): RunScript[] {
  const scripts = mapsIn(yaml, yaml.root).flatMap((map) =>
    ["before_script", "script"].flatMap((key) => scriptsAt(yaml, childOf(yaml, map, key), "", [])),
  );
  if (scripts.length > 0) return scripts;
  const language = childOf(yaml, yaml.root, "language");
  const name = stringOf(yaml, language) ?? "";
  // https://docs.travis-ci.com/user/languages/go/#default-build-script: `make` when a
  // Makefile exists, so what counts is what the Makefile's default goal runs.
  const text =
    name === "java" && paths.has("pom.xml")
      ? "mvn test"
      : name === "go" && ["GNUmakefile", "makefile", "Makefile"].some((file) => paths.has(file))
        ? "make"
        : TRAVIS_DEFAULTS[name];
  return text === undefined || language === undefined
    ? []
    : [{ file: yaml.file, line: lineOf(yaml, language), text, cwd: "", scope: [] }];
}

/** `.buildkite/pipeline.yml`: every step's `command`/`commands`, scoped by `if_changed`. */
export function buildkiteScripts(yaml: YamlFile): RunScript[] {
  return mapsIn(yaml, yaml.root).flatMap((step) => {
    const scope = stringsOf(yaml, childOf(yaml, step, "if_changed"));
    return ["command", "commands"].flatMap((key) =>
      scriptsAt(yaml, childOf(yaml, step, key), "", scope),
    );
  });
}

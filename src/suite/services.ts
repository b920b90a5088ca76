import picomatch from "picomatch";
import { basenameOf, byDepthThenName, isWithin, normaliseFolder } from "./paths.js";
import type { TestFile } from "./test-files.js";
import type { TestStep } from "./types.js";

/** Where and how a CI command runs: what decides which service it builds. */
export interface CommandPlace {
  file: string;
  cwd: string;
  words: string[];
  scope: string[];
}

/** One row of the services table: a service's own tests and the CI steps that run them. */
export interface ServiceEvidence {
  service: string;
  testFiles: number;
  examples: string[];
  steps: TestStep[];
}

/**
 * Root commands that build every workspace or module: `go test ./...`, `pnpm -r test`,
 * `turbo run test`, a Maven reactor (`mvn verify` without `-pl`/`-f`), a Gradle
 * multi-project `build`/`check`/`test` (no `:project:` task path).
 */
const WHOLE_REPO =
  /^(\S*\/)?mvnw?\b(?![^;&|]*\s(-pl|--projects|-f|--file)\s)[^;&|]*\b(test|verify|install|package|deploy)\b|^(\S*\/)?gradlew?\b(?![^;&|]*\s:)[^;&|]*\s(build|check|test)\b|\bgo list\b[^;&]*\.\/\.\.\.[^;&]*\|[^;&]*\bgo test\b|\bgo test\b.*\.\/\.\.\.|\bbazel(isk)? test\b.*\/\/\.\.\.|\b(turbo|nx|lerna|rush)\b[^;&|]*\btest|--workspaces\b|\s-ws\b|\b(pnpm|yarn)\b.*\s(-r|--recursive|workspaces)\b|\bcargo (test|nextest)\b.*--(workspace|all)\b/;

function only<T>(found: T[]): T | undefined {
  const unique = [...new Set(found)];
  return unique.length === 1 ? unique[0] : undefined;
}

/**
 * The service a CI command builds, when it builds exactly one: by its working directory
 * (`working-directory`, `cd api && …`), a path argument (`go test ./api/...`,
 * `make -C api test`), where the CI file lives, the workflow's path filters
 * (`on.push.paths: [api/**]`), or a per-service workflow (`api.yml`).
 */
export function serviceOf(place: CommandPlace, services: readonly string[]): string | undefined {
  const folders = services.map(normaliseFolder).sort((a, b) => b.length - a.length);
  const holding = (path: string) =>
    path === "" ? undefined : folders.find((folder) => isWithin(normaliseFolder(path), folder));
  const fromArgs = place.words.slice(1).map((word) => {
    const value = word.replace(/^-[-\w]*=/, "");
    const gradle = /^:([^:]+):/.exec(value)?.[1];
    return gradle ? folders.find((f) => basenameOf(f) === gradle) : holding(value);
  });
  const fromScope = place.scope.map((glob) => holding(glob.replace(/^\.\//, "")));
  const workflow = /^\.github\/workflows\/([^/]+)\.ya?ml$/.exec(place.file)?.[1] ?? "";
  const tokens = workflow.split(/[-_.]/);
  const fromName = folders.filter((folder) => tokens.includes(basenameOf(folder)));
  return (
    holding(place.cwd) ??
    fromArgs.find((service) => service !== undefined) ??
    holding(place.file) ??
    only(fromScope.filter((service) => service !== undefined)) ??
    only(fromName)
  );
}

/**
 * Every service a command builds: one by `serviceOf`, or each service a folder glob
 * reaches (`for d in services/*; do (cd $d && make test); done`).
 */
export function servicesOf(
  place: CommandPlace,
  services: readonly string[],
): (string | undefined)[] {
  if (place.cwd.includes("*")) {
    const matches = picomatch(place.cwd);
    const reached = services.map(normaliseFolder).filter((folder) => matches(folder));
    if (reached.length > 0) return reached;
  }
  return [serviceOf(place, services)];
}

/** A step that runs every package's tests (`go test ./...`, `turbo test`, `--workspaces`). */
export function coversEveryService(step: TestStep): boolean {
  const texts = [step.command, ...(step.chain ?? []).map((link) => link.text)];
  // A JS runner started by the root package runs every test file below the root.
  const rootRunner = (step.chain ?? []).some(
    (link) =>
      link.file === "package.json" &&
      /^(vitest|jest)(\s+(run|--[\w-]+(=\S+)?))*\s*$/.test(link.text),
  );
  return step.service === undefined && (rootRunner || texts.some((text) => WHOLE_REPO.test(text)));
}

/** One row per `tests.services` folder, in the order the config lists them. */
export function serviceRows(
  services: readonly string[],
  testFiles: readonly TestFile[],
  steps: readonly TestStep[],
): ServiceEvidence[] {
  return services.map((service) => {
    const folder = normaliseFolder(service);
    const mine = testFiles.filter((file) => isWithin(file.path, folder)).map((file) => file.path);
    return {
      service: folder,
      testFiles: mine.length,
      examples: mine.sort(byDepthThenName).slice(0, 3),
      steps: steps.filter((step) => step.service === folder || coversEveryService(step)),
    };
  });
}

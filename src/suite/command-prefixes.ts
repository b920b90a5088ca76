import { basenameOf } from "./paths.js";

/** Words that run the next word as the command: `sudo`, `npx`, `xvfb-run -a`, `timeout 10m`… */
const PREFIXES = new Set(
  "sudo time nice env exec command nohup xargs xvfb-run dbus-run-session npx pnpx bunx cross-env dotenv nyc c8 timeout retry".split(
    " ",
  ),
);

/** `poetry run x`, `bundle exec x`, `pnpm dlx x`…: the command is `x`. */
const RUN_PREFIXES: Record<string, string[]> = {
  poetry: ["run"],
  pipenv: ["run"],
  pdm: ["run"],
  uv: ["run"],
  rye: ["run"],
  hatch: ["run"],
  conda: ["run"],
  coverage: ["run"],
  bundle: ["exec"],
  npm: ["exec"],
  pnpm: ["exec", "dlx"],
  yarn: ["exec", "dlx"],
};

const ASSIGNMENT = /^[A-Za-z_]\w*=/;
/** Flags of those runners that take a value: `uv run --group dev tox` runs `tox`. */
const FLAGS_WITH_VALUE = new Set(
  "-n -p -e --group --only-group --with --extra --python --project --directory --env-file --package --gemfile --env -E".split(
    " ",
  ),
);

/**
 * The command under its prefixes and environment assignments (`CI=true npx jest` is
 * `jest`), and whether a project-script runner (`hatch run test`) ran it, in which case
 * its name may be a script of the project rather than a program.
 */
export function withoutPrefixes(words: string[]): { rest: string[]; viaScriptRunner: boolean } {
  let rest = [...words];
  let viaScriptRunner = false;
  for (;;) {
    const [first = "", second = ""] = rest;
    if (ASSIGNMENT.test(first)) {
      rest = rest.slice(1);
    } else if (PREFIXES.has(first)) {
      rest = rest.slice(1);
      while (/^-|^\d+[smh]?$/.test(rest[0] ?? "") || ASSIGNMENT.test(rest[0] ?? "")) {
        rest = rest.slice(1);
      }
    } else if (RUN_PREFIXES[first]?.includes(second)) {
      viaScriptRunner ||= second === "run";
      rest = rest.slice(2);
      while ((rest[0] ?? "").startsWith("-"))
        rest = rest.slice(FLAGS_WITH_VALUE.has(rest[0] ?? "") ? 2 : 1);
    } else if (["python", "python3", "py"].includes(basenameOf(first)) && second === "-m") {
      rest = rest.slice(2);
    } else {
      return { rest, viaScriptRunner };
    }
  }
}

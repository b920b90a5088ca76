import { CHECK_NAMES, CONFIG_PATH, type CheckKey } from "../constants.js";
import type { ConfigError } from "./validate-config.js";
import type { RepoRef } from "../github/types.js";
import { plural } from "../checks/format.js";
import type { Annotation, CheckVerdict } from "../checks/verdict.js";

/**
 * An invalid `andon.yml` must be seen, and must never switch a gate off: the check keeps
 * its real verdict (judged with the defaults in place of the invalid keys), names each
 * error (key path and reason) and annotates the file's line. Never `neutral` for it:
 * GitHub counts `neutral` as a passing required check, so an invalid file would open
 * every gate.
 */
export function withConfigErrors(
  verdict: CheckVerdict,
  errors: ConfigError[],
  repo: RepoRef,
): CheckVerdict {
  if (errors.length === 0) return verdict;
  return {
    conclusion: verdict.conclusion,
    title: `${verdict.title} (${CONFIG_PATH} is invalid: ${countErrors(errors)})`,
    summary: `${verdict.summary}\n\n**Andon's configuration is invalid**: the defaults apply to the invalid keys until it is fixed, and this check still gives its real verdict.\n\n${errorList(errors)}`,
    ...(verdict.text ? { text: verdict.text } : {}),
    annotations: [...configAnnotations(errors, repo), ...(verdict.annotations ?? [])],
  };
}

export function countErrors(errors: readonly ConfigError[]): string {
  return plural(errors.length, "error");
}

/** The errors as a Markdown list: each key path, reason, file and line. */
export function errorList(errors: readonly ConfigError[]): string {
  return errors.map((e) => `- ${describe(e)}`).join("\n");
}

/** Annotations on the lines of the repository's own `andon.yml` (not the org's file). */
export function configAnnotations(errors: readonly ConfigError[], repo: RepoRef): Annotation[] {
  return errors
    .filter((e) => isOwnFile(e, repo))
    .map((e) => ({
      path: CONFIG_PATH,
      start_line: e.line ?? 1,
      end_line: e.line ?? 1,
      annotation_level: "failure",
      title: "Invalid andon.yml",
      message: e.path ? `${e.path} ${e.message}` : e.message,
    }));
}

function describe(e: ConfigError): string {
  const where = `${e.file.owner}/${e.file.repo}:${e.file.path}${e.line ? `:${e.line}` : ""}`;
  return e.path ? `\`${e.path}\` ${e.message} (${where})` : `${e.message} (${where})`;
}

export function isOwnFile(e: ConfigError, repo: RepoRef): boolean {
  return (
    e.file.owner.toLowerCase() === repo.owner.toLowerCase() &&
    e.file.repo === repo.repo &&
    e.file.path === CONFIG_PATH
  );
}

/**
 * A check turned off in the mainline's config still answers, so a required check never
 * hangs; `success`, because that is what turning it off asks for.
 */
export function disabledVerdict(key: CheckKey): CheckVerdict {
  return {
    conclusion: "success",
    title: `disabled in ${CONFIG_PATH}`,
    summary: `\`${key}.enabled\` is \`false\` in the mainline's \`${CONFIG_PATH}\`: Andon does not judge \`${CHECK_NAMES[key]}\` in this repository.`,
  };
}

/** The title of the gate on a PR that breaks `andon.yml`; a flip leaves such a gate alone. */
export const BREAKS_CONFIG_TITLE = `This PR breaks ${CONFIG_PATH}`;

/**
 * A PR that makes the repository's `andon.yml` invalid fails the gate whatever main's
 * state and its labels: merged, it would leave every check judging with defaults the
 * team did not choose. Only the file's own errors count (not an org file's).
 */
export function breaksConfigVerdict(errors: readonly ConfigError[], repo: RepoRef): CheckVerdict {
  return {
    conclusion: "failure",
    title: `${BREAKS_CONFIG_TITLE}: ${countErrors(errors)}`,
    summary: [
      `**This PR makes \`${CONFIG_PATH}\` invalid**, so it cannot merge: fix the errors below (they are annotated on the file's lines) and this check passes. A valid change to \`${CONFIG_PATH}\` takes effect once it is merged; until then the mainline's file decides every gate, this one included.`,
      errorList(errors),
    ].join("\n\n"),
    annotations: configAnnotations(errors, repo),
  };
}

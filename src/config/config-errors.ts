import { CONFIG_PATH } from "../constants.js";
import type { ConfigError } from "./validate-config.js";
import type { RepoRef } from "../github/types.js";
import { plural } from "../checks/format.js";
import type { Annotation, CheckVerdict } from "../checks/verdict.js";

/**
 * An invalid `andon.yml` must be seen, not guessed around: every Andon check turns
 * `neutral`, names each error (key path and reason) and annotates the file's line,
 * and still shows what it judged with the defaults.
 */
export function withConfigErrors(
  verdict: CheckVerdict,
  errors: ConfigError[],
  repo: RepoRef,
): CheckVerdict {
  if (errors.length === 0) return verdict;
  const list = errors.map((e) => `- ${describe(e)}`).join("\n");
  const annotations: Annotation[] = errors
    .filter((e) => isOwnFile(e, repo))
    .map((e) => ({
      path: CONFIG_PATH,
      start_line: e.line ?? 1,
      end_line: e.line ?? 1,
      annotation_level: "failure",
      title: "Invalid andon.yml",
      message: e.path ? `${e.path} ${e.message}` : e.message,
    }));
  return {
    conclusion: "neutral",
    title: `${CONFIG_PATH} is invalid: ${plural(errors.length, "error")}`,
    summary:
      `**Andon's configuration is invalid**, so this check cannot block and the defaults apply ` +
      `until it is fixed:\n\n${list}\n\n` +
      `With the defaults, Andon would say: **${verdict.conclusion}** — ${verdict.title}`,
    text: [verdict.summary, verdict.text].filter(Boolean).join("\n\n"),
    annotations: [...annotations, ...(verdict.annotations ?? [])],
  };
}

function describe(e: ConfigError): string {
  const where = `${e.file.owner}/${e.file.repo}:${e.file.path}${e.line ? `:${e.line}` : ""}`;
  return e.path ? `\`${e.path}\` ${e.message} (${where})` : `${e.message} (${where})`;
}

function isOwnFile(e: ConfigError, repo: RepoRef): boolean {
  return (
    e.file.owner.toLowerCase() === repo.owner.toLowerCase() &&
    e.file.repo === repo.repo &&
    e.file.path === CONFIG_PATH
  );
}

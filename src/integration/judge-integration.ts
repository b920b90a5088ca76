import type { CheckVerdict } from "../checks/verdict.js";
import type { IntegrationConfig } from "../config/schema.js";
import { CONFIG_PATH } from "../constants.js";
import { WHY_DAILY, waysOut } from "./advice.js";
import type { BranchAge } from "./branch-age.js";
import { MS, code, formatDuration, formatHours, formatUtc, shortSha } from "../checks/format.js";
import { matchIgnoredBranch } from "./ignored-branch.js";

export interface IntegrationInput {
  /** From `branchAge`; `undefined` when the branch has no commit that is not on the mainline. */
  age: BranchAge | undefined;
  config: IntegrationConfig;
  /** The PR's head branch. */
  branch: string;
  /** The repository's default branch, named in the text. */
  mainline: string;
}

/**
 * The `andon/integration` verdict for a pull request into the mainline (question 1: do
 * you check in to mainline at least once a day?).
 *
 * Why `neutral` by default once the branch is too old: blocking an old PR would punish
 * the very act of integrating it; `integration.conclusion: failure` is for teams that
 * want the block. Ignored branches get `success`, not silence, so that a team that made
 * the check required does not strand its Dependabot PRs.
 */
export function judgeIntegration({
  age,
  config,
  branch,
  mainline,
}: IntegrationInput): CheckVerdict {
  const ignoredBy = matchIgnoredBranch(branch, config.ignoreBranches);
  if (ignoredBy !== undefined) {
    return {
      conclusion: "success",
      title: `Not judged — ${branch} matches integration.ignoreBranches`,
      summary: `${code(branch)} matches ${code(ignoredBy)} in \`integration.ignoreBranches\` (${code(CONFIG_PATH)}), so its age is not judged.`,
    };
  }
  if (age === undefined) {
    return {
      conclusion: "success",
      title: `Nothing to integrate — no commits that are not on ${mainline}`,
      summary: `${code(branch)} has no commits that are not on ${code(mainline)} yet.`,
    };
  }

  const limit = formatHours(config.maxAgeHours);
  const old = `${age.complete ? "" : "at least "}${formatDuration(age.ageMs)}`;
  const counts = `${age.ahead} ahead, ${age.behind} behind ${mainline}`;
  const oldest = `its oldest commit not on ${code(mainline)}, ${shortSha(age.oldestSha)}, was committed ${formatUtc(age.oldestAt)}`;
  const setting = `The limit is \`integration.maxAgeHours\` in ${code(CONFIG_PATH)}.`;

  if (age.ageMs <= config.maxAgeHours * MS.hour) {
    return {
      conclusion: "success",
      title: `Branch is ${old} old (within ${limit}) — ${counts}`,
      summary: `${code(branch)} has lived ${old} off ${code(mainline)}, within the ${limit} limit: ${oldest}.\n\n${WHY_DAILY}`,
      text: setting,
    };
  }
  return {
    conclusion: config.conclusion,
    title: `Branch is ${old} old (limit ${limit}) — ${counts}`,
    summary: [
      `**${code(branch)} has lived ${old} off ${code(mainline)}**, more than the ${limit} limit: ${oldest}.`,
      WHY_DAILY,
      `**Ways out**\n${waysOut(mainline, age.behind)}`,
    ].join("\n\n"),
    text: `${setting} This check is \`${config.conclusion}\`; \`integration.conclusion: ${config.conclusion === "failure" ? "neutral" : "failure"}\` makes it ${config.conclusion === "failure" ? "advisory" : "blocking"}.`,
  };
}

import { disabledVerdict } from "../config/config-errors.js";
import type { CheckVerdict } from "../checks/verdict.js";
import type { MainlineConfig } from "../config/schema.js";
import type { Closure, Episode } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { formatUtc, mention, plainText, shortSha } from "../checks/format.js";
import { failingList, redFor, redTitle } from "./render.js";
import type { RevertFinding } from "./true-revert.js";

export interface GatePullRequest {
  number: number;
  title: string;
  labels: readonly string[];
  baseRef: string;
  headSha: string;
  /** Whether the PR is a true revert of the red episode; judged only while main is red. */
  revert?: RevertFinding;
}

export interface GateInput {
  pr: GatePullRequest;
  defaultBranch: string;
  mainline: MainlineJudgement;
  config: MainlineConfig;
  now: Date;
  /** Closed by hand (`/andon close`): only the fix passes, whatever the build says. */
  closed?: Closure;
}

/** GitHub's Revert button writes this title: a hint for people, never a pass by itself. */
export const REVERT_TITLE_PREFIX = 'Revert "';

/** Why this PR may pass a red gate, or `undefined` when it is not the fix. */
export function fixReason(pr: GatePullRequest, config: MainlineConfig): string | undefined {
  if (pr.labels.includes(config.fixLabel)) return `labelled \`${config.fixLabel}\``;
  if (config.allowReverts && pr.revert?.revert) {
    return `a true revert of ${pr.revert.commits.map(shortSha).join(", ")}`;
  }
  return undefined;
}

/** Whether the gate should look at a PR's changes for a true revert: the label needs none. */
export function needsRevertCheck(
  pr: Pick<GatePullRequest, "labels">,
  mainline: MainlineJudgement,
  config: MainlineConfig,
): boolean {
  return mainline.state === "red" && config.allowReverts && !pr.labels.includes(config.fixLabel);
}

function waysThrough(episode: Episode, config: MainlineConfig): string {
  const sha = shortSha(episode.breakingSha);
  const label = `open the fix as a PR labelled \`${config.fixLabel}\`; it passes this check.`;
  if (!config.allowReverts) {
    return `### The way through\n\nFix forward: ${label} Reverts need the label too here.`;
  }
  return [
    "### Two ways through",
    "",
    `1. **Revert** ${sha}: a PR whose changes exactly undo commits that landed on the mainline since its last green commit (every file it touches ends as it was before them, and it touches nothing else) passes this check. GitHub's Revert button, or \`git revert ${sha}\`, makes one; the title alone does not.`,
    `2. **Fix forward**: ${label}`,
  ].join("\n");
}

/** What keeps a PR that looks like a revert (or was judged as one) from passing as one. */
function notARevert(pr: GatePullRequest): string | undefined {
  const finding = pr.revert;
  if (!finding || finding.revert) return undefined;
  const looksLike = pr.title.startsWith(REVERT_TITLE_PREFIX);
  if (!looksLike) return undefined;
  return [
    "### Not a true revert",
    "",
    "This PR's title says it reverts, but its changes do not exactly undo commits that landed since the last green commit, so it is judged like any other PR:",
    "",
    ...finding.differences.map((d) => `- ${d}`),
  ].join("\n");
}

function blocked(input: GateInput, mainline: Extract<MainlineJudgement, { state: "red" }>) {
  const { defaultBranch: branch, config, now } = input;
  const { episode } = mainline;
  const breaking = `${shortSha(episode.breakingSha)} by ${mention(episode.breakingAuthor)}`;
  const when = episode.startKnown
    ? `Commit ${breaking} broke the build ${redFor(episode, now)} ago (${formatUtc(episode.since)}).`
    : `It has been red for ${redFor(episode, now)}: ${breaking} is the oldest red commit Andon read.`;
  const summary = [
    `**\`${branch}\` is red, so merges into it are on hold.** This is not about your changes. ${when}`,
    `Until \`${branch}\` is green again only the fix goes in: a broken mainline is the whole team's first priority.`,
    `### Failing on ${branch}\n\nChecks failing on ${shortSha(mainline.decidingSha)}, the newest finished commit:\n\n${failingList(mainline.failing)}`,
    ...[notARevert(input.pr)].filter((t): t is string => t !== undefined),
    waysThrough(episode, config),
    `This PR passes as soon as \`${branch}\` is green again: Andon re-checks every open PR when it turns green.`,
  ].join("\n\n");
  return { conclusion: "failure", title: redTitle(branch, episode, now), summary } as const;
}

/**
 * A mainline closed by hand stops the line as a red one does (a bad deploy, a release in
 * progress): only the fix passes, and every title says who closed it and why, so the
 * person blocked knows whom to ask.
 */
function closedGate(input: GateInput, closure: Closure): CheckVerdict {
  const { pr, defaultBranch: branch, mainline, config } = input;
  const title = closedTitle(branch, closure);
  const reason = fixReason(pr, config);
  const alsoRed =
    mainline.state === "red"
      ? ` It is also red since ${shortSha(mainline.episode.breakingSha)}: opening it will not make it green.`
      : "";
  const why = `**\`${branch}\` is closed** by @${closure.by} since ${formatUtc(closure.at)}: ${plainText(closure.reason)}.${alsoRed}`;
  if (reason) {
    return {
      conclusion: "success",
      title: `${title}; this PR lets the fix through (${reason})`,
      summary: `${why}\n\nThis PR is ${reason}, so it may merge while everything else waits.`,
    };
  }
  return {
    conclusion: "failure",
    title,
    summary: [
      `${why} Merges into \`${branch}\` wait until someone with write access comments \`/andon open\` on any issue or PR of this repository.`,
      `Only the fix goes in meanwhile: a PR labelled \`${config.fixLabel}\`${config.allowReverts && mainline.state === "red" ? ", or a true revert of commits since the last green one," : ""} passes this check.`,
    ].join("\n\n"),
  };
}

/** A title is plain text, so the reason is only cut to keep the title one readable line. */
export function closedTitle(branch: string, closure: Closure): string {
  const reason = closure.reason.length > 100 ? `${closure.reason.slice(0, 99)}…` : closure.reason;
  return `${branch} is closed by ${closure.by}: ${reason}`;
}

/**
 * The `andon/mainline` verdict for one pull request: stop the line while main is red.
 *
 * Only the fix may merge into a red main (a PR labelled `mainline.fixLabel`, or a revert
 * when `mainline.allowReverts`), because piling more changes on a broken build hides
 * the cause and makes the fix harder. The failure text is written for the person whose
 * merge was just blocked: why, who broke it, and the two ways through.
 */
export function judgeGate(input: GateInput): CheckVerdict {
  const { pr, defaultBranch: branch, mainline, config, now } = input;
  if (!config.enabled) return disabledVerdict("mainline");
  if (pr.baseRef !== branch) {
    return {
      conclusion: "success",
      title: "Not a mainline PR",
      summary: `This PR merges into \`${pr.baseRef}\`, not into the mainline \`${branch}\`: the stop-the-line gate only guards \`${branch}\`.`,
    };
  }
  if (input.closed) return closedGate(input, input.closed);
  switch (mainline.state) {
    case "red": {
      const reason = fixReason(pr, config);
      if (!reason) return blocked(input, mainline);
      return {
        conclusion: "success",
        title: `${branch} is red; this PR lets the fix through (${reason})`,
        summary: `\`${branch}\` is red since ${shortSha(mainline.episode.breakingSha)} (${redFor(mainline.episode, now)}). This PR is ${reason}, so it may merge while everything else waits: please land it as soon as it is ready.`,
      };
    }
    case "green":
      return {
        conclusion: "success",
        title: `${branch} is green`,
        summary: `The newest finished build on \`${branch}\` is green: nothing stops this merge.`,
      };
    case "pending":
      return {
        conclusion: "neutral",
        title: `${branch}'s first build is still running`,
        summary: `No build on \`${branch}\` has finished yet, so there is nothing to judge. Andon re-checks this PR when one does.`,
      };
    case "none":
      return {
        conclusion: "neutral",
        title: `${branch} has no CI to judge`,
        summary: `No check run or commit status counts on \`${branch}\` (see \`mainline.requiredChecks\` and \`mainline.ignoreChecks\`), so there is no build to keep green. \`andon/tests\` says what CI should run.`,
      };
  }
}

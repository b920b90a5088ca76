import { formatUtc, mention, plainText, shortSha } from "../checks/format.js";
import type { CheckVerdict } from "../checks/verdict.js";
import { encodeEpisode, type RecordExtras } from "./episode-record.js";
import { closedTitle } from "./gate.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { failingList, redFor, redTitle, restoreTime } from "./render.js";

export interface RecordInput {
  mainline: MainlineJudgement;
  defaultBranch: string;
  now: Date;
  /** Carried from record to record until `/andon open`: the closure and the last command. */
  extras?: RecordExtras;
}

/**
 * The `andon/mainline` verdict on the mainline head commit itself. It shows the state in
 * main's commit list, and its summary carries the episode record: the memory that lets
 * the next judgement know when the episode began without a database.
 *
 * Write it after the broken/fixed comment is done: a crash in between then leaves the
 * old record, and the next event does the comment work again (it is idempotent).
 */
export function recordVerdict(input: RecordInput): CheckVerdict {
  const verdict = buildVerdict(input);
  const { closed } = input.extras ?? {};
  if (!closed) return verdict;
  // Closed by hand: main's own run fails too, so its commit list shows the closure.
  const shut = `**\`${input.defaultBranch}\` is closed** by @${closed.by} since ${formatUtc(closed.at)}: ${plainText(closed.reason)}. Every PR into it fails \`andon/mainline\` (fixes pass) until someone with write access comments \`/andon open\`.`;
  return {
    conclusion: "failure",
    title: closedTitle(input.defaultBranch, closed),
    summary: `${shut}\n\n${verdict.summary}`,
  };
}

function buildVerdict({
  mainline,
  defaultBranch: branch,
  now,
  extras = {},
}: RecordInput): CheckVerdict {
  switch (mainline.state) {
    case "red": {
      const { episode } = mainline;
      const summary = [
        `**\`${branch}\` is red** since ${shortSha(episode.breakingSha)} by ${mention(episode.breakingAuthor)} (${formatUtc(episode.since)}, ${redFor(episode, now)} ago). Merges into \`${branch}\` are blocked until it is green again, except the fix.`,
        `Checks failing on ${shortSha(mainline.decidingSha)}:\n\n${failingList(mainline.failing)}`,
        encodeEpisode({ state: "red", ...episode, ...extras }),
      ].join("\n\n");
      return { conclusion: "failure", title: redTitle(branch, episode, now), summary };
    }
    case "green": {
      const { fixed } = mainline;
      const again = fixed
        ? ` again: ${shortSha(fixed.fixedBy.sha)} fixed it, time to restore ${restoreTime(fixed.episode, fixed.fixedBy)}`
        : "";
      return {
        conclusion: "success",
        title: `${branch} is green`,
        summary: `**\`${branch}\` is green${again}.**\n\n${encodeEpisode({ state: "green", ...extras })}`,
      };
    }
    case "none":
      return {
        conclusion: "neutral",
        title: `${branch} has no CI to judge`,
        summary: `No check run or commit status counts on \`${branch}\`.\n\n${encodeEpisode({ state: "none", ...extras })}`,
      };
    case "pending":
      // No record: a pending state says nothing about episodes, and it must not hide an
      // older red record from the next judgement.
      return {
        conclusion: "neutral",
        title: `${branch}'s first build is still running`,
        summary: `No build on \`${branch}\` has finished yet.`,
      };
  }
}

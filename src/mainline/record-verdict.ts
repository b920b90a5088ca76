import { formatUtc, mention, shortSha } from "../checks/format.js";
import type { CheckVerdict } from "../checks/verdict.js";
import { encodeEpisode } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { failingList, redFor, redTitle, restoreTime } from "./render.js";

export interface RecordInput {
  mainline: MainlineJudgement;
  defaultBranch: string;
  now: Date;
}

/**
 * The `andon/mainline` verdict on the mainline head commit itself. It shows the state in
 * main's commit list, and its summary carries the episode record: the memory that lets
 * the next judgement know when the episode began without a database.
 *
 * Write it after the broken/fixed comment is done: a crash in between then leaves the
 * old record, and the next event does the comment work again (it is idempotent).
 */
export function recordVerdict({ mainline, defaultBranch: branch, now }: RecordInput): CheckVerdict {
  switch (mainline.state) {
    case "red": {
      const { episode } = mainline;
      const summary = [
        `**\`${branch}\` is red** since ${shortSha(episode.breakingSha)} by ${mention(episode.breakingAuthor)} (${formatUtc(episode.since)}, ${redFor(episode, now)} ago). Merges into \`${branch}\` are blocked until it is green again, except the fix.`,
        `Checks failing on ${shortSha(mainline.decidingSha)}:\n\n${failingList(mainline.failing)}`,
        encodeEpisode({ state: "red", ...episode }),
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
        summary: `**\`${branch}\` is green${again}.**\n\n${encodeEpisode({ state: "green" })}`,
      };
    }
    case "none":
      return {
        conclusion: "neutral",
        title: `${branch} has no CI to judge`,
        summary: `No check run or commit status counts on \`${branch}\`.\n\n${encodeEpisode({ state: "none" })}`,
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

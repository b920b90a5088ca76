import { code, formatUtc, mention, plainText, plural, shortSha } from "../checks/format.js";
import type { CheckVerdict } from "../checks/verdict.js";
import { CONFIRM_TIMEOUT_MS } from "./confirm-red.js";
import { encodeEpisode, type Confirmation, type RecordExtras } from "./episode-record.js";
import { closedTitle } from "./gate.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { failingList, redFor, redTitle, restoreTime } from "./render.js";

export interface RecordInput {
  mainline: MainlineJudgement;
  defaultBranch: string;
  now: Date;
  /** Carried from record to record until `/andon open`: the closure and the last command. */
  extras?: RecordExtras;
  /** A red is being confirmed by a re-run (`extras.confirm`): main's run says so. */
  confirming?: boolean;
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
  const { confirm } = input.extras ?? {};
  const verdict =
    input.confirming && confirm ? confirmingVerdict(input, confirm) : buildVerdict(input);
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

/**
 * Main's own run while a red is confirmed: not a failure (nothing is declared yet), and
 * plain about what Andon is waiting for and until when. The record keeps the state the
 * gates show, so the next judgement still sees main as not red.
 */
function confirmingVerdict(input: RecordInput, confirm: Confirmation): CheckVerdict {
  const { defaultBranch: branch, mainline, extras = {} } = input;
  const sha = shortSha(confirm.sha);
  const checks = confirm.episode.failing.map((c) => code(c.name)).join(", ");
  const deadline = formatUtc(
    new Date(Date.parse(confirm.since) + CONFIRM_TIMEOUT_MS).toISOString(),
  );
  const jobs = plural(confirm.episode.failing.length, "failed job");
  const asked = confirm.rerun
    ? `Andon re-ran the ${jobs} once (\`mainline.confirmRed: rerun\`)`
    : `Andon re-runs the ${jobs} once (\`mainline.confirmRed: rerun\`) as soon as the workflow has finished`;
  const state = mainline.state === "green" ? "green" : "none";
  return {
    conclusion: "neutral",
    title: `${branch} is confirming a failure on ${sha} by re-running it`,
    summary: [
      `**Confirming a failure on \`${branch}\`.** ${checks} failed on ${sha}. ${asked} and declares \`${branch}\` red only if they fail again, or if the re-run has not finished by ${deadline}. Meanwhile every PR keeps its \`andon/mainline\` verdict.`,
      encodeEpisode({ state, ...extras }),
    ].join("\n\n"),
  };
}

/** What main's run adds about a confirmation that ended on the commit it judges. */
function confirmationNote(mainline: RecordInput["mainline"], confirm?: Confirmation): string[] {
  if (!confirm || !("decidingSha" in mainline)) return [];
  const onIt =
    mainline.decidingSha === confirm.sha ||
    (mainline.state === "red" && mainline.episode.breakingSha === confirm.sha);
  if (!onIt) return [];
  // The note is Andon's own markdown; GitHub's words in it were made inert when written.
  if (confirm.note) return [`**Not confirmed by a re-run:** ${confirm.note}`];
  if (confirm.outcome === "green" && mainline.state === "green") {
    return [
      `A re-run of the failed jobs on ${shortSha(confirm.sha)} passed, so \`andon/mainline\` never declared it red. A job that fails and passes on the same code may be flaky: worth a look.`,
    ];
  }
  return [];
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
        ...confirmationNote(mainline, extras.confirm),
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
        summary: [
          `**\`${branch}\` is green${again}.**`,
          ...confirmationNote(mainline, extras.confirm),
          encodeEpisode({ state: "green", ...extras }),
        ].join("\n\n"),
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

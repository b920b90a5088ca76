import { shortSha } from "../checks/format.js";
import type { MainlineTransition, TransitionEvent } from "../mainline/transition.js";

/**
 * The documented JSON event (README, "Notifications"): exactly these keys, absent values
 * `null`, so a receiver can rely on the shape whatever the transition.
 */
export type NotifyEvent = Pick<
  MainlineTransition,
  | "event"
  | "repository"
  | "sha"
  | "breakingSha"
  | "fixingSha"
  | "author"
  | "failingChecks"
  | "reason"
  | "url"
  | "at"
>;

export function jsonEvent(t: MainlineTransition): NotifyEvent {
  return {
    event: t.event,
    repository: t.repository,
    sha: t.sha ?? null,
    breakingSha: t.breakingSha ?? null,
    fixingSha: t.fixingSha ?? null,
    author: t.author ?? null,
    failingChecks: [...(t.failingChecks ?? [])],
    reason: t.reason ?? null,
    url: t.url ?? null,
    at: t.at,
  };
}

/** Enough check names to tell what broke; a 500-job matrix must not flood the channel. */
const MAX_CHECKS = 10;
/** A reason is a sentence, not an essay; chat cards cut long fields anyway. */
const MAX_REASON = 300;

type Escape = (text: string) => string;

function cut(text: string, max: number): string {
  const line = text.replace(/[\r\n]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Text from other people (check names, logins, a close reason) shown in a chat must not
 * ping a channel or a person, nor inject links or markup. Slack parses mentions and links
 * only inside `<…>`, and `&<>` are its only escapes. `@` gets a zero-width space after it
 * (as `plainText` does on GitHub), so no chat turns `@here` or `@team` into a mention.
 */
export const slackText: Escape = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200b");

/** Teams cards render markdown and some HTML: escape both, and break mentions as for Slack. */
export const teamsText: Escape = (text) => slackText(text).replace(/[\\`*_~[\]|#]/g, "\\$&");

const COLOURS: Record<TransitionEvent, string> = {
  red: "D32F2F",
  green: "2E7D32",
  closed: "6A1B9A",
  opened: "1565C0",
};

export interface Headline {
  title: string;
  facts: Array<{ name: string; value: string }>;
  colour: string;
  url: string | null;
}

function checks(names: readonly string[], esc: Escape): string {
  const shown = names.slice(0, MAX_CHECKS).map((n) => esc(cut(n, 100)));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** What every chat format says about a transition: a title and a few facts, escaped by `esc`. */
export function headline(t: MainlineTransition, esc: Escape): Headline {
  const repo = esc(cut(t.repository, 200));
  const who = t.author ? esc(cut(t.author, 100)) : "someone";
  const facts: Headline["facts"] = [];
  const fact = (name: string, value: string | null | undefined) => {
    if (value) facts.push({ name, value });
  };
  let title: string;
  switch (t.event) {
    case "red":
      title = `${repo}: the mainline is red`;
      fact("Breaking commit", t.breakingSha && `${shortSha(t.breakingSha)} by ${who}`);
      fact("Failing checks", checks(t.failingChecks, esc));
      fact("What to do", "Merges wait until it is green again; revert, or fix it first.");
      break;
    case "green":
      title = t.flaky
        ? `${repo}: the mainline is green again (the red was flaky)`
        : `${repo}: the mainline is green again`;
      fact("Fixing commit", t.fixingSha && `${shortSha(t.fixingSha)} by ${who}`);
      fact("Broken by", t.breakingSha && shortSha(t.breakingSha));
      fact("Checks that flipped", t.flaky ? checks(t.flippedChecks ?? [], esc) : null);
      break;
    case "closed":
      title = `${repo}: the mainline is closed by ${who}`;
      fact("Reason", t.reason ? esc(cut(t.reason, MAX_REASON)) : null);
      fact("What to do", "Merges wait until someone comments /andon open; fixes still pass.");
      break;
    case "opened":
      title = `${repo}: the mainline is open again (opened by ${who})`;
      break;
  }
  fact("At", `${t.at.slice(0, 16).replace("T", " ")} UTC`);
  return { title, facts, colour: COLOURS[t.event], url: t.url };
}

/**
 * A Slack incoming-webhook message: `text` is the notification and fallback, `blocks`
 * the Block Kit layout. Facts are `plain_text` fields, so nothing a person wrote is read
 * as mrkdwn.
 */
export function slackMessage(t: MainlineTransition) {
  const h = headline(t, slackText);
  const blocks: Array<Record<string, unknown>> = [
    { type: "header", text: { type: "plain_text", text: h.title.slice(0, 150), emoji: true } },
    {
      type: "section",
      fields: h.facts.slice(0, 10).map((f) => ({
        type: "plain_text",
        text: `${f.name}: ${f.value}`.slice(0, 2000),
        emoji: false,
      })),
    },
  ];
  if (h.url) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Open on GitHub" },
          url: h.url,
          action_id: "andon-open",
        },
      ],
    });
  }
  return { text: h.title, blocks };
}

/**
 * A Microsoft Teams incoming-webhook message card (the legacy actionable message card
 * format, `@type: MessageCard`): a title, a coloured edge and a facts table.
 */
export function teamsCard(t: MainlineTransition) {
  const h = headline(t, teamsText);
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: h.title,
    themeColor: h.colour,
    title: h.title,
    sections: [{ facts: h.facts, markdown: true }],
    ...(h.url
      ? {
          potentialAction: [
            {
              "@type": "OpenUri",
              name: "Open on GitHub",
              targets: [{ os: "default", uri: h.url }],
            },
          ],
        }
      : {}),
  };
}

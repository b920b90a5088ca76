/** What a comment asks of Andon, when its first line is an `/andon` command. */
export type AndonCommand =
  | { kind: "close"; reason: string }
  | { kind: "open" }
  /** `/andon` with something Andon cannot do: refused, so the person sees it was read. */
  | { kind: "invalid"; why: string };

/** Enough for "release 2.0 freeze until QA signs off"; titles and chat cards stay short. */
export const MAX_REASON = 200;

/**
 * The command in a comment's first line, or `undefined` when the comment is not one.
 * Only the first line counts, so quoting a command further down, or mentioning
 * `/andon close` in prose, never closes anything.
 */
export function parseCommand(body: string | null | undefined): AndonCommand | undefined {
  const first = (body ?? "")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/, 1)[0]!
    .trim();
  const match = /^\/andon(?:\s+(\S+)(.*))?$/i.exec(first);
  if (!match) return undefined;
  const verb = match[1]?.toLowerCase();
  const rest = (match[2] ?? "").trim();
  if (verb === "open") return { kind: "open" };
  if (verb === "close") {
    if (!rest) return { kind: "invalid", why: "`/andon close` needs a reason" };
    const reason = rest.length > MAX_REASON ? `${rest.slice(0, MAX_REASON - 1)}…` : rest;
    return { kind: "close", reason };
  }
  return { kind: "invalid", why: `unknown command ${verb ? `\`${verb}\`` : "(none)"}` };
}

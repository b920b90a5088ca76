/** What a hook receives: a Slack message, a Teams message card, or Andon's JSON event. */
export type HookFormat = "slack" | "teams" | "json";

export interface NotifyHook {
  /** Its place in `ANDON_NOTIFY_URLS`: with the transition, what makes a message unique. */
  index: number;
  format: HookFormat;
  /** The URL to post to. A secret: never logged, never put in a job's data. */
  url: string;
  /** What logs may say of it: the index, the scheme and the host, never the path. */
  redacted: string;
}

export interface HookList {
  hooks: NotifyHook[];
  /** Entries that are not http(s) URLs, redacted the same way, for one warning at start. */
  rejected: string[];
}

const PREFIXES: ReadonlyArray<[string, HookFormat]> = [
  ["slack:", "slack"],
  ["teams:", "teams"],
];

/** Slack incoming webhooks live on hooks.slack.com; Teams ones on `<tenant>.webhook.office.com`. */
function formatOfHost(host: string): HookFormat {
  if (host === "hooks.slack.com") return "slack";
  if (host.endsWith(".webhook.office.com")) return "teams";
  return "json";
}

/**
 * The hooks of `ANDON_NOTIFY_URLS` (comma-separated). A `slack:` or `teams:` prefix picks
 * the format for a URL whose host does not tell (a proxy, a self-hosted relay). Indexes
 * count every entry, so a rejected entry does not renumber the hooks after it.
 */
export function parseHooks(value: string | undefined): HookList {
  const hooks: NotifyHook[] = [];
  const rejected: string[] = [];
  const entries = (value ?? "").split(",").map((e) => e.trim());
  entries.forEach((entry, index) => {
    if (!entry) return;
    const prefix = PREFIXES.find(([p]) => entry.toLowerCase().startsWith(p));
    const raw = prefix ? entry.slice(prefix[0].length) : entry;
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      rejected.push(`hook ${index} (not an http(s) URL)`);
      return;
    }
    hooks.push({
      index,
      format: prefix?.[1] ?? formatOfHost(url.hostname),
      url: url.href,
      redacted: `hook ${index} (${url.protocol}//${url.host})`,
    });
  });
  return { hooks, rejected };
}

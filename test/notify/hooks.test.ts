import { describe, expect, it } from "@jest/globals";
import { parseHooks } from "../../src/notify/hooks.js";

describe("parseHooks (ANDON_NOTIFY_URLS)", () => {
  it.each([
    ["https://hooks.slack.com/services/T0/B0/secret", "slack"],
    ["slack:https://relay.example.com/slack/abc", "slack"],
    ["SLACK:https://relay.example.com/slack/abc", "slack"],
    ["https://acme.webhook.office.com/webhookb2/xyz", "teams"],
    ["teams:https://relay.example.com/teams/abc", "teams"],
    ["https://events.example.com/andon?token=abc", "json"],
    ["http://127.0.0.1:8080/hook", "json"],
    // A look-alike host is not Slack: only the real host or an explicit prefix.
    ["https://hooks.slack.com.evil.example/x", "json"],
    ["https://webhook.office.com.evil.example/x", "json"],
  ])("reads %s as a %s hook", (entry, format) => {
    const { hooks, rejected } = parseHooks(entry);
    expect(rejected).toEqual([]);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.format).toBe(format);
    expect(hooks[0]!.url).toBe(new URL(entry.replace(/^(slack|teams):/i, "")).href);
  });

  it("numbers every entry, so a bad one does not renumber the hooks after it", () => {
    const { hooks, rejected } = parseHooks(
      " https://a.example/1 , ftp://b.example/2,, not a url ,https://c.example/3",
    );
    expect(hooks.map((h) => h.index)).toEqual([0, 4]);
    expect(rejected).toEqual(["hook 1 (not an http(s) URL)", "hook 3 (not an http(s) URL)"]);
  });

  it("reads nothing from an unset or empty variable", () => {
    expect(parseHooks(undefined)).toEqual({ hooks: [], rejected: [] });
    expect(parseHooks("")).toEqual({ hooks: [], rejected: [] });
  });

  it("redacts a hook to its index, scheme and host: no path, query or credentials", () => {
    const { hooks } = parseHooks(
      "https://user:pw@hooks.slack.com/services/T0/B0/s3cret?x=1,https://e.example:8443/k/s3cret",
    );
    expect(hooks.map((h) => h.redacted)).toEqual([
      "hook 0 (https://hooks.slack.com)",
      "hook 1 (https://e.example:8443)",
    ]);
    for (const h of hooks) expect(h.redacted).not.toMatch(/s3cret|user|pw/);
  });
});

/**
 * The documented shapes of what Slack and Teams incoming webhooks accept, written down
 * as checks: each returns the list of problems (empty when the message is valid).
 *
 * Slack Block Kit (https://api.slack.com/reference/block-kit/blocks and
 * .../composition-objects): at most 50 blocks; `header` holds one `plain_text` of at
 * most 150 characters; `section` has `text` and/or at most 10 `fields`, each a text
 * object of at most 2000 characters; `actions` holds at most 25 elements; a `button`
 * has a `plain_text` label of at most 75 characters, a `url` of at most 3000 and an
 * `action_id` of at most 255. A message with blocks should still carry `text`, the
 * fallback shown in notifications.
 *
 * Microsoft Teams connector message card (learn.microsoft.com, "Legacy actionable
 * message card reference"): `@type: "MessageCard"`, `@context:
 * "https://schema.org/extensions"`, a `summary` (or `text`), an optional hex
 * `themeColor`, `sections` of `facts` ({name, value} strings), and `potentialAction`
 * of which `OpenUri` carries `targets` of {os, uri}.
 */
type Json = Record<string, unknown>;

const isString = (v: unknown, max = Infinity): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= max;

function textObject(o: unknown, where: string, max: number, plainOnly = false): string[] {
  const t = o as Json | undefined;
  if (!t || (t.type !== "plain_text" && (plainOnly || t.type !== "mrkdwn"))) {
    return [`${where}: not a ${plainOnly ? "plain_text" : "text"} object`];
  }
  return isString(t.text, max) ? [] : [`${where}: text missing or longer than ${max}`];
}

export function slackProblems(message: unknown): string[] {
  const m = message as Json;
  const problems: string[] = [];
  if (!isString(m.text)) problems.push("text: the notification fallback is missing");
  const blocks = m.blocks as Json[] | undefined;
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) {
    return [...problems, "blocks: 1 to 50 blocks"];
  }
  blocks.forEach((b, i) => {
    const at = `blocks[${i}]`;
    switch (b.type) {
      case "header":
        problems.push(...textObject(b.text, `${at}.text`, 150, true));
        break;
      case "section": {
        const fields = b.fields as unknown[] | undefined;
        if (!b.text && !fields) problems.push(`${at}: a section needs text or fields`);
        if (b.text) problems.push(...textObject(b.text, `${at}.text`, 3000));
        if (fields && (fields.length === 0 || fields.length > 10))
          problems.push(`${at}.fields: 1 to 10`);
        fields?.forEach((f, j) => problems.push(...textObject(f, `${at}.fields[${j}]`, 2000)));
        break;
      }
      case "actions": {
        const elements = b.elements as Json[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
          problems.push(`${at}.elements: 1 to 25`);
        elements?.forEach((e, j) => {
          if (e.type !== "button") return problems.push(`${at}.elements[${j}]: not a button`);
          problems.push(...textObject(e.text, `${at}.elements[${j}].text`, 75, true));
          if (e.url !== undefined && !isString(e.url, 3000))
            problems.push(`${at}.elements[${j}].url`);
          if (!isString(e.action_id, 255)) problems.push(`${at}.elements[${j}].action_id`);
        });
        break;
      }
      default:
        problems.push(`${at}: unexpected block type ${String(b.type)}`);
    }
  });
  return problems;
}

export function teamsProblems(card: unknown): string[] {
  const c = card as Json;
  const problems: string[] = [];
  if (c["@type"] !== "MessageCard") problems.push("@type must be MessageCard");
  if (c["@context"] !== "https://schema.org/extensions") problems.push("@context");
  if (!isString(c.summary) && !isString(c.text)) problems.push("summary or text is required");
  if (c.themeColor !== undefined && !/^[0-9A-Fa-f]{6}$/.test(String(c.themeColor)))
    problems.push("themeColor: a hex colour");
  const sections = (c.sections ?? []) as Json[];
  if (!Array.isArray(sections)) problems.push("sections: an array");
  sections.forEach((s, i) => {
    const facts = (s.facts ?? []) as Json[];
    facts.forEach((f, j) => {
      if (!isString(f.name) || !isString(f.value)) problems.push(`sections[${i}].facts[${j}]`);
    });
  });
  const actions = (c.potentialAction ?? []) as Json[];
  actions.forEach((a, i) => {
    if (a["@type"] !== "OpenUri" || !isString(a.name)) problems.push(`potentialAction[${i}]`);
    const targets = a.targets as Json[] | undefined;
    if (!targets?.length || !targets.every((t) => isString(t.os) && isString(t.uri)))
      problems.push(`potentialAction[${i}].targets`);
  });
  return problems;
}

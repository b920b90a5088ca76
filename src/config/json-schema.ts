import { z } from "zod";
import { configSchema } from "./schema.js";

export const SCHEMA_ID = "https://raw.githubusercontent.com/andon-ci/andon/main/andon.schema.json";

/**
 * `_extends` is resolved by Probot's config plugin before validation, so the zod
 * schema never sees it; editors must still accept it at the top of the file.
 */
const EXTENDS_PROPERTY = {
  type: "string",
  description:
    "Inherit from another file: `repo` (its `.github/andon.yml`), `owner/repo`, or `owner/repo:path.yml`. This file's keys win.",
};

/**
 * The JSON Schema of `.github/andon.yml`, generated from the zod schema so the two
 * cannot drift: editors (YAML language server, `# yaml-language-server: $schema=`)
 * validate and explain the file as it is typed. `io: "input"` describes what a user
 * writes: every key optional, with its default.
 */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, properties, ...rest } = z.toJSONSchema(configSchema, { io: "input" });
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "Andon configuration",
    ...rest,
    properties: { _extends: EXTENDS_PROPERTY, ...properties },
  };
}

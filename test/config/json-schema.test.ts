import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { configJsonSchema } from "../../src/config/json-schema.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";

const committed = readFileSync(new URL("../../andon.schema.json", import.meta.url), "utf8");

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
}

const schema = configJsonSchema() as JsonSchema;
const sections = Object.keys(DEFAULT_CONFIG) as Array<keyof typeof DEFAULT_CONFIG>;

describe("andon.schema.json", () => {
  it("is what `npm run schema` generates from the zod schema today", () => {
    expect(JSON.parse(committed)).toEqual(configJsonSchema());
    expect(committed).toBe(JSON.stringify(configJsonSchema(), null, 2) + "\n");
  });

  it("names itself, so editors can fetch it by $id", () => {
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: expect.stringMatching(/\/andon\.schema\.json$/),
      title: "Andon configuration",
    });
  });

  it("accepts `_extends` at the top and nothing else unknown", () => {
    expect(Object.keys(schema.properties!).sort()).toEqual(["_extends", ...sections].sort());
    expect(schema.properties!._extends!.type).toBe("string");
    expect(schema.additionalProperties).toBe(false);
  });

  it.each(sections)("describes section %s and every key in it, with its default", (section) => {
    const json = schema.properties![section]!;
    expect(json.description).toEqual(expect.any(String));
    expect(json.additionalProperties).toBe(false);
    const keys = Object.keys(DEFAULT_CONFIG[section]);
    expect(Object.keys(json.properties!).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const property = json.properties![key]!;
      expect({ key, description: property.description }).toEqual({
        key,
        description: expect.stringMatching(/\.$/),
      });
      expect({ key, default: property.default }).toEqual({
        key,
        default: (DEFAULT_CONFIG[section] as Record<string, unknown>)[key],
      });
    }
  });
});

// `npm run schema`: regenerate `andon.schema.json` from the zod schema. A test
// fails when the committed file and the schema disagree.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/config/json-schema.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../andon.schema.json", import.meta.url));

writeFileSync(SCHEMA_FILE, JSON.stringify(configJsonSchema(), null, 2) + "\n");
console.log(`Wrote ${SCHEMA_FILE}`);

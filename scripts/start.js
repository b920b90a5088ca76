// `npm start`: build when needed, check the credentials, then serve Andon in this process
// (so SIGTERM reaches the code that drains the work queue, and no child is left behind).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = join(root, "lib", "index.js");
if (existsSync(".env")) process.loadEnvFile(".env");

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, item) => {
    const path = join(dir, item.name);
    return Math.max(max, item.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
// The production image ships the compiled lib/ only: no src/, nothing to build.
const src = join(root, "src");
if (existsSync(src) && (!existsSync(entry) || newest(src) > statSync(entry).mtimeMs)) {
  console.log("Building Andon (tsc)…");
  const build = spawnSync("npx", ["tsc", "-p", join(root, "tsconfig.json")], {
    stdio: "inherit",
    cwd: root,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH, WEBHOOK_SECRET, NODE_ENV } = process.env;
const missing = [
  !APP_ID && "APP_ID",
  !PRIVATE_KEY && !PRIVATE_KEY_PATH && "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
  !WEBHOOK_SECRET && "WEBHOOK_SECRET",
].filter(Boolean);
if (PRIVATE_KEY_PATH && !existsSync(PRIVATE_KEY_PATH)) {
  console.error(`Andon cannot start: PRIVATE_KEY_PATH=${PRIVATE_KEY_PATH} does not exist.`);
  process.exit(1);
}

const HOW_TO_SET = [
  "Set the credentials of a registered GitHub App (in the environment or .env):",
  "  APP_ID=12345",
  "  PRIVATE_KEY_PATH=./andon.private-key.pem   # or PRIVATE_KEY with the PEM itself",
  "  WEBHOOK_SECRET=<the app's webhook secret>",
];

if (missing.length > 0 && NODE_ENV === "production") {
  // A production deployment never falls back to a setup page or a demo.
  console.error(
    [
      `Andon cannot start in production: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set.`,
      "",
      ...HOW_TO_SET,
      "See README, “Install on an organisation”.",
    ].join("\n"),
  );
  process.exit(1);
}

if (missing.length > 0) {
  await startWithoutCredentials(missing);
} else {
  const { serve } = await import(new URL("../lib/ops/serve.js", import.meta.url).href);
  await serve(process.env);
}

/**
 * Outside production, without credentials: the demo (a simulated organisation, no GitHub,
 * marked DEMO on every page and in the log), whose pages offer registering the real app
 * through Probot's manifest flow. It runs in this process, from source, through tsx.
 */
async function startWithoutCredentials(missing) {
  console.log(
    `${missing.join(", ")} not set: starting the Andon DEMO. Set them (or register the app ` +
      "from the demo's page) to run the real app.",
  );
  const tsx = await import("tsx/esm/api").catch(() => undefined);
  if (!tsx) {
    console.error(["The demo needs the dev dependencies (npm ci).", "", ...HOW_TO_SET].join("\n"));
    process.exit(1);
  }
  tsx.register();
  process.argv.push("--offer-registration");
  await import(new URL("../demo/main.ts", import.meta.url).href);
}

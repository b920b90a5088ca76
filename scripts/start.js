// `npm start`: build when needed, check the credentials, then serve Andon in this process
// (so SIGTERM reaches the code that drains the work queue, and no child is left behind).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { lookup } from "node:dns/promises";
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

const { APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, NODE_ENV } = process.env;
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
 * Outside production, without credentials. The hook point for `npm start` with nothing
 * set (the demo will start here); today: Probot's manifest flow registers the app from
 * app.yml, which needs GitHub, so without network say what to set instead.
 */
async function startWithoutCredentials(missing) {
  const host = GHE_HOST || "github.com";
  const online = await lookup(host).then(
    () => true,
    () => false,
  );
  if (!online) {
    console.error(
      [
        `Andon cannot start: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set, ` +
          `and ${host} cannot be reached to register the app.`,
        "",
        ...HOW_TO_SET,
        "or run `npm start` with network access to register Andon from app.yml (see README).",
      ].join("\n"),
    );
    process.exit(1);
  }
  console.log(
    `${missing.join(", ")} not set: starting Probot's setup to register Andon from app.yml.`,
  );
  const run = spawnSync("npx", ["probot", "run", entry], { stdio: "inherit", cwd: root });
  process.exit(run.status ?? 1);
}

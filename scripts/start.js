// `npm start`: build when needed, check the credentials, then run Probot.
// Without credentials Probot's manifest flow registers the app, which needs GitHub;
// with neither credentials nor network say what to set instead of a stack trace.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { join } from "node:path";

if (existsSync(".env")) process.loadEnvFile(".env");

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
if (!existsSync("lib/index.js") || newest("src") > statSync("lib/index.js").mtimeMs) {
  console.log("Building Andon (tsc)…");
  const build = spawnSync("npx", ["tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST } = process.env;
const missing = [
  !APP_ID && "APP_ID",
  !PRIVATE_KEY && !PRIVATE_KEY_PATH && "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
  !WEBHOOK_SECRET && "WEBHOOK_SECRET",
].filter(Boolean);
if (PRIVATE_KEY_PATH && !existsSync(PRIVATE_KEY_PATH)) {
  console.error(`Andon cannot start: PRIVATE_KEY_PATH=${PRIVATE_KEY_PATH} does not exist.`);
  process.exit(1);
}
if (missing.length > 0) {
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
        "Either set the credentials of a registered GitHub App (in the environment or .env):",
        "  APP_ID=12345",
        "  PRIVATE_KEY_PATH=./andon.private-key.pem   # or PRIVATE_KEY with the PEM itself",
        "  WEBHOOK_SECRET=<the app's webhook secret>",
        "or run `npm start` with network access to register Andon from app.yml (see README).",
      ].join("\n"),
    );
    process.exit(1);
  }
  console.log(
    `${missing.join(", ")} not set: starting Probot's setup to register Andon from app.yml.`,
  );
}

const run = spawnSync("npx", ["probot", "run", "./lib/index.js"], { stdio: "inherit" });
process.exit(run.status ?? 1);

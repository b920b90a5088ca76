import { chromium } from "playwright-core";
import { startDemo } from "./start-demo.js";

/**
 * `npx tsx demo/screenshot.ts [file]`: the README's picture of the board (`docs/board.png`),
 * taken from the demo in headless Chromium in the early afternoon of its day — one
 * mainline red, one closed for a release, a repository without tests CI runs, a stale
 * branch — so the picture shows what the board is for.
 */
const file = process.argv[2] ?? "docs/board.png";
const demo = await startDemo({ port: 0, host: "127.0.0.1", dataDir: "memory://" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
});
try {
  for (;;) {
    const step = await demo.next();
    if (!step) throw new Error("the demo's day has no red step in the afternoon");
    if (/payments-web: .* the build fails/.test(step.title)) break;
  }
  const page = await browser.newPage({ viewport: { width: 1600, height: 1500 } });
  await page.goto(demo.boardUrl);
  await page.screenshot({ path: file });
  console.log(`Wrote ${file}`);
} finally {
  await browser.close();
  await demo.stop();
}

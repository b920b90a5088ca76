import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startDemo, type Demo } from "../../demo/start-demo.js";

/**
 * The board in a real browser (Debian's headless Chromium) against the demo: Andon on a
 * real Probot server, its embedded store and the simulated GitHub, playing acme's day.
 * Screenshots land in `screenshots/` (git-ignored) for people to look at.
 */
const SCREENSHOTS = join(process.cwd(), "screenshots");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let demo: Demo;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  demo = await startDemo({ port: 0, host: "127.0.0.1", refreshSeconds: 1, historyDays: 1 });
  profile = mkdtempSync(join(tmpdir(), "andon-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await demo?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const board = (query = "", token = demo.tokens.acme) =>
  `${demo.url}/andon?${new URLSearchParams({ token, ...Object.fromEntries(new URLSearchParams(query)) })}`;

const tableRepos = (page: Page) =>
  page
    .locator("table.repos tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-repo")));

describe("the andon board in Chromium", () => {
  it("filters by team prefix, red only and failing tests only, from the form", async () => {
    while (await demo.next());
    const page = await context.newPage();
    await page.goto(board());
    await page.getByLabel("Team prefix").fill("payments-");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/team=payments-/);
    expect((await tableRepos(page)).sort()).toEqual(["acme/payments-api", "acme/payments-web"]);
    await page.getByLabel("Team prefix").fill("");
    await page.getByLabel("Only failing tests").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/only=tests/);
    expect((await tableRepos(page)).sort()).toEqual(["acme/docs", "acme/infra"]);
    await page.close();
  }, 120_000);

  it("takes the end of the day's screenshots at desktop and phone width", async () => {
    const page = await context.newPage();
    await page.goto(board());
    await page.screenshot({ path: join(SCREENSHOTS, "board-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, "board-phone.png"), fullPage: true });
    // On a phone nothing but the wide table scrolls sideways.
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 60_000);

  it("sends a browser without sign-in or token to sign in, and shows it no repository", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${demo.url}/andon`);
    expect(new URL(page.url()).pathname).toBe("/andon/sign-in");
    expect(response?.status()).not.toBe(200);
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/acme\/|globex\//);
    const wrong = await page.goto(`${demo.url}/andon?token=not-the-token`);
    expect(new URL(page.url()).pathname).toBe("/andon/sign-in");
    expect(wrong?.status()).not.toBe(200);
    await page.close();
  }, 60_000);

  it("shows an installation's token its own repositories and never another's", async () => {
    const page = await context.newPage();
    await page.goto(board("", demo.tokens.globex));
    const globex = await tableRepos(page);
    expect(globex.sort()).toEqual(["globex/api", "globex/website"]);
    expect(await page.content()).not.toContain("acme/");
    await page.goto(board());
    const acme = await tableRepos(page);
    expect(acme).toHaveLength(12);
    expect(acme.every((r) => r?.startsWith("acme/"))).toBe(true);
    expect(await page.content()).not.toContain("globex/");
    await page.close();
  }, 60_000);
});

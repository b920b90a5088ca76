import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startDemo, type Demo } from "../../demo/start-demo.js";

/**
 * The board in a real browser (Debian's headless Chromium) against the demo: Andon on a
 * real Probot server, its embedded store and the simulated GitHub, playing acme's day
 * step by step as the tests need it. Screenshots land in `screenshots/` (git-ignored)
 * for people to look at.
 *
 * The tests run in order and share the demo: each plays the day on to the moment it
 * needs. Every wait is for something the page shows, never for a length of time.
 */
const SCREENSHOTS = join(process.cwd(), "screenshots");
const ARGS = [
  "--no-sandbox",
  // A container's /dev/shm is often 64 MB: too small for a renderer's shared memory.
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** How long the page may take to show what the demo did (the board looks every second). */
const SHOWN_WITHIN_MS = 30_000;

let starting: Promise<Demo> | undefined;
let demo: Demo;
let browser: Browser | undefined;
const unmodelled: string[] = [];

beforeAll(async () => {
  starting = startDemo({
    port: 0,
    host: "127.0.0.1",
    refreshSeconds: 1,
    historyDays: 1,
    dataDir: "memory://",
    onUnmodelled: (request) => unmodelled.push(request),
  });
  const launching = chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  [demo, browser] = await Promise.all([starting, launching]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  // About 10 s of CPU (the embedded store's initdb is a third of it): 25 s on an idle
  // machine, 65 s at a load of 12 on 2 cores. The bound leaves room for a load of 30.
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // A start-up cut short by its timeout still finishes, then closes everything it opened.
  await starting?.then(
    (started) => started.stop(),
    () => undefined,
  );
  // Everything Andon asked of the simulated GitHub during the day was modelled.
  expect(unmodelled).toEqual([]);
}, 60_000);

const board = (query = "", token = demo.tokens.acme) =>
  `${demo.url}/andon?${new URLSearchParams({ token, ...Object.fromEntries(new URLSearchParams(query)) })}`;

/** Plays the day up to and including the step whose title matches. */
async function playUntil(title: RegExp): Promise<void> {
  for (;;) {
    const step = await demo.next();
    if (!step) throw new Error(`the day has no step left matching ${title}`);
    if (title.test(step.title)) return;
  }
}

async function newPage(width = 1440, height = 900): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width, height } });
  return context.newPage();
}

const tableRepos = (page: Page) =>
  page
    .locator("table.repos tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-repo")));

const stoppedRepos = (page: Page) =>
  page.locator("li.stop").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-repo")));

describe("the andon board in Chromium", () => {
  it("shows the red repository first, with its breaking commit and author", async () => {
    await playUntil(/Bea pushes “Add cart totals”/);
    const breaking = demo.fake.head(demo.org.acme.shop);
    const page = await newPage();
    await page.goto(board());

    const first = page.locator("main#board > section").first();
    await expect(first.locator("h2").innerText()).resolves.toMatch(/1 mainline is stopped/);
    expect(await stoppedRepos(page)).toEqual(["acme/shop"]);
    const card = page.locator('li.stop[data-repo="acme/shop"]');
    expect(await card.locator(".badge").innerText()).toMatch(/RED/i);
    expect(await card.locator(".breaking code").innerText()).toBe(breaking.slice(0, 7));
    expect(await card.locator(".breaking a").getAttribute("href")).toMatch(
      new RegExp(`/acme/shop/commit/${breaking}$`),
    );
    expect(await card.locator(".author").innerText()).toBe("bea");
    expect(await card.locator(".failing").innerText()).toContain("unit tests");
    // The table below, worst first, leads with it too.
    expect((await tableRepos(page))[0]).toBe("acme/shop");
    expect(await page.title()).toMatch(/1 stopped/);
    await page.context().close();
  }, 60_000);

  it("turns the repository green when the fix lands, without a reload", async () => {
    const page = await newPage();
    await page.goto(board());
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    // A reload would start a new document without this mark.
    await page.evaluate("window.andonTestMark = 'same document'");

    // Mid-morning: checkout reverted, inventory closed for a release, shop still red.
    await playUntil(/Finn opens a fix-forward/);
    await page.locator('li.stop[data-repo="acme/inventory"]').waitFor({ timeout: SHOWN_WITHIN_MS });
    expect(await stoppedRepos(page)).toEqual(["acme/shop", "acme/inventory"]);
    await page.screenshot({ path: join(SCREENSHOTS, "board-red-desktop.png") });

    await playUntil(/shop: the fix is merged/);
    await page
      .locator('li.stop[data-repo="acme/shop"]')
      .waitFor({ state: "detached", timeout: SHOWN_WITHIN_MS });
    expect(await stoppedRepos(page)).toEqual(["acme/inventory"]);
    const row = page.locator('table.repos tr[data-repo="acme/shop"]');
    expect(await row.getAttribute("data-state")).toBe("green");
    expect(await row.locator(".badge").innerText()).toMatch(/GREEN/i);
    expect(await page.title()).toMatch(/1 stopped/);

    expect(navigations).toBe(0);
    expect(await page.evaluate("window.andonTestMark")).toBe("same document");
    await page.context().close();
  }, 60_000);

  it("filters by team prefix, red only and failing tests only, from the form", async () => {
    while (await demo.next());
    const page = await newPage();
    await page.goto(board());
    await page.getByLabel("Team prefix").fill("payments-");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/team=payments-/);
    expect((await tableRepos(page)).sort()).toEqual(["acme/payments-api", "acme/payments-web"]);

    await page.getByLabel("Team prefix").fill("");
    await page.getByLabel("Only red").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/only=red/);
    // At the end of the day payments-web is red; inventory was opened again at 14:00.
    expect(await tableRepos(page)).toEqual(["acme/payments-web"]);
    expect(await stoppedRepos(page)).toEqual(["acme/payments-web"]);

    await page.getByLabel("Only red").uncheck();
    await page.getByLabel("Only failing tests").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.getAll("only").join() === "tests");
    expect((await tableRepos(page)).sort()).toEqual(["acme/docs", "acme/infra"]);
    await page.context().close();
  }, 60_000);

  it("names each repository's oldest stale branch and its author", async () => {
    const page = await newPage();
    await page.goto(board());
    const row = page.locator("section[aria-labelledby=stale-h] tbody tr");
    expect(await row.count()).toBe(1);
    const cells = await row.locator("th, td").allInnerTexts();
    expect(cells[0]).toBe("acme/analytics");
    expect(cells[1]).toBe("1");
    expect(cells[2]).toMatch(/^experiment\/new-charts \d/);
    expect(cells[3]).toBe("dee");
    await page.context().close();
  }, 60_000);

  it("takes the end of the day's screenshots at desktop and phone width", async () => {
    const page = await newPage();
    await page.goto(board());
    await page.screenshot({ path: join(SCREENSHOTS, "board-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, "board-phone.png"), fullPage: true });
    // On a phone nothing but the wide table scrolls sideways.
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  }, 60_000);

  it("sends a browser without sign-in or token to sign in, and shows it no repository", async () => {
    const page = await newPage();
    const response = await page.goto(`${demo.url}/andon`);
    expect(new URL(page.url()).pathname).toBe("/andon/sign-in");
    expect(response?.status()).not.toBe(200);
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/acme\/|globex\//);
    const wrong = await page.goto(`${demo.url}/andon?token=not-the-token`);
    expect(new URL(page.url()).pathname).toBe("/andon/sign-in");
    expect(wrong?.status()).not.toBe(200);
    await page.context().close();
  }, 60_000);

  it("shows an installation's token its own repositories and never another's", async () => {
    const page = await newPage();
    await page.goto(board("", demo.tokens.globex));
    const globex = await tableRepos(page);
    expect(globex.sort()).toEqual(["globex/api", "globex/website"]);
    // globex's own red main shows on its own board, and acme's red never does.
    expect(await stoppedRepos(page)).toEqual(["globex/api"]);
    expect(await page.content()).not.toContain("acme/");
    await page.goto(board());
    const acme = await tableRepos(page);
    expect(acme).toHaveLength(12);
    expect(acme.every((r) => r?.startsWith("acme/"))).toBe(true);
    expect(await page.content()).not.toContain("globex/");
    await page.context().close();
  }, 60_000);
});

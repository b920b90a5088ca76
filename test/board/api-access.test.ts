import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { openDb } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore, type Store } from "../../src/store/store.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { startPostgres, type RunningService } from "../kit/services.js";

const BOARD_TOKEN = "board-token-for-the-wall";
const REPOS = ["acme/api", "acme/secret", "acme/shop"];
const GLOBEX_REPO = "globex/site";
const ACME_WALL_TOKEN = "acme-wall-display-token";

let postgres: RunningService;
let store: Store;

beforeAll(async () => {
  postgres = await startPostgres();
  const db = await openDb({ databaseUrl: postgres.url });
  await migrate(db);
  store = createStore(db);
  for (const repo of REPOS) await store.seeRepository(repo, 1, "2026-11-01T00:00:00.000Z");
  // Another organisation's installation in the same deployment.
  await store.seeRepository(GLOBEX_REPO, 2, "2026-11-01T00:00:00.000Z");
  await store.recordRed({
    repo: "acme/secret",
    installationId: 1,
    breakingSha: "5ec12e7",
    author: "mona",
    failingChecks: ["build"],
    at: "2026-11-24T12:00:00.000Z",
    url: null,
  });
}, 60_000);
afterAll(async () => {
  await store.close();
  await postgres.stop();
});
afterEach(stopAndon);

async function start(): Promise<Harness> {
  const fake = new FakeGitHub();
  fake.installation(1, "acme");
  for (const repo of REPOS) fake.repo(repo, { installationId: 1 });
  return startAndon(
    {
      history: async () => store,
      env: {
        ANDON_SWEEP_INTERVAL: "0",
        ANDON_BOARD_TOKEN: BOARD_TOKEN,
        ANDON_BOARD_TOKENS: `1:${ACME_WALL_TOKEN}`,
        GITHUB_CLIENT_ID: fake.oauth.client.clientId,
        GITHUB_CLIENT_SECRET: fake.oauth.client.clientSecret,
      },
    },
    fake,
  );
}

const reposIn = (body: unknown) =>
  (body as { repos: Array<{ repo: string }> }).repos.map((r) => r.repo);
const cookieOf = (setCookies: string[] | undefined, name: string) =>
  setCookies?.find((c) => c.startsWith(`${name}=`))?.split(";")[0];

/** The web flow as a browser walks it: sign-in, GitHub's authorize page, the callback. */
async function signIn(harness: Harness, login: string, readable: string[]): Promise<string> {
  const started = await harness.request("GET", "/andon/sign-in");
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.location![0]!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(
    "https://github.com/login/oauth/authorize",
  );
  expect(authorize.searchParams.get("client_id")).toBe(harness.fake.oauth.client.clientId);
  const state = authorize.searchParams.get("state")!;
  const stateCookie = cookieOf(started.headers["set-cookie"], "andon_oauth_state")!;
  expect(stateCookie).toBe(`andon_oauth_state=${state}`);
  const code = harness.fake.oauth.approve(login, readable);
  const back = await harness.request("GET", `/andon/sign-in/callback?code=${code}&state=${state}`, {
    cookie: stateCookie,
  });
  expect(back.status).toBe(302);
  expect(back.headers.location).toEqual(["/andon"]);
  const session = back.headers["set-cookie"]!.find((c) => c.startsWith("andon_session="))!;
  expect(session).toMatch(/HttpOnly/);
  expect(session).toMatch(/Secure/);
  expect(session).toMatch(/SameSite=Lax/);
  return session.split(";")[0]!;
}

describe("who sees the figures", () => {
  it.each([
    ["no token", "/andon/api/summary", {}],
    ["a wrong bearer token", "/andon/api/summary", { authorization: "Bearer guess" }],
    ["a wrong ?token=", `/andon/api/summary?token=guess`, {}],
    [
      "a forged session cookie",
      "/andon/api/summary",
      { cookie: "andon_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    ],
    ["no token, one repository", "/andon/api/repos/acme/shop", {}],
  ])("answers 401 to %s, naming no repository", async (_name, path, headers) => {
    const harness = await start();
    const answer = await harness.http("GET", path, headers);
    expect(answer).toEqual({ status: 401, body: { message: "Sign in, or send the board token" } });
    expect(harness.fake.requests).toEqual([]);
  });

  it.each([
    ["the bearer header", "/andon/api/summary", { authorization: `Bearer ${BOARD_TOKEN}` }],
    ["?token=", `/andon/api/summary?token=${BOARD_TOKEN}`, {}],
  ])(
    "shows every repository of the deployment to the board token in %s",
    async (_n, path, headers) => {
      const harness = await start();
      const answer = await harness.http("GET", path, headers);
      expect(answer.status).toBe(200);
      expect(reposIn(answer.body)).toEqual([...REPOS, GLOBEX_REPO]);
    },
  );

  it("shows an installation's own token that installation only, in both endpoints", async () => {
    const harness = await start();
    const auth = { authorization: `Bearer ${ACME_WALL_TOKEN}` };
    const summary = await harness.http("GET", "/andon/api/summary", auth);
    expect(summary.status).toBe(200);
    expect(reposIn(summary.body)).toEqual(REPOS);
    const own = await harness.http("GET", "/andon/api/repos/acme/secret", auth);
    expect((own.body as { repo: string }).repo).toBe("acme/secret");
    const other = await harness.http("GET", `/andon/api/repos/${GLOBEX_REPO}`, auth);
    expect(other).toEqual({ status: 404, body: { message: "Not Found" } });
  });

  it("shows a signed-in person only the repositories GitHub says they can read", async () => {
    const harness = await start();
    const session = await signIn(harness, "mona", ["acme/shop", "acme/api"]);

    const summary = await harness.http("GET", "/andon/api/summary?days=7", { cookie: session });
    expect(summary.status).toBe(200);
    expect(reposIn(summary.body)).toEqual(["acme/api", "acme/shop"]);
    // The installation's figures are theirs too: the red secret repository is not in them.
    expect((summary.body as { installation: { episodes: number } }).installation.episodes).toBe(0);

    const secret = await harness.http("GET", "/andon/api/repos/acme/secret", { cookie: session });
    expect(secret).toEqual({ status: 404, body: { message: "Not Found" } });
    const shop = await harness.http("GET", "/andon/api/repos/acme/shop", { cookie: session });
    expect(shop.status).toBe(200);
    expect((shop.body as { repo: string }).repo).toBe("acme/shop");
  });

  it("asks GitHub again after a few minutes, and ends the session of a revoked token", async () => {
    const harness = await start();
    const session = await signIn(harness, "mona", ["acme/shop"]);
    expect((await harness.http("GET", "/andon/api/summary", { cookie: session })).status).toBe(200);
    harness.fake.oauth.revoke("mona");
    // Within the cache's few minutes the answer stands; after them GitHub is asked.
    expect((await harness.http("GET", "/andon/api/summary", { cookie: session })).status).toBe(200);
    harness.fake.advance(6 * 60_000);
    expect((await harness.http("GET", "/andon/api/summary", { cookie: session })).status).toBe(401);
  });

  it("refuses a callback whose state is not the browser's own", async () => {
    const harness = await start();
    const started = await harness.request("GET", "/andon/sign-in");
    const stateCookie = cookieOf(started.headers["set-cookie"], "andon_oauth_state")!;
    const code = harness.fake.oauth.approve("mallory", REPOS);
    const back = await harness.request("GET", `/andon/sign-in/callback?code=${code}&state=other`, {
      cookie: stateCookie,
    });
    expect(back.status).toBe(400);
    expect(back.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a code GitHub does not know", async () => {
    const harness = await start();
    const started = await harness.request("GET", "/andon/sign-in");
    const state = new URL(started.headers.location![0]!).searchParams.get("state")!;
    const back = await harness.request(
      "GET",
      `/andon/sign-in/callback?code=made-up&state=${state}`,
      {
        cookie: `andon_oauth_state=${state}`,
      },
    );
    expect(back.status).toBe(400);
    expect(back.headers["set-cookie"]).toBeUndefined();
  });

  it("signs out by clearing the session cookie", async () => {
    const harness = await start();
    const out = await harness.request("POST", "/andon/sign-out");
    expect(out.status).toBe(302);
    expect(out.headers["set-cookie"]).toEqual([
      "andon_session=; Path=/andon; Max-Age=0; HttpOnly; Secure; SameSite=Lax",
    ]);
  });

  it("signs out only by a POST from the board itself", async () => {
    const harness = await start();
    const link = await harness.request("GET", "/andon/sign-out");
    expect(link.status).toBe(405);
    expect(link.headers.allow).toEqual(["POST"]);
    expect(link.headers["set-cookie"]).toBeUndefined();
    const crossSite = await harness.request("POST", "/andon/sign-out", {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers["set-cookie"]).toBeUndefined();
  });

  it("answers 503, not someone else's figures, when GitHub cannot say what a person reads", async () => {
    const harness = await start();
    const session = await signIn(harness, "mona", ["acme/shop"]);
    harness.fake.fail({ method: "GET", path: "/user/installations", status: 502 });
    const answer = await harness.http("GET", "/andon/api/summary", { cookie: session });
    expect(answer).toEqual({
      status: 503,
      body: { message: "Could not find what you can read: try again" },
    });
  });

  it("answers 400 to a period it cannot measure", async () => {
    const harness = await start();
    for (const days of ["0", "-3", "abc", "400", "1.5"]) {
      const answer = await harness.http("GET", `/andon/api/summary?days=${days}`, {
        authorization: `Bearer ${BOARD_TOKEN}`,
      });
      expect(answer).toEqual({ status: 400, body: { message: "days must be 1 to 366" } });
    }
  });
});

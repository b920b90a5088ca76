import { describe, expect, it } from "@jest/globals";
import type { IncomingMessage } from "node:http";
import type { Logger } from "probot";
import { createAccess, describeViewer, installationTokensFrom } from "../../src/board/access.js";
import { githubHosts } from "../../src/github/user-access.js";

const REPOSITORIES = [
  { repo: "acme/shop", installationId: 1 },
  { repo: "acme/inventory", installationId: 1 },
  { repo: "globex/api", installationId: 2 },
];
const WHOLE = "whole-deployment-wall-token";

/** The access as `src/index.ts` builds it from the environment, without sign-in. */
const access = createAccess({
  boardToken: WHOLE,
  installationTokens: installationTokensFrom("1:acme-wall-token-0001,2:globex-wall-token-01"),
  repositoriesOf: async (id) =>
    REPOSITORIES.filter((r) => r.installationId === id).map((r) => r.repo),
  hosts: githubHosts({}),
  clock: () => new Date("2026-11-25T12:00:00Z"),
  log: {} as Logger,
});

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

async function readable(req: IncomingMessage) {
  const viewer = await access.authorize(req);
  if (!viewer) return null;
  return [...REPOSITORIES.map((r) => r.repo), "initech/unseen"].filter((r) => viewer.canRead(r));
}

describe("installationTokensFrom", () => {
  it.each([
    ["", []],
    ["1:wall-token-of-acme-0001", [["wall-token-of-acme-0001", 1]]],
    [
      " 1:aaaaaaaaaaaaaaaa , 22:bbbbbbbbbbbbbbbb ",
      [
        ["aaaaaaaaaaaaaaaa", 1],
        ["bbbbbbbbbbbbbbbb", 22],
      ],
    ],
  ])("reads %j", (raw, expected) => {
    expect([...installationTokensFrom(raw)]).toEqual(expected);
  });

  it.each(["acme:aaaaaaaaaaaaaaaa", "1:short", "1:", "aaaaaaaaaaaaaaaa"])(
    "refuses %j at start rather than guess",
    (raw) => {
      expect(() => installationTokensFrom(raw)).toThrow(/ANDON_BOARD_TOKENS/);
    },
  );
});

describe("board tokens", () => {
  it("gives an installation's token that installation's repositories only, by header or query", async () => {
    await expect(readable(request("/andon?token=acme-wall-token-0001"))).resolves.toEqual([
      "acme/shop",
      "acme/inventory",
    ]);
    await expect(
      readable(request("/andon/api/summary", { authorization: "Bearer globex-wall-token-01" })),
    ).resolves.toEqual(["globex/api"]);
  });

  it("gives ANDON_BOARD_TOKEN every installation of the deployment", async () => {
    await expect(readable(request(`/andon?token=${WHOLE}`))).resolves.toEqual([
      "acme/shop",
      "acme/inventory",
      "globex/api",
      "initech/unseen",
    ]);
  });

  it.each([
    ["a wrong token", request("/andon?token=acme-wall-token-0002")],
    ["a prefix of a token", request("/andon?token=acme-wall-token")],
    ["an empty bearer", request("/andon", { authorization: "Bearer " })],
    ["a wrong token beside a cookie", request("/andon?token=guess", { cookie: "andon_session=x" })],
    ["nothing", request("/andon")],
  ])("lets %s see nothing", async (_name, req) => {
    await expect(access.authorize(req)).resolves.toBeNull();
  });

  it("fails closed: without the store's list an installation's token reads nothing", async () => {
    const blind = createAccess({
      installationTokens: installationTokensFrom("1:acme-wall-token-0001"),
      hosts: githubHosts({}),
      clock: () => new Date("2026-11-25T12:00:00Z"),
      log: {} as Logger,
    });
    const viewer = (await blind.authorize(request("/andon?token=acme-wall-token-0001")))!;
    expect(viewer).toMatchObject({ kind: "token", installationId: 1 });
    expect(viewer.canRead("acme/shop")).toBe(false);
    expect(describeViewer(viewer)).toBe("Wall display");
  });
});

import { randomBytes } from "node:crypto";
import nock from "nock";
import type { FakeGitHub } from "./fake-github.js";
import { PAGING, paginate, route, type FakeRequest, type Route } from "./router.js";
import { repoJson } from "./serialize.js";

/** A person who can sign in to the board, and the repositories they can read. */
export interface FakeUser {
  login: string;
  id: number;
  /** `owner/repo` the person can read (as a collaborator, an org member, or owner). */
  readable: Set<string>;
  token: string;
}

/**
 * GitHub's OAuth web flow for the app's client, and what a user access token can list
 * ("Generating a user access token for a GitHub App":
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app;
 * "List app installations accessible to the user access token" and "List repositories
 * accessible to the user access token":
 * https://docs.github.com/en/rest/apps/installations). A user token sees the app's
 * installations the person can reach, and in each only the repositories they can read.
 */
export class FakeOAuth {
  readonly client = { clientId: "Iv1.fakeclient", clientSecret: "fake-client-secret" };
  private readonly users = new Map<string, FakeUser>();
  private readonly codes = new Map<string, FakeUser>();

  constructor(private readonly fake: FakeGitHub) {}

  /** A person who just approved the app on GitHub's authorize page: the callback's code. */
  approve(login: string, readable: string[]): string {
    const user = [...this.users.values()].find((u) => u.login === login) ?? {
      login,
      id: this.fake.id(),
      readable: new Set<string>(),
      token: `ghu_${randomBytes(12).toString("hex")}`,
    };
    for (const r of readable) user.readable.add(r);
    this.users.set(user.token, user);
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, user);
    return code;
  }

  /** Revokes every token of `login` (the person revoked the app). */
  revoke(login: string): void {
    for (const [token, user] of this.users) if (user.login === login) this.users.delete(token);
  }

  private userOf(req: FakeRequest): FakeUser | undefined {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    return token ? this.users.get(token) : undefined;
  }

  routes(): Route[] {
    const fake = this.fake;
    const unauthorized = { status: 401, body: { message: "Bad credentials" } };
    const reposOf = (user: FakeUser, installationId: number) =>
      [...fake.repos.values()].filter(
        (r) => r.installationId === installationId && user.readable.has(`${r.owner}/${r.name}`),
      );
    return [
      route("GET", "/user", {}, (req) => {
        const user = this.userOf(req);
        return user ? { login: user.login, id: user.id, type: "User" } : unauthorized;
      }),
      route("GET", "/user/installations", { query: PAGING }, (req) => {
        const user = this.userOf(req);
        if (!user) return unauthorized;
        const all = [...fake.installations.values()]
          .filter((i) => reposOf(user, i.id).length > 0)
          .map((i) => ({ id: i.id, account: { login: i.account } }));
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: { total_count: all.length, installations: slice }, headers };
      }),
      route("GET", "/user/installations/{id}/repositories", { query: PAGING }, (req) => {
        const user = this.userOf(req);
        if (!user) return unauthorized;
        const all = reposOf(user, Number(req.params.id)).map(repoJson);
        if (!all.length) return { status: 404, body: { message: "Not Found" } };
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: { total_count: all.length, repositories: slice }, headers };
      }),
    ];
  }

  /**
   * `POST https://github.com/login/oauth/access_token`: a code is good once, for this
   * client only; a bad one is answered 200 with an `error` field, as GitHub does.
   */
  install(): void {
    nock("https://github.com")
      .persist()
      .post("/login/oauth/access_token")
      .reply((_uri, body) => {
        const params = (typeof body === "string" ? JSON.parse(body) : body) as Record<
          string,
          string
        >;
        const user = this.codes.get(params.code ?? "");
        const clientOk =
          params.client_id === this.client.clientId &&
          params.client_secret === this.client.clientSecret;
        if (!user || !clientOk) {
          return [
            200,
            {
              error: "bad_verification_code",
              error_description: "The code passed is incorrect or expired.",
            },
          ];
        }
        this.codes.delete(params.code!);
        return [200, { access_token: user.token, token_type: "bearer", scope: "" }];
      });
  }
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import {
  authorizeUrl,
  exchangeOAuthCode,
  getSignedInLogin,
  listReadableRepositories,
  type GitHubHosts,
} from "../github/user-access.js";
import { cookie, cookies, sessionCodec, type Session } from "./session-cookie.js";

/** Who is asking, and what they may see. Nobody else sees anything (PRODUCT.md). */
export interface Viewer {
  /** `token`: a board token, read-only (a wall display). `user`: signed in. */
  kind: "token" | "user";
  login: string | null;
  /** A token from `ANDON_BOARD_TOKENS` sees this installation's repositories only. */
  installationId?: number;
  canRead(repo: string): boolean;
}

export interface AccessOptions {
  /** `ANDON_BOARD_TOKEN`: every installation of the deployment; no token access without it. */
  boardToken?: string;
  /** `ANDON_BOARD_TOKENS`, read by {@link installationTokensFrom}: token → installation. */
  installationTokens?: ReadonlyMap<string, number>;
  /**
   * The repositories of an installation, as the history store knows them: what its token
   * may see. Without it an installation's token sees nothing.
   */
  repositoriesOf?: (installationId: number) => Promise<Iterable<string>>;
  /** `GITHUB_CLIENT_ID` / `GITHUB_CLIENT_SECRET`; no sign-in without them. */
  oauth?: { clientId: string; clientSecret: string };
  hosts: GitHubHosts;
  clock: () => Date;
  log: Logger;
}

export interface Access {
  /** The viewer a request speaks for, or null (answer 401, or send to sign-in). */
  authorize(req: IncomingMessage): Promise<Viewer | null>;
  /** `/andon/sign-in`, its callback and `/andon/sign-out`; false for any other path. */
  routes(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export const BOARD_PATH = "/andon";
export const SIGN_IN_PATH = "/andon/sign-in";
export const CALLBACK_PATH = "/andon/sign-in/callback";
export const SIGN_OUT_PATH = "/andon/sign-out";

const SESSION_COOKIE = "andon_session";
const STATE_COOKIE = "andon_oauth_state";
/** GitHub's user access tokens expire after eight hours; the session with them. */
const SESSION_MS = 8 * 3_600_000;
/** How long a person's list of readable repositories is trusted before asking again. */
const REPOS_TTL_MS = 5 * 60_000;
const CACHE_LIMIT = 1_000;

/** Cookies go with the board's requests only. */
const boardCookie = (name: string, value: string, maxAgeS: number) =>
  cookie(name, value, maxAgeS, BOARD_PATH);

const digestOf = (text: string) => createHash("sha256").update(text).digest();

/** Constant time: hashing both sides first gives equal lengths, so nothing leaks. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(digestOf(a), digestOf(b));
}

/**
 * `ANDON_BOARD_TOKENS`: one wall-display token per installation, `<id>:<token>` separated
 * by commas, for a deployment that serves several organisations: each token shows its own
 * installation and nothing else. Malformed entries throw at start rather than silently
 * granting nothing (or more).
 */
export function installationTokensFrom(raw: string | undefined): Map<string, number> {
  const tokens = new Map<string, number>();
  for (const entry of (raw ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^(\d+):(\S{16,})$/.exec(entry);
    if (!match) {
      throw new Error(
        "ANDON_BOARD_TOKENS must be <installation id>:<token of 16+ characters>, comma-separated",
      );
    }
    tokens.set(match[2]!, Number(match[1]));
  }
  return tokens;
}

/** How the board's header names the viewer. */
export function describeViewer(viewer: Viewer): string {
  return viewer.kind === "user" && viewer.login ? `Signed in as ${viewer.login}` : "Wall display";
}

function presentedToken(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  return bearer ?? new URL(req.url ?? "/", "http://andon").searchParams.get("token") ?? undefined;
}

/** Whether a request's `Origin`, when the browser sent one, is this server itself. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function text(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
  return true;
}

/**
 * Board access for the API and the pages alike: the board token (header or `?token=`),
 * or a GitHub sign-in through the app's OAuth client, which sees the repositories that
 * person can read, asked of GitHub with their own token (cached for a few minutes).
 */
export function createAccess(options: AccessOptions): Access {
  const { oauth, hosts, clock, log } = options;
  const codec = oauth ? sessionCodec(oauth.clientSecret) : undefined;
  // Compared by hash in constant time, every one every time: which one matched (or how
  // much of one) never shows in the time taken.
  const installationTokens = [...(options.installationTokens ?? [])].map(
    ([token, installationId]) => ({ digest: digestOf(token), installationId }),
  );

  async function tokenViewer(presented: string): Promise<Viewer | null> {
    const digest = digestOf(presented);
    let installationId: number | undefined;
    for (const known of installationTokens) {
      if (timingSafeEqual(digest, known.digest)) installationId = known.installationId;
    }
    if (installationId !== undefined) {
      // Asked on every request (and every live update): a repository that joins or leaves
      // the installation is seen, or no longer seen, at once.
      const own = new Set(
        options.repositoriesOf ? await options.repositoriesOf(installationId) : [],
      );
      return { kind: "token", login: null, installationId, canRead: (repo) => own.has(repo) };
    }
    if (options.boardToken && same(presented, options.boardToken)) {
      return { kind: "token", login: null, canRead: () => true };
    }
    return null;
  }
  const readable = new Map<string, { at: number; repos: Set<string> }>();

  async function reposOf(session: Session): Promise<Set<string> | undefined> {
    const cacheKey = createHash("sha256").update(session.token).digest("hex");
    const cached = readable.get(cacheKey);
    if (cached && clock().getTime() - cached.at < REPOS_TTL_MS) return cached.repos;
    try {
      const list = await listReadableRepositories(hosts, session.token);
      const repos = new Set(list.map((r) => r.toLowerCase()));
      if (readable.size >= CACHE_LIMIT) readable.delete(readable.keys().next().value!);
      readable.set(cacheKey, { at: clock().getTime(), repos });
      return repos;
    } catch (error) {
      // A revoked or expired token ends the session; anything else is GitHub's trouble.
      if ((error as { status?: number }).status === 401) return undefined;
      throw error;
    }
  }

  async function authorize(req: IncomingMessage): Promise<Viewer | null> {
    const presented = presentedToken(req);
    // A wrong token is refused even with a valid session: never a silent downgrade.
    if (presented !== undefined) return tokenViewer(presented);
    const sealed = cookies(req).get(SESSION_COOKIE);
    const session = sealed ? codec?.open(sealed) : undefined;
    if (!session || session.exp <= clock().getTime()) return null;
    const repos = await reposOf(session);
    if (!repos) return null;
    return { kind: "user", login: session.login, canRead: (r) => repos.has(r.toLowerCase()) };
  }

  async function signIn(url: URL, req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (!oauth || !codec) return text(res, 404, "Sign-in is not configured.");
    if (url.pathname === SIGN_IN_PATH) {
      const state = randomBytes(16).toString("base64url");
      res.writeHead(302, {
        location: authorizeUrl(hosts, oauth.clientId, state),
        "set-cookie": [boardCookie(STATE_COOKIE, state, 600)],
      });
      res.end();
      return true;
    }
    // The callback: only the browser that started sign-in carries the matching state.
    const state = cookies(req).get(STATE_COOKIE);
    const code = url.searchParams.get("code");
    if (!code || !state || !same(state, url.searchParams.get("state") ?? "")) {
      return text(res, 400, "Sign-in failed: start again.");
    }
    try {
      const token = await exchangeOAuthCode(hosts, oauth, code);
      if (!token) return text(res, 400, "Sign-in failed: start again.");
      const login = await getSignedInLogin(hosts, token);
      const session = codec.seal({ login, token, exp: clock().getTime() + SESSION_MS });
      res.writeHead(302, {
        location: BOARD_PATH,
        "set-cookie": [
          boardCookie(SESSION_COOKIE, session, SESSION_MS / 1000),
          boardCookie(STATE_COOKIE, "", 0),
        ],
      });
      res.end();
    } catch (error) {
      log.error({ err: error }, "GitHub sign-in failed");
      return text(res, 502, "GitHub did not answer: try again.");
    }
    return true;
  }

  async function routes(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://andon");
    if (url.pathname === SIGN_OUT_PATH) {
      // Only a form on the board signs out: a link or image on another site must not (a
      // cross-site POST carries an Origin that is not ours).
      if (req.method !== "POST") {
        res.setHeader("allow", "POST");
        return text(res, 405, "Sign out with POST.");
      }
      if (!sameOrigin(req)) return text(res, 403, "Sign out from the board itself.");
      res.writeHead(302, {
        location: BOARD_PATH,
        "set-cookie": [boardCookie(SESSION_COOKIE, "", 0)],
      });
      res.end();
      return true;
    }
    if (url.pathname !== SIGN_IN_PATH && url.pathname !== CALLBACK_PATH) return false;
    return signIn(url, req, res);
  }

  return { authorize, routes };
}

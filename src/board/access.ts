import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import {
  authorizeUrl,
  exchangeOAuthCode,
  getSignedInLogin,
  listReadableRepositories,
  type GitHubHosts,
} from "../github/user-access.js";

/** Who is asking, and what they may see. Nobody else sees anything (PRODUCT.md). */
export interface Viewer {
  /** `token`: the board token, read-only, the whole installation. `user`: signed in. */
  kind: "token" | "user";
  login: string | null;
  canRead(repo: string): boolean;
}

export interface AccessOptions {
  /** `ANDON_BOARD_TOKEN`; no token access without it. */
  boardToken?: string;
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

interface Session {
  login: string;
  token: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/** Constant time: hashing both sides first gives equal lengths, so nothing leaks. */
function same(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The session lives in the cookie, so any replica can read it and nothing is stored:
 * AES-256-GCM both hides the user's token from whoever reads the cookie and signs it (a
 * changed byte fails the tag). The key is derived from the OAuth client secret, so no
 * further secret needs configuring, and rotating the secret signs everyone out.
 */
function sessionCodec(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "andon", "board session cookie", 32));
  return {
    seal(session: Session): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(session)), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    open(sealed: string): Session | undefined {
      try {
        const raw = Buffer.from(sealed, "base64url");
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
        return JSON.parse(text.toString("utf8")) as Session;
      } catch {
        return undefined;
      }
    },
  };
}

function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

const cookie = (name: string, value: string, maxAgeS: number) =>
  `${name}=${value}; Path=${BOARD_PATH}; Max-Age=${maxAgeS}; HttpOnly; Secure; SameSite=Lax`;

function presentedToken(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  return bearer ?? new URL(req.url ?? "/", "http://andon").searchParams.get("token") ?? undefined;
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
    if (presented !== undefined) {
      // A wrong token is refused even with a valid session: never a silent downgrade.
      if (!options.boardToken || !same(presented, options.boardToken)) return null;
      return { kind: "token", login: null, canRead: () => true };
    }
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
        "set-cookie": [cookie(STATE_COOKIE, state, 600)],
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
          cookie(SESSION_COOKIE, session, SESSION_MS / 1000),
          cookie(STATE_COOKIE, "", 0),
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
      res.writeHead(302, {
        location: BOARD_PATH,
        "set-cookie": [cookie(SESSION_COOKIE, "", 0)],
      });
      res.end();
      return true;
    }
    if (url.pathname !== SIGN_IN_PATH && url.pathname !== CALLBACK_PATH) return false;
    return signIn(url, req, res);
  }

  return { authorize, routes };
}

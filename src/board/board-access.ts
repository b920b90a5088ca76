import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Access, Viewer } from "./access.js";
import { SIGN_IN_PATH } from "./access.js";
import type { BoardAccess } from "./board-routes.js";

/** A viewer of the board; a wall-display token for one installation carries its id. */
export interface BoardViewer extends Viewer {
  installationId?: number;
}

/**
 * `ANDON_BOARD_TOKENS`: one wall-display token per installation, `<id>:<token>` separated
 * by commas. With several installations in one deployment, `ANDON_BOARD_TOKEN` shows
 * every one of them; a token from this list shows its own installation and nothing else.
 * Malformed entries throw at start rather than silently granting nothing (or more).
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

const digest = (text: string) => createHash("sha256").update(text).digest();

function presentedToken(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  return bearer ?? new URL(req.url ?? "/", "http://andon").searchParams.get("token") ?? undefined;
}

/**
 * The board's access: an installation's own token first (compared in constant time
 * against each), then whatever the shared access allows (`ANDON_BOARD_TOKEN`, a signed-in
 * person). Without either the page sends the browser to sign in.
 */
export function boardAccess(access: Access, tokens: Map<string, number>): BoardAccess<BoardViewer> {
  const known = [...tokens].map(([token, installationId]) => ({
    hash: digest(token),
    installationId,
  }));
  return {
    async viewer(req) {
      const presented = presentedToken(req);
      if (presented !== undefined && known.length > 0) {
        const hash = digest(presented);
        let installationId: number | undefined;
        for (const k of known) if (timingSafeEqual(hash, k.hash)) installationId = k.installationId;
        if (installationId !== undefined) {
          // canRead is narrowed to the installation's repositories by the board's source.
          return { kind: "token", login: null, canRead: () => true, installationId };
        }
      }
      return (await access.authorize(req)) ?? undefined;
    },
    signInUrl: () => SIGN_IN_PATH,
    describe: (viewer) =>
      viewer.kind === "user" && viewer.login ? `Signed in as ${viewer.login}` : "Wall display",
  };
}

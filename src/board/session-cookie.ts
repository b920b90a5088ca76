import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** A signed-in person: their GitHub login and user token, until `exp` (ms since the epoch). */
export interface Session {
  login: string;
  token: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/**
 * The session lives in the cookie, so any replica can read it and nothing is stored:
 * AES-256-GCM both hides the user's token from whoever reads the cookie and signs it (a
 * changed byte fails the tag). The key is derived from the OAuth client secret, so no
 * further secret needs configuring, and rotating the secret signs everyone out.
 */
export function sessionCodec(secret: string) {
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

/** The request's cookies by name. */
export function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

/** A `Set-Cookie` value that no script can read and no other site's request carries. */
export const cookie = (name: string, value: string, maxAgeS: number, path: string) =>
  `${name}=${value}; Path=${path}; Max-Age=${maxAgeS}; HttpOnly; Secure; SameSite=Lax`;

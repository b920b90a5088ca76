import { createHash } from "node:crypto";

/**
 * Where in each interval an installation's sweep falls: a fixed offset derived from its
 * id. Fixed, so a restart or another replica computes the same slot and an installation
 * is swept once per interval; spread, so a thousand installations do not all start at
 * midnight and share one rate limit window.
 */
export function jitterMs(installationId: number, intervalMs: number): number {
  if (intervalMs <= 0) return 0;
  const digest = createHash("sha256").update(String(installationId)).digest();
  return digest.readUInt32BE(0) % intervalMs;
}

/** A dependency Andon needs to do work: resolves when it answers, rejects (or hangs) when not. */
export type Probe = () => Promise<void>;

export interface ProbeResult {
  name: string;
  ok: boolean;
  /** Why the probe failed; absent when it passed. */
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  probes: ProbeResult[];
}

/**
 * What `GET /readyz` asks. Each part of Andon that needs something to work (its queue,
 * its database, the shutdown gate) adds a probe by name; ready means every probe answered
 * within the timeout. A hung dependency makes Andon not ready; it never hangs the answer.
 */
export interface Readiness {
  add(name: string, probe: Probe): void;
  check(timeoutMs?: number): Promise<ReadinessReport>;
}

export function createReadiness(): Readiness {
  const probes = new Map<string, Probe>();
  return {
    add(name, probe) {
      if (probes.has(name)) throw new Error(`readiness probe "${name}" is already registered`);
      probes.set(name, probe);
    },
    async check(timeoutMs = 2_000) {
      const results = await Promise.all(
        [...probes].map(([name, probe]) => runProbe(name, probe, timeoutMs)),
      );
      return { ready: results.every((r) => r.ok), probes: results };
    },
  };
}

async function runProbe(name: string, probe: Probe, timeoutMs: number): Promise<ProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(probe), timeout]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

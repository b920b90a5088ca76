import { Redis } from "ioredis";
import { run, type ApplicationFunction, type Logger } from "probot";
import { createAndon } from "../index.js";
import { createMetrics } from "./metrics.js";
import { createReadiness, type Readiness } from "./readiness.js";
import { graceSecondsFrom, shutdownOn } from "./shutdown.js";
import { gateWebhooks } from "./webhook-gate.js";

/** Delivery ids whose event is remembered, for the log of unfinished work at shutdown. */
const REMEMBERED_DELIVERIES = 10_000;

/**
 * Runs Andon in production (`npm start` with credentials): Probot's server with Andon's
 * webhook gate, health, readiness and metrics, and a graceful shutdown on SIGTERM/SIGINT.
 * One process: the signal reaches the code that drains, and nothing is left behind.
 */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const graceMs = graceSecondsFrom(env) * 1000;
  const metrics = createMetrics({ processMetrics: true });
  const readiness = createReadiness();
  let draining = false;
  readiness.add("webhooks", async () => {
    if (draining) throw new Error("shutting down");
  });
  const redis = env.REDIS_URL ? redisProbe(env.REDIS_URL, readiness) : undefined;
  const andon = createAndon({ env, metrics, readiness });
  const events = new Map<string, string>();
  let log: Logger | undefined;

  const app: ApplicationFunction = async (probot, options) => {
    log = probot.log.child({ name: "andon" });
    probot.onAny(({ id, name }) => {
      events.set(id, name);
      if (events.size > REMEMBERED_DELIVERIES) events.delete(events.keys().next().value!);
    });
    await gateWebhooks(probot, options.addHandler, { metrics, isDraining: () => draining });
    return andon.app(probot, options);
  };

  const before = new Set(process.listeners("SIGINT"));
  const server = await run(app, { env });
  // Probot's run() stops the server and exits at once on SIGINT; Andon drains first.
  for (const listener of process.listeners("SIGINT")) {
    if (!before.has(listener)) process.off("SIGINT", listener);
  }
  shutdownOn(["SIGTERM", "SIGINT"], {
    graceMs,
    stopAccepting: () => {
      draining = true;
      andon.stop();
    },
    drain: andon.drain,
    close: async () => {
      await server.stop();
      redis?.disconnect();
    },
    eventOf: (id) => events.get(id),
    // Set by the app function, which run() calls before it returns.
    log: log!,
    exit: (code) => process.exit(code),
  });
}

/**
 * `REDIS_URL`: the work queue (and Probot's request throttling) live in Redis, so Andon
 * is not ready while Redis does not answer a ping. Its own client, so the probe never
 * waits behind the queue's blocking reads.
 */
function redisProbe(url: string, readiness: Readiness): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Errors surface through the probe; ioredis reconnects by itself.
  client.on("error", () => undefined);
  void client.connect().catch(() => undefined);
  readiness.add("redis", async () => {
    await client.ping();
  });
  return client;
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { run, type Logger } from "probot";

export const REGISTER_PATH = "/andon/register";

/**
 * The demo's way to the real thing: `GET /andon/register` starts Probot's manifest flow
 * (its setup pages register Andon from `app.yml` and write the credentials to `.env`) on
 * the next port, and sends the browser there. Started on the first click only, so the
 * demo itself never reaches the network.
 */
export function offerRegistration(options: { host: string; port: number; log: Logger }) {
  let setup: Promise<unknown> | undefined;
  const url = `http://${options.host}:${options.port}/probot`;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (new URL(req.url ?? "/", "http://demo").pathname !== REGISTER_PATH) return false;
    // Without an app id Probot's `run` serves only its setup pages: the manifest flow.
    setup ??= run(() => undefined, {
      env: { ...process.env, APP_ID: "", PORT: String(options.port), HOST: options.host },
    }).then(
      () => options.log.info(`DEMO: registering the real app at ${url}; restart npm start after`),
      (error: unknown) => {
        setup = undefined;
        options.log.error({ err: error }, "could not start Probot's setup pages");
      },
    );
    await setup;
    res.writeHead(302, { location: url }).end();
    return true;
  };
}

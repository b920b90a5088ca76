import type { Logger } from "probot";
import { githubHosts } from "../github/user-access.js";
import type { StoreAccess } from "../store/lazy-store.js";
import { describeViewer, SIGN_IN_PATH, type Access, type Viewer } from "./access.js";
import { createBoard, type Board } from "./board-routes.js";
import { boardSummary } from "./board-summary.js";
import type { BoardView } from "./render-board.js";

const DAY = 86_400_000;

export interface BoardPageOptions {
  access: Access;
  store: StoreAccess;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  log: Logger;
  demo?: BoardView["demo"] | undefined;
}

/**
 * `GET /andon`: the board, from the history store, for the viewer the access allows (the
 * same rules as the API's: `access.ts`); without one the page sends the browser to sign in.
 */
export function boardPage(options: BoardPageOptions): Board {
  const { env, clock, log } = options;
  const refreshSeconds = Number(env.ANDON_BOARD_REFRESH_SECONDS ?? 5);
  return createBoard<Viewer>({
    access: {
      viewer: async (req) => (await options.access.authorize(req)) ?? undefined,
      signInUrl: () => SIGN_IN_PATH,
      describe: describeViewer,
    },
    async source(viewer, days) {
      const to = clock();
      const period = { from: new Date(to.getTime() - days * DAY), to };
      const history = await (await options.store()).history(period);
      return boardSummary(history, days, period, viewer.canRead);
    },
    clock,
    webUrl: githubHosts(env).web,
    refreshMs: (refreshSeconds > 0 && refreshSeconds <= 3600 ? refreshSeconds : 5) * 1000,
    ...(options.demo ? { demo: options.demo } : {}),
    onError: (error) => log.error({ err: error }, "the board could not read the history store"),
  });
}

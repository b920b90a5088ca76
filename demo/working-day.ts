import type { FakeGitHub } from "../test/kit/fake-github.js";
import {
  ciCompletedEvent,
  issueCommentEvent,
  pullRequestEvent,
  pushEvent,
  type WebhookEvent,
} from "../test/kit/payloads.js";
import type { FakeCommit, FakePull, FakeRepo, Person } from "../test/kit/state.js";
import { PEOPLE, type Organisation } from "./organisation.js";

/** What a step of the day can do: change the simulated GitHub and tell Andon about it. */
export interface DayContext {
  fake: FakeGitHub;
  org: Organisation;
  /** Delivers a webhook to Andon over HTTP, signed, and waits until its work is done. */
  send(event: WebhookEvent): Promise<void>;
  /** Starts Andon's sweep as an external scheduler would, and waits until it is done. */
  sweep(): Promise<void>;
}

export interface Step {
  /** Simulated time of day, `HH:MM` UTC. */
  at: string;
  /** Days before the played day (the history before it); 0 by default. */
  daysAgo?: number;
  title: string;
  play(ctx: DayContext): Promise<void>;
}

type Conclusions = Record<string, "success" | "failure">;
const GREEN: Conclusions = { build: "success", "unit tests": "success" };

/** CI reports on a commit: one check run per name, each delivered as GitHub would. */
async function runCi(
  ctx: DayContext,
  repo: FakeRepo,
  sha: string,
  checks: Conclusions,
  branch?: string,
) {
  for (const [name, conclusion] of Object.entries(checks)) {
    const run = ctx.fake.ciRun(repo, sha, name, conclusion);
    await ctx.send(ciCompletedEvent(repo, run, branch));
  }
}

interface Change {
  author: Person;
  message: string;
  files: Record<string, string | null>;
}

/** A commit lands on the mainline (a push), then its CI reports. */
async function land(
  ctx: DayContext,
  repo: FakeRepo,
  change: Change,
  checks = GREEN,
): Promise<FakeCommit> {
  const before = ctx.fake.head(repo);
  const commit = ctx.fake.push(repo, repo.defaultBranch, change);
  await ctx.send(pushEvent(repo, repo.defaultBranch, before, commit.sha));
  await runCi(ctx, repo, commit.sha, checks);
  return commit;
}

const changes = new Map<FakePull, Change>();

/** A branch with one commit, a pull request from it, and the branch's CI. */
async function openPull(
  ctx: DayContext,
  repo: FakeRepo,
  branch: string,
  change: Change,
  labels: string[] = [],
): Promise<FakePull> {
  const before = ctx.fake.head(repo);
  const head = ctx.fake.push(repo, branch, { ...change, parents: [before] });
  await ctx.send(pushEvent(repo, branch, "0".repeat(40), head.sha));
  const pull = ctx.fake.pull(repo, {
    headRef: branch,
    title: change.message,
    labels,
    user: change.author.login!,
  });
  changes.set(pull, change);
  await ctx.send(pullRequestEvent(repo, pull, "opened"));
  await runCi(ctx, repo, head.sha, GREEN, branch);
  return pull;
}

/** Squash-merges a pull request: its change lands on the mainline as one commit. */
async function merge(ctx: DayContext, repo: FakeRepo, pull: FakePull, checks = GREEN) {
  const change = changes.get(pull)!;
  pull.state = "closed";
  const closed = pullRequestEvent(repo, pull, "closed");
  Object.assign(closed.payload.pull_request as object, {
    merged: true,
    merged_at: ctx.fake.now.toISOString(),
    merge_commit_sha: null,
  });
  await ctx.send(closed);
  // acme lets GitHub delete head branches once merged (the repository setting): a merged
  // branch is gone, not left behind to be counted stale.
  repo.branches.delete(pull.headRef);
  return land(ctx, repo, { ...change, message: `${change.message} (#${pull.number})` }, checks);
}

/** `/andon close …` or `/andon open` commented on an issue by someone with write access. */
async function command(ctx: DayContext, repo: FakeRepo, person: Person, body: string) {
  ctx.fake.collaborator(repo, person.login!, "write");
  const comment = ctx.fake.issueComment(repo, { issue: 1, user: person.login!, body });
  await ctx.send(issueCommentEvent(repo, comment));
}

const { ana, bea, carl, dee, erin, finn, gil, hal } = PEOPLE;

/**
 * A compressed working day at acme: every mainline green in the morning, then the things
 * Andon exists for — a red main fixed forward, one reverted, a flaky check, a closed
 * mainline, a stale branch nagged — and a red main left for the afternoon.
 */
export function workingDay(): Step[] {
  let carlsBefore: string | undefined;
  let searchHead: string | undefined;
  let shopPull: FakePull | undefined;
  return [
    {
      at: "08:30",
      title: "Morning: the first commits of the day land and every mainline builds green",
      async play(ctx) {
        const files = {
          "CHANGELOG.md": `Dependencies bumped on ${ctx.fake.now.toISOString().slice(0, 10)}\n`,
        };
        for (const repo of Object.values(ctx.org.acme))
          await land(ctx, repo, { author: ana, message: "Bump dependencies", files });
        // globex is another organisation with Andon installed: its red main must never
        // show on acme's board.
        const [website, api] = ctx.org.globex;
        await land(ctx, website!, { author: hal, message: "Bump dependencies", files });
        await land(
          ctx,
          api!,
          { author: hal, message: "Rename the orders endpoint", files },
          { build: "failure" },
        );
      },
    },
    {
      at: "09:00",
      title: "shop: Ana opens a pull request, “Add gift cards”",
      async play(ctx) {
        shopPull = await openPull(ctx, ctx.org.acme.shop, "gift-cards", {
          author: ana,
          message: "Add gift cards",
          files: {
            "src/gift-cards.js": "export const giftCards = [];\n",
            "test/gift-cards.test.js": "// tests\n",
          },
        });
      },
    },
    {
      at: "09:20",
      title: "shop: Bea pushes “Add cart totals” to main and the build fails — main is red",
      async play(ctx) {
        await land(
          ctx,
          ctx.org.acme.shop,
          {
            author: bea,
            message: "Add cart totals",
            files: { "src/cart.js": "export const total = (items) => items.sum();\n" },
          },
          { build: "success", "unit tests": "failure" },
        );
      },
    },
    {
      at: "09:35",
      title: "checkout: Carl pushes “Switch payment provider” and breaks main too",
      async play(ctx) {
        const repo = ctx.org.acme.checkout;
        carlsBefore = ctx.fake.head(repo);
        await land(
          ctx,
          repo,
          {
            author: carl,
            message: "Switch payment provider",
            files: { "src/index.js": "export const provider = 'newpay';\n" },
          },
          { build: "failure", "unit tests": "failure" },
        );
      },
    },
    {
      at: "09:50",
      title: "shop: Ana's pull request is blocked while main is red",
      async play(ctx) {
        await ctx.send(pullRequestEvent(ctx.org.acme.shop, shopPull!, "synchronize"));
      },
    },
    {
      at: "10:05",
      title: "checkout: Dee opens a true revert of Carl's commit",
      async play(ctx) {
        const repo = ctx.org.acme.checkout;
        const previous = repo.commits.get(carlsBefore!)!.files["src/index.js"] ?? null;
        await openPull(ctx, repo, "revert-payment-provider", {
          author: dee,
          message: `Revert "Switch payment provider"`,
          files: { "src/index.js": previous },
        });
      },
    },
    {
      at: "10:15",
      title: "checkout: the revert is merged and main is green again",
      async play(ctx) {
        const repo = ctx.org.acme.checkout;
        const pull = [...repo.pulls.values()].find((p) => p.headRef === "revert-payment-provider")!;
        await merge(ctx, repo, pull);
      },
    },
    {
      at: "10:40",
      title: "search: the end-to-end check fails on main",
      async play(ctx) {
        const commit = await land(
          ctx,
          ctx.org.acme.search,
          {
            author: gil,
            message: "Tune ranking",
            files: { "src/rank.js": "export const boost = 2;\n" },
          },
          { build: "success", "unit tests": "success", e2e: "failure" },
        );
        searchHead = commit.sha;
      },
    },
    {
      at: "10:50",
      title: "search: the e2e re-run passes on the same commit — a flaky red",
      async play(ctx) {
        await runCi(ctx, ctx.org.acme.search, searchHead!, { e2e: "success" });
      },
    },
    {
      at: "11:10",
      title: "inventory: Erin closes the mainline — “/andon close release 4.2 is being cut”",
      async play(ctx) {
        await command(ctx, ctx.org.acme.inventory, erin, "/andon close release 4.2 is being cut");
      },
    },
    {
      at: "11:30",
      title: "shop: Finn opens a fix-forward labelled fix-build",
      async play(ctx) {
        await openPull(
          ctx,
          ctx.org.acme.shop,
          "fix-cart-totals",
          {
            author: finn,
            message: "Fix cart totals",
            files: {
              "src/cart.js": "export const total = (items) => items.reduce((a, b) => a + b, 0);\n",
              "test/cart.test.js": "// totals\n",
            },
          },
          ["fix-build"],
        );
      },
    },
    {
      at: "11:45",
      title: "shop: the fix is merged and main is green again",
      async play(ctx) {
        const repo = ctx.org.acme.shop;
        const pull = [...repo.pulls.values()].find((p) => p.headRef === "fix-cart-totals")!;
        await merge(ctx, repo, pull);
      },
    },
    {
      at: "12:00",
      title: "The sweep nags analytics' three-day-old branch on its head commit",
      async play(ctx) {
        await ctx.sweep();
      },
    },
    {
      at: "13:15",
      title: "payments-web: Gil pushes “New checkout button” and the build fails",
      async play(ctx) {
        await land(
          ctx,
          ctx.org.acme["payments-web"],
          {
            author: gil,
            message: "New checkout button",
            files: { "src/button.js": "export const Button = null;\n" },
          },
          { build: "failure", "unit tests": "success" },
        );
      },
    },
    {
      at: "14:00",
      title: "inventory: the release is cut — “/andon open”",
      async play(ctx) {
        await command(ctx, ctx.org.acme.inventory, erin, "/andon open");
      },
    },
  ];
}

const TEAM = [ana, bea, carl, dee, erin, finn, gil];

/**
 * The days before: a red main or two a day, each fixed after a while (now and then by
 * a re-run: flaky), and a few merges, so the figures and timelines have a history to show.
 * Deterministic: the same days every run.
 */
export function previousDays(days: number): Step[] {
  const steps: Step[] = [];
  for (let d = days; d >= 1; d--) {
    steps.push({
      at: "10:00",
      daysAgo: d,
      title: `${d} ${d === 1 ? "day" : "days"} ago`,
      async play(ctx) {
        const names = Object.keys(ctx.org.acme) as Array<keyof Organisation["acme"]>;
        const repos = names.filter((n) => n !== "docs" && n !== "infra");
        for (let k = 0; k < 2; k++) {
          const repo = ctx.org.acme[repos[(d * 3 + k * 5) % repos.length]!];
          const author = TEAM[(d + k) % TEAM.length]!;
          const day = ctx.fake.now.toISOString().slice(0, 10);
          const pull = await openPull(ctx, repo, `change-${day}-${k}`, {
            author,
            message: `Change ${day}/${k}`,
            files: { [`src/change-${k}.js`]: `export const day = "${day}";\n` },
          });
          ctx.fake.advance((20 + 15 * ((d + k) % 5)) * 60_000);
          const flaky = (d + k) % 4 === 0;
          const broken = await merge(ctx, repo, pull, {
            build: "success",
            "unit tests": "failure",
          });
          ctx.fake.advance((15 + 25 * ((d * 7 + k) % 6)) * 60_000);
          if (flaky) await runCi(ctx, repo, broken.sha, { "unit tests": "success" });
          else
            await land(ctx, repo, {
              author: TEAM[(d + k + 3) % TEAM.length]!,
              message: `Fix change ${day}/${k}`,
              files: { [`src/change-${k}.js`]: `export const day = "${day}"; // fixed\n` },
            });
        }
      },
    });
  }
  return steps;
}

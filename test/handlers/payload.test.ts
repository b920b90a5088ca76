import { afterEach, describe, expect, it } from "@jest/globals";
import type { Context } from "probot";
import { repositoryOf } from "../../src/handlers/payload.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import {
  ciCompletedEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
  repositoriesAddedEvent,
  type WebhookEvent,
} from "../kit/payloads.js";
import { recordingLog, type LogLine } from "../kit/runner-kit.js";
import { SWEEP_ENV } from "../kit/sweep-scenario.js";

afterEach(stopAndon);

type Blank = { name?: string; login?: string };

/** The event with its repository's name and/or owner blanked, as a broken payload would. */
function blank(event: WebhookEvent, { name, login }: Blank): WebhookEvent {
  const repository = event.payload.repository as { name: string; owner: { login: string } };
  if (name !== undefined) repository.name = name;
  if (login !== undefined) repository.owner.login = login;
  return event;
}

describe("a payload whose repository has no name or owner", () => {
  it.each<[string, Blank]>([
    ["an empty name", { name: "" }],
    ["an empty owner", { login: "" }],
    ["a blank name", { name: " " }],
  ])("is refused by every handler, with %s, before any request", async (_case, fields) => {
    const h = await startAndon({ env: SWEEP_ENV });
    const { fake } = h;
    const repo = fake.repo("acme/shop");
    const before = fake.head(repo);
    fake.push(repo, "feature", { files: { "src/a.ts": "export {};" } });
    const pull = fake.pull(repo, { headRef: "feature" });
    const main = fake.push(repo, "main", { message: "Land" }).sha;
    const events = [
      pullRequestEvent(repo, pull, "opened"),
      pushEvent(repo, "main", before, main),
      ciCompletedEvent(repo, fake.ciRun(repo, main, "test", "failure")),
      mergeGroupEvent(repo, main, pull.number),
    ];

    for (const event of events) await h.send(blank(event, fields));

    expect(fake.requests).toEqual([]);
    expect(repo.checkRuns.filter((r) => r.app.slug === "andon")).toEqual([]);
  });

  it("sweeps only the added repositories whose names are whole", async () => {
    const h = await startAndon({ env: SWEEP_ENV });
    const { fake } = h;
    const shop = fake.repo("acme/shop");
    const event = repositoriesAddedEvent(fake.installations.get(1)!, [shop, shop]);
    const added = event.payload.repositories_added as Array<{ full_name: string }>;
    added[1]!.full_name = "acme/";

    await h.send(event);

    expect(h.sweeps.map((s) => s.repos)).toEqual([1]);
    expect(fake.requests.filter((r) => r.path.includes("//"))).toEqual([]);
  });
});

describe("repositoryOf", () => {
  const context = (repository: unknown, lines: LogLine[]) =>
    ({
      name: "push",
      id: "delivery-1",
      payload: { repository },
      log: recordingLog(lines),
    }) as unknown as Context;

  it.each([
    [
      { name: "shop", owner: { login: "acme" } },
      { owner: "acme", repo: "shop" },
    ],
    [{ name: "", owner: { login: "acme" } }, undefined],
    [{ name: "shop", owner: null }, undefined],
    [{ name: "shop", owner: { login: "" } }, undefined],
    [undefined, undefined],
  ])("reads %p as %p", (repository, expected) => {
    expect(repositoryOf(context(repository, []))).toEqual(expected);
  });

  it("says in the log which delivery it refused and why", () => {
    const lines: LogLine[] = [];
    repositoryOf(context({ name: "", owner: { login: "acme" } }, lines));
    expect(lines).toEqual([
      {
        level: "warn",
        msg: "event ignored: its repository has no owner or no name",
        fields: { event: "push", deliveryId: "delivery-1", owner: "acme", repo: "" },
      },
    ]);
  });
});

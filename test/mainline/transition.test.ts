import { describe, expect, it } from "@jest/globals";
import { transitionId, type MainlineTransition } from "../../src/mainline/transition.js";

const base: MainlineTransition = {
  event: "closed",
  installationId: 1,
  repository: "acme/shop",
  sha: "a".repeat(40),
  breakingSha: null,
  fixingSha: null,
  author: "ada",
  failingChecks: [],
  reason: "release 2.0 freeze",
  url: "https://github.com/acme/shop/issues/3#issuecomment-901",
  at: "2026-11-25T12:00:00Z",
};

describe("transitionId", () => {
  it.each<[string, Partial<MainlineTransition>, string]>([
    ["names a close by its comment", { commandId: 901 }, "acme/shop:closed:comment-901"],
    [
      "names an open by its comment",
      { event: "opened", commandId: 905 },
      "acme/shop:opened:comment-905",
    ],
    [
      "falls back to the time for a close without a comment id",
      {},
      "acme/shop:closed:2026-11-25T12:00:00Z",
    ],
    ["names red by its breaking commit", { event: "red", breakingSha: "b1" }, "acme/shop:red:b1"],
    [
      "names green by the breaking commit it ends",
      { event: "green", breakingSha: "b1", fixingSha: "f2" },
      "acme/shop:green:b1",
    ],
  ])("%s", (_behaviour, fields, id) => {
    expect(transitionId({ ...base, ...fields })).toBe(id);
  });

  it("tells apart two closes in the same second, and keeps a redelivery the same", () => {
    const first = { ...base, commandId: 901 };
    const second = { ...base, commandId: 902, reason: "incident" };
    expect(transitionId(first)).not.toBe(transitionId(second));
    expect(transitionId(structuredClone(first))).toBe(transitionId(first));
  });
});

import { describe, expect, it } from "@jest/globals";
import { judgeRevert, type FileState, type RevertInput } from "../../src/mainline/true-revert.js";
import { sha } from "./fixtures.js";

const C1 = sha("c1c1c1c");
const C2 = sha("c2c2c2c");
/** A blob sha stand-in: judging compares blob ids only. */
const blob = (name: string) => `blob:${name}`;

/** main: green with cart v1 and prices v1; C1 breaks the cart and adds a file; C2 edits both. */
const episode: Omit<RevertInput, "pr"> = {
  lastGreen: new Map([
    ["src/cart.ts", blob("cart1")],
    ["src/prices.ts", blob("price1")],
  ]),
  commits: [
    {
      sha: C1,
      changes: [
        { path: "src/cart.ts", blob: blob("cart2") },
        { path: "src/new.ts", blob: blob("new") },
      ],
    },
    {
      sha: C2,
      changes: [
        { path: "src/cart.ts", blob: blob("cart3") },
        { path: "src/prices.ts", blob: blob("price2") },
      ],
    },
  ],
};

const judge = (pr: FileState[]) => judgeRevert({ ...episode, pr });

describe("judgeRevert", () => {
  it.each<[string, FileState[], string[]]>([
    [
      "undoes both commits: every file back as it was before them, the added file deleted",
      [
        { path: "src/cart.ts", blob: blob("cart1") },
        { path: "src/new.ts", blob: null },
        { path: "src/prices.ts", blob: blob("price1") },
      ],
      [C1, C2],
    ],
    [
      "undoes the later commit alone",
      [
        { path: "src/cart.ts", blob: blob("cart2") },
        { path: "src/prices.ts", blob: blob("price1") },
      ],
      [C2],
    ],
  ])("is a true revert when it %s", (_behaviour, pr, commits) => {
    expect(judge(pr)).toEqual({ revert: true, commits });
  });

  it.each<[string, FileState[], string[]]>([
    [
      "changes a file no commit since green changed",
      [{ path: "README.md", blob: blob("readme") }],
      ["it changes `README.md`, which no commit since the last green one changed"],
    ],
    [
      "leaves a file in a state it never had",
      [{ path: "src/prices.ts", blob: blob("price9") }],
      ["`src/prices.ts` does not end as it was before any commit since the last green one"],
    ],
    [
      "undoes the earlier commit only in part (its new file stays)",
      [
        { path: "src/cart.ts", blob: blob("cart1") },
        { path: "src/prices.ts", blob: blob("price1") },
      ],
      [`it undoes ${C1.slice(0, 7)} only in part: \`src/new.ts\` keeps that commit's change`],
    ],
    [
      "undoes the later commit in one file only",
      [{ path: "src/prices.ts", blob: blob("price1") }],
      [`it undoes ${C2.slice(0, 7)} only in part: \`src/cart.ts\` keeps that commit's change`],
    ],
    ["changes nothing", [], ["it changes no file"]],
  ])("is not a true revert when it %s", (_behaviour, pr, differences) => {
    expect(judge(pr)).toEqual({ revert: false, differences });
  });

  it("keeps a backtick in a path from ending the code span", () => {
    const result = judge([{ path: "a`b.ts", blob: blob("x") }]);
    expect(result).toEqual({
      revert: false,
      differences: ["it changes ``a`b.ts``, which no commit since the last green one changed"],
    });
  });
});

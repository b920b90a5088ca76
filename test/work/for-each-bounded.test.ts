import { describe, expect, it } from "@jest/globals";
import { forEachBounded } from "../../src/work/for-each-bounded.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("forEachBounded", () => {
  it("never runs more than the limit at once, and runs every item", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      for (let i = 0; i < n % 3; i++) await tick();
      done.push(n);
      running--;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("pulls from an async source no further ahead than the limit", async () => {
    let pulled = 0;
    let finished = 0;
    let ahead = 0;
    async function* source() {
      for (let n = 1; n <= 6; n++) {
        pulled++;
        ahead = Math.max(ahead, pulled - finished);
        yield n;
      }
    }
    await forEachBounded(source(), 2, async () => {
      await tick();
      finished++;
    });
    expect(pulled).toBe(6);
    expect(ahead).toBe(2);
  });

  it("stops taking items after one fails, and rejects with its error", async () => {
    const started: number[] = [];
    await expect(
      forEachBounded([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(started).toEqual([1, 2]);
  });
});

import { describe, expect, it } from "@jest/globals";
import { createSeenDeliveries } from "../../src/work/seen-deliveries.js";

describe("createSeenDeliveries", () => {
  it("says true the first time an id is offered and false after", () => {
    const seen = createSeenDeliveries();
    expect([seen.firstTime("d-1"), seen.firstTime("d-1"), seen.firstTime("d-2")]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("forgets the oldest id beyond its capacity, so memory stays bounded", () => {
    const seen = createSeenDeliveries(2);
    for (const id of ["a", "b", "c"]) seen.firstTime(id);
    expect([seen.firstTime("b"), seen.firstTime("c"), seen.firstTime("a")]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it("lets a forgotten id through again", () => {
    const seen = createSeenDeliveries();
    seen.firstTime("d-1");
    seen.forget("d-1");
    expect(seen.firstTime("d-1")).toBe(true);
  });
});

import { describe, expect, it } from "@jest/globals";
import { formatDuration } from "../../src/checks/format.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatDuration", () => {
  it.each([
    ["reads under a minute as <1m", 59_999, "<1m"],
    ["reads clock skew as <1m", -5 * MINUTE, "<1m"],
    ["gives minutes alone under an hour", 45 * MINUTE + 59_000, "45m"],
    ["gives hours and minutes under a day", 3 * HOUR + 12 * MINUTE, "3h 12m"],
    ["drops zero minutes", 5 * HOUR, "5h"],
    [
      "gives days and hours from a day on, without minutes",
      2 * DAY + 4 * HOUR + 17 * MINUTE,
      "2d 4h",
    ],
    ["drops zero hours", 3 * DAY + 20 * MINUTE, "3d"],
  ])("%s", (_behaviour, ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

import { describe, expect, it } from "@jest/globals";
import { formatDuration, formatHours } from "../../src/checks/format.js";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe("formatDuration", () => {
  it.each([
    [3 * D + 4 * H + 59 * M, "3d 4h"],
    [2 * D + 30 * M, "2d"],
    [5 * H + 12 * M + 59_000, "5h 12m"],
    [24 * H - 1, "23h 59m"],
    [7 * H, "7h"],
    [40 * M, "40m"],
    [59_999, "<1m"],
    [-5 * M, "<1m"],
  ])("renders %p ms as %p, rounding down", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatHours", () => {
  it.each([
    [24, "24h"],
    [48, "48h"],
    [0.5, "30m"],
    [1.5, "1h 30m"],
  ])("renders a limit of %p hours as %p", (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });
});

import { describe, expect, it } from "@jest/globals";
import {
  decodeEpisode,
  encodeEpisode,
  type EpisodeRecord,
} from "../../src/mainline/episode-record.js";
import { FAILING_TESTS, MONA, at, sha } from "./fixtures.js";

const red: EpisodeRecord = {
  state: "red",
  breakingSha: sha("3f9c2e1"),
  breakingAuthor: MONA,
  since: at(3),
  failing: FAILING_TESTS,
  startKnown: true,
};

describe("encodeEpisode / decodeEpisode", () => {
  it.each<[string, EpisodeRecord]>([
    ["a red episode", red],
    [
      "a red episode by an author without a GitHub account",
      { ...red, breakingAuthor: { name: "CI Bot" } },
    ],
    ["a green mainline", { state: "green" }],
    ["a mainline without CI", { state: "none" }],
  ])("reads back %s from a check run summary", (_what, record) => {
    const summary = `**main is red**\n\n- test\n\n${encodeEpisode(record)}\n`;
    expect(decodeEpisode(summary)).toEqual(record);
  });

  it("keeps a check name containing --> from ending the hidden comment early", () => {
    const record: EpisodeRecord = { ...red, failing: [{ name: "e2e --> <staging>", url: null }] };
    const encoded = encodeEpisode(record);
    expect(encoded.indexOf("-->")).toBe(encoded.length - 3);
    expect(decodeEpisode(encoded)).toEqual(record);
  });

  it("records at most 50 failing checks so the summary stays within GitHub's limit", () => {
    const failing = Array.from({ length: 80 }, (_, i) => ({ name: `shard ${i}`, url: null }));
    const decoded = decodeEpisode(encodeEpisode({ ...red, failing }));
    expect(decoded?.state === "red" && decoded.failing).toEqual(failing.slice(0, 50));
  });

  it.each([
    ["no summary", undefined],
    ["an empty summary", ""],
    ["a summary without a record", "**main is green**"],
    ["a record that is not JSON", "<!-- andon:episode {state: red} -->"],
    ["an unknown state", '<!-- andon:episode {"state":"purple"} -->'],
    [
      "a red record without its start",
      '<!-- andon:episode {"state":"red","breakingSha":"3f9c2e1"} -->',
    ],
    [
      "a red record whose start is not a date",
      `<!-- andon:episode ${JSON.stringify({ ...red, since: "yesterday" })} -->`,
    ],
    [
      "a red record whose sha is not hex",
      `<!-- andon:episode ${JSON.stringify({ ...red, breakingSha: "HEAD~1" })} -->`,
    ],
    ["JSON that is not an object", "<!-- andon:episode 42 -->"],
  ])("ignores %s", (_what, summary) => {
    expect(decodeEpisode(summary)).toBeUndefined();
  });
});

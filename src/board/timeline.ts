import type { RepoSummary, TimelineEpisode } from "./board-data.js";
import { markup, type SafeHtml } from "./html.js";
import { formatDuration } from "../checks/format.js";

const WIDTH = 1000;
const HEIGHT = 20;

/**
 * The patterns the timelines fill red with: stripes for red, dots for a flaky red, so
 * the timeline reads without telling red from green. Defined once per page; every
 * inline timeline refers to them by id.
 */
export const TIMELINE_PATTERNS = markup`<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>
<pattern id="tl-red" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="tl-red"/><rect width="3" height="8" class="tl-stripe"/></pattern>
<pattern id="tl-flaky" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" class="tl-flaky"/><circle cx="4" cy="4" r="2" class="tl-stripe"/></pattern>
</defs></svg>`;

interface Span {
  x: number;
  width: number;
  flaky: boolean;
  /** How long it was red within the period. */
  ms: number;
}

/** The red episodes of a repository, the one in progress included, as spans of the period. */
export function timelineSpans(repo: RepoSummary, from: Date, to: Date): Span[] {
  const episodes: TimelineEpisode[] = [...(repo.episodeList ?? [])];
  const open = episodes.some((e) => e.end === null);
  if (repo.state === "red" && repo.redSince && !open)
    episodes.push({ start: repo.redSince, end: null });
  const period = to.getTime() - from.getTime();
  if (period <= 0) return [];
  const spans: Span[] = [];
  for (const e of episodes) {
    const start = Math.max(Date.parse(e.start), from.getTime());
    const end = Math.min(e.end ? Date.parse(e.end) : to.getTime(), to.getTime());
    if (!(end > start)) continue;
    const x = ((start - from.getTime()) / period) * WIDTH;
    // At least one unit wide: a five-minute red in a 90-day period must still show.
    spans.push({
      x,
      width: Math.max(1, ((end - start) / period) * WIDTH),
      flaky: !!e.flaky,
      ms: end - start,
    });
  }
  return spans;
}

/** A green/red strip over the period, drawn on the server (no script, no library). */
export function renderTimeline(repo: RepoSummary, from: Date, to: Date): SafeHtml {
  const spans = timelineSpans(repo, from, to);
  const redMs = spans.reduce((sum, s) => sum + s.ms, 0);
  const label =
    spans.length === 0
      ? "No red in this period"
      : `Red ${spans.length} ${spans.length === 1 ? "time" : "times"}, ${formatDuration(redMs)} in all`;
  const rects = spans.map(
    (s) =>
      markup`<rect x="${s.x.toFixed(1)}" width="${s.width.toFixed(1)}" height="${HEIGHT}" fill="url(#${s.flaky ? "tl-flaky" : "tl-red"})"/>`,
  );
  return markup`<svg class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${label}"><title>${label}</title><rect width="${WIDTH}" height="${HEIGHT}" class="tl-green"/>${rects}</svg>`;
}

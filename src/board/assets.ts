/**
 * The board's stylesheet and its one small script, served from memory: the build copies
 * only TypeScript, and the board must need nothing beside the app.
 *
 * Dark and high-contrast for a wall display; type grows with the screen; every state
 * carries an icon and a word, so nothing depends on telling red from green.
 */
export const BOARD_CSS = `
:root { --bg:#0d1117; --fg:#f0f6fc; --muted:#b1bac4; --line:#30363d; --card:#161b22;
  --red:#ff7b72; --red-bg:#5a1414; --green:#56d364; --green-bg:#0f3d1c; --amber:#e3b341;
  --blue:#79c0ff; color-scheme: dark; }
* { box-sizing: border-box; }
html { font-size: clamp(16px, 0.6vw + 12px, 26px); }
body { margin: 0; padding: 0 1rem 2rem; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.4; }
a { color: var(--blue); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid var(--amber); outline-offset: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.muted { color: var(--muted); }
.demo { margin: 0 -1rem; padding: .5rem 1rem; background: var(--amber); color: #000; }
.demo a { color: #000; font-weight: 700; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; }
.top h1 { font-size: 1.6rem; margin: .6rem 0; }
.top p { margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .5rem 0 1rem;
  border-bottom: 1px solid var(--line); }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
.filters label.check { flex-direction: row; gap: .4rem; align-items: center; color: var(--fg); font-size: 1rem; }
.filters input, .filters select, .filters button { font: inherit; font-size: 1rem; color: var(--fg);
  background: var(--card); border: 1px solid var(--muted); border-radius: 6px; padding: .3rem .5rem; }
.filters input[type=checkbox] { width: 1.2rem; height: 1.2rem; }
.filters button { background: var(--blue); color: #000; border-color: var(--blue); font-weight: 700; cursor: pointer; }
h2 { font-size: 1.35rem; margin: 1.4rem 0 .6rem; }
h3.sub { font-size: 1rem; color: var(--muted); margin: 1rem 0 .4rem; }
.stops { list-style: none; padding: 0; margin: 0; display: grid; gap: .8rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr)); }
.stop { background: var(--red-bg); border: 3px solid var(--red); border-radius: 10px; padding: .6rem 1rem; }
.stop-closed { border-style: dashed; }
.stop h3 { margin: 0 0 .3rem; font-size: 1.3rem; overflow-wrap: break-word; }
.stop h3 a { color: var(--fg); }
.stop p { margin: .2rem 0; }
.stop .since strong { font-size: 1.25rem; }
.stop .failing { margin: .3rem 0; padding-left: 1.2rem; }
.stop a { color: #ffdcd7; }
.all-green h2 { color: var(--green); background: var(--green-bg); border: 3px solid var(--green);
  border-radius: 10px; padding: .8rem 1rem; }
.badge { display: inline-block; font-weight: 700; border-radius: 6px; padding: 0 .4rem; white-space: nowrap; }
.badge-red { background: var(--red); color: #000; }
.badge-closed { background: var(--red); color: #000; outline: 2px dashed var(--fg); }
.badge-green { background: var(--green); color: #000; }
.badge-pending { background: var(--amber); color: #000; }
.badge-none { background: var(--line); color: var(--fg); }
.plain { list-style: none; padding: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
thead th { font-size: .8rem; color: var(--muted); font-weight: 600; }
tbody th { font-weight: 600; overflow-wrap: break-word; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
.repos { min-width: 52rem; }
.tl-col { width: 30%; min-width: 10rem; }
.timeline { display: block; width: 100%; height: 1.1rem; border: 1px solid var(--line); }
.tl-green { fill: var(--green); }
.tl-red { fill: var(--red); }
.tl-flaky { fill: var(--amber); }
.tl-stripe { fill: #000; opacity: .55; }
.defs { position: absolute; }
.legend { font-weight: 400; white-space: nowrap; }
.key { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; border: 1px solid var(--fg); }
.key-green { background: var(--green); }
.key-red { background: repeating-linear-gradient(45deg, var(--red) 0 3px, #000 3px 5px); }
.key-flaky { background: radial-gradient(#000 30%, var(--amber) 35%); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .5rem; margin: 0; }
.figures div { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .4rem .7rem; }
.figures dt { font-size: .8rem; color: var(--muted); }
.figures dd { margin: 0; font-size: 1.4rem; font-weight: 700; font-variant-numeric: tabular-nums; }
@media (max-width: 40rem) { body { padding: 0 .6rem 1rem; } .demo { margin: 0 -.6rem; } }
`;

/**
 * Keeps the board live without a reload: the server pushes the re-rendered board over
 * server-sent events and this swaps it in. Without script the page still works; a
 * reload shows the same thing.
 */
export const BOARD_JS = `"use strict";
(function () {
  var main = document.getElementById("board");
  var live = document.getElementById("live");
  if (!main || !window.EventSource) { if (live) live.textContent = "Reload for updates"; return; }
  var source = new EventSource(main.getAttribute("data-events"));
  source.addEventListener("board", function (event) {
    var update = JSON.parse(event.data);
    main.innerHTML = update.html;
    document.title = update.title;
  });
  source.addEventListener("open", function () { live.textContent = "Live updates on"; });
  source.addEventListener("error", function () { live.textContent = "Reconnecting…"; });
})();
`;

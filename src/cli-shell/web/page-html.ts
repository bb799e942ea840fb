// The page shell: markup and styles written here, the script from /app.js (page-bundle.ts). No
// external fonts, styles or scripts; the Content-Security-Policy forbids loading any.
export const PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

const STYLE = `
:root { --bg:#f6f7f9; --ink:#1d2330; --muted:#6b7385; --line:#c9cfdb; --active:#1f7a4d; --active-bg:#dff5e8; --final:#8a93a6; --accent:#2b5fd9; --stop:#b3261e; --stop-bg:#fde7e4; }
* { box-sizing: border-box; }
html, body { height:100%; }
body { margin:0; font:13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--ink); display:flex; flex-direction:column; }
header { display:flex; align-items:center; gap:16px; padding:8px 16px; background:#1d2330; color:#fff; flex:none; }
header h1 { font-size:15px; margin:0; font-weight:600; min-width:0; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
header .mode { font-size:11px; padding:2px 8px; border-radius:10px; background:#2b5fd9; text-transform:uppercase; letter-spacing:.05em; }
header nav button { background:none; border:0; color:#aeb6c8; font:inherit; padding:6px 10px; cursor:pointer; border-bottom:2px solid transparent; }
header nav button.selected { color:#fff; border-bottom-color:#fff; }
#inspector { flex:1; min-height:0; display:grid; grid-template-columns:176px minmax(0,1fr) 360px; gap:10px; padding:10px 12px; }
#inspector[hidden], #dashboard[hidden] { display:none; }
.actors { display:flex; flex-direction:column; gap:4px; min-height:0; overflow:auto; }
.actors h2, .side h2.head { font-size:11px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:2px 0 4px; }
button.actor { display:grid; grid-template-columns:14px 1fr; gap:0 4px; align-items:center; text-align:left; padding:6px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; font:inherit; cursor:pointer; color:var(--ink); }
button.actor .who { font-weight:600; }
button.actor .now { grid-column:2; font:11px/1.3 ui-monospace, monospace; color:var(--active); overflow-wrap:anywhere; }
button.actor .kind { grid-column:2; font-size:11px; color:var(--muted); }
button.actor.absent { opacity:.5; }
button.actor.absent .now { color:var(--muted); }
button.actor.chosen { border-color:var(--accent); box-shadow:0 0 0 1px var(--accent); }
.chart-pane { display:flex; flex-direction:column; min-width:0; min-height:0; background:#fff; border:1px solid var(--line); border-radius:8px; }
.chart-bar { display:flex; flex-wrap:wrap; align-items:center; gap:6px 10px; padding:6px 10px; border-bottom:1px solid var(--line); }
.chart-bar h2 { font-size:14px; margin:0; }
.chart-bar .machine { font-weight:400; color:var(--muted); font-size:12px; }
.chart-bar .now { font:12px ui-monospace, monospace; color:var(--active); overflow-wrap:anywhere; }
.chart-bar .grow { flex:1; }
.chart-bar label { color:var(--muted); font-size:12px; white-space:nowrap; }
.viewport { flex:1; min-height:0; position:relative; overflow:hidden; cursor:grab; background:#fbfbfa; border-radius:0 0 8px 8px; touch-action:none; }
.viewport.dragging { cursor:grabbing; }
.viewport > svg { position:absolute; inset:0; width:100%; height:100%; display:block; user-select:none; }
.viewport .absent-note { position:absolute; left:12px; top:10px; right:12px; background:#fff6d6; border:1px solid #e8c95a; border-radius:6px; padding:6px 10px; }
.legend { display:flex; gap:14px; padding:4px 10px; font-size:11px; color:var(--muted); border-top:1px solid var(--line); flex-wrap:wrap; }
.legend i { display:inline-block; width:18px; height:10px; border-radius:3px; vertical-align:-1px; margin-right:4px; }
.legend .k-active { background:var(--active-bg); border:2px solid var(--active); }
.legend .k-taken { height:0; border-top:3px dashed var(--accent); border-radius:0; vertical-align:3px; }
.legend .k-stop { background:var(--stop-bg); border:2px solid var(--stop); }
/* The picture's own classes (svg-draw.ts) are marked up here: active states, the arrow just taken. */
.viewport g.active > rect.state { fill:var(--active-bg); stroke:var(--active); stroke-width:3; }
.viewport g.active > rect.compound { stroke:var(--active); stroke-width:3; fill:#f3faf5; }
.viewport g.active > text.name, .viewport g.active > text.title, .viewport g.active > text.region-title { fill:#0b5132; font-weight:bold; }
.viewport svg.ended g.active > rect.state { fill:#eceef2; stroke:#6b7385; }
.viewport svg.ended g.active > rect.compound { stroke:#6b7385; }
.viewport svg g.active.stop-state > rect.state { fill:var(--stop-bg); stroke:var(--stop); stroke-width:3.5; }
.viewport svg g.active.stop-state > text.name { fill:var(--stop); }
.viewport g.entered > rect { animation:uc-enter 1.2s ease-out 1; }
@keyframes uc-enter { 0% { stroke:var(--accent); stroke-width:9; } 100% { stroke-width:3; } }
.viewport path.edge.taken { stroke:var(--accent); stroke-width:3; stroke-dasharray:10 6; animation:uc-flow .6s linear 6; }
@keyframes uc-flow { to { stroke-dashoffset:-32; } }
.viewport rect.label-bg.taken { fill:#dce6fb; fill-opacity:1; stroke:var(--accent); stroke-width:1.5; }
.viewport text.label.taken { fill:#163f9e; font-weight:bold; }
.viewport text.label.not-taken { fill:#7d8596; }
.viewport svg.absent { opacity:.35; }
.side { display:flex; flex-direction:column; gap:8px; min-height:0; min-width:0; }
.stop { flex:none; background:var(--stop-bg); border:1px solid #e3a39c; border-left:4px solid var(--stop); border-radius:8px; padding:8px 10px; max-height:55%; overflow:auto; }
.stop h2 { margin:0 0 2px; font-size:14px; color:var(--stop); }
.stop .where { font-size:11.5px; color:var(--muted); margin:0 0 6px; }
.stop h3 { margin:6px 0 2px; font-size:12px; }
.stop p { margin:0; overflow-wrap:break-word; }
.stop button { margin-top:6px; }
.side input[type=search] { width:100%; padding:6px 8px; border:1px solid var(--line); border-radius:6px; font:inherit; flex:none; }
.events { flex:1; min-height:90px; background:#fff; border:1px solid var(--line); border-radius:8px; overflow:auto; }
.detail { flex:none; background:#fff; border:1px solid var(--line); border-radius:8px; padding:6px 8px; font:11px/1.35 ui-monospace, monospace; white-space:pre-wrap; overflow-wrap:anywhere; overflow:auto; max-height:30%; }
.detail h4 { font:600 11px system-ui, sans-serif; margin:6px 0 2px; color:var(--muted); }
.events table { border-collapse:collapse; width:100%; font-size:11.5px; }
.events td { padding:3px 6px; border-bottom:1px solid #eef0f4; vertical-align:top; }
.events td.seq { color:var(--muted); text-align:right; font-family:ui-monospace, monospace; }
.events td.type { font-family:ui-monospace, monospace; overflow-wrap:anywhere; }
.events td.src { color:var(--muted); }
.events tr { cursor:pointer; }
.events tr.selected { background:var(--active-bg); }
.events tr.stop-row td.type { color:var(--stop); font-weight:600; }
.events tr.future { opacity:.4; }
footer.timeline { flex:none; display:flex; gap:10px; align-items:center; padding:8px 16px; background:#fff; border-top:1px solid var(--line); }
footer.timeline input[type=range] { flex:1; min-width:0; }
footer.timeline .pos { font-family:ui-monospace, monospace; min-width:260px; max-width:45%; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
body.on-dashboard { display:block; height:auto; }
body.on-dashboard footer.timeline { position:sticky; bottom:0; }
/* The dashboard: a responsive grid of cards, words never broken inside (word-break normal, wrapping
   only between words); only long tokens (host:port, user ids) may break, and only when a line cannot
   hold them (break-word keeps a table column as wide as its token), so nothing scrolls sideways. */
#dashboard { padding:12px 16px; display:grid; grid-template-columns:repeat(auto-fill, minmax(min(100%, 340px), 1fr)); gap:12px; align-items:start; font-size:14px; word-break:normal; overflow-wrap:normal; hyphens:manual; }
#dashboard .wide { grid-column:1 / -1; }
#dashboard .token { overflow-wrap:break-word; font-family:ui-monospace, monospace; font-size:.93em; }
.card { min-width:0; background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.card h3 { margin:0 0 8px; font-size:14px; }
.card dl { display:grid; grid-template-columns:auto minmax(0,1fr); gap:2px 10px; margin:0; }
.card dt { color:var(--muted); }
.card dd { margin:0; min-width:0; }
.card table { border-collapse:collapse; width:100%; }
.card td, .card th { text-align:left; vertical-align:top; padding:3px 6px; border-bottom:1px solid #eef0f4; }
.card thead th { color:var(--muted); font-weight:600; font-size:12.5px; }
.muted { color:var(--muted); }
.card .startup { margin:0 0 8px; }
table.connections th.name { white-space:nowrap; font-weight:600; }
table.connections td.state { font-weight:600; }
table.connections td.state.ok { color:var(--active); } table.connections td.state.trying { color:#9a6500; } table.connections td.state.bad { color:var(--stop); }
table.connections td.drop { min-width:16em; }
table.connections td.drop.none { color:var(--muted); }
table.connections .when { display:block; color:var(--muted); font-size:12.5px; }
.dash-stop { background:var(--stop-bg); border:1px solid #e3a39c; border-left:6px solid var(--stop); border-radius:8px; padding:12px 16px; }
.dash-stop h2 { margin:0 0 2px; font-size:18px; color:var(--stop); }
.dash-stop .where { margin:0 0 10px; color:var(--muted); font-size:12.5px; }
.dash-stop .stop-columns { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap:10px 24px; }
.dash-stop h3 { margin:0 0 4px; font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.dash-stop p { margin:0; }
.dash-stop .advice { background:#fff; border:1px solid #e3a39c; border-radius:6px; padding:8px 12px; }
.dash-stop .advice p { font-size:15px; font-weight:600; line-height:1.45; }
.card ul { margin:0; padding-left:0; list-style:none; } .card li { padding:2px 0; }
.card .im { padding:4px 0; border-bottom:1px solid #eef0f4; } .card .im .delivery { color:var(--muted); }
.notice { background:#fff6d6; border-color:#e8c95a; }
.lamp { display:inline-block; width:9px; height:9px; border-radius:50%; background:#c5cad5; margin-right:6px; }
.lamp.online, .lamp.ok { background:#22a060; } .lamp.reconnecting, .lamp.connecting, .lamp.securing, .lamp.authenticating, .lamp.trying { background:#e0a020; } .lamp.failed, .lamp.authFailed, .lamp.bad { background:#d03a3a; }
.lamp.off { background:#c5cad5; }
@media (max-width: 760px) {
  table.connections thead { display:none; }
  table.connections tr { display:block; padding:6px 0; border-bottom:1px solid #eef0f4; }
  table.connections th, table.connections td { display:block; border:0; padding:1px 4px; }
  table.connections td.drop { min-width:0; }
}
.card form { display:flex; gap:6px; margin-top:6px; } .card form input { flex:1; min-width:0; padding:4px 6px; border:1px solid var(--line); border-radius:4px; font:inherit; }
button.act { white-space:nowrap; margin:1px 2px; padding:4px 10px; border:1px solid var(--accent); color:var(--accent); background:#fff; border-radius:4px; cursor:pointer; font:inherit; }
button.act:disabled { opacity:.45; cursor:default; }
.result { font-family:ui-monospace, monospace; font-size:11.5px; color:var(--muted); margin-top:4px; min-height:1em; }
`;

export function pageHtml(title: string): string {
  const safe = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>unity-connect · ${safe}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>unity-connect · ${safe}</h1><span class="mode" id="mode"></span>
<nav><button id="tab-inspector" class="selected">Inspector</button><button id="tab-dashboard">Dashboard</button></nav></header>
<main id="inspector">
<nav class="actors" id="actors" aria-label="Actors"><h2>Actors</h2></nav>
<section class="chart-pane" id="chart-pane">
<div class="chart-bar"><h2 id="chart-title"></h2><span class="now" id="chart-state"></span><span class="grow"></span>
<label title="pan to the active state when it leaves the view"><input type="checkbox" id="follow-active" checked> follow</label>
<button class="act" id="zoom-out" title="zoom out (wheel)">−</button><button class="act" id="zoom-in" title="zoom in (wheel)">+</button><button class="act" id="zoom-fit" title="the whole chart">fit</button><button class="act" id="zoom-active" title="zoom to the active state">active</button></div>
<div class="viewport" id="viewport" data-testid="chart"></div>
<div class="legend"><span><i class="k-active"></i>active</span><span><i class="k-taken"></i>just taken</span><span><i class="k-stop"></i>start-up stopped here</span><span>drag: pan · wheel: zoom · ←/→: previous/next event</span></div>
</section>
<div class="side"><section class="stop" id="stop" data-testid="stop-panel" hidden></section>
<h2 class="head">Event log</h2>
<input type="search" id="filter" placeholder="Filter events (type, target, source, payload)…" aria-label="Filter events">
<div class="events"><table><tbody id="events"></tbody></table></div>
<div class="detail" id="detail" data-testid="entry-detail"></div></div></main>
<section id="dashboard" hidden></section>
<footer class="timeline"><button class="act" id="prev" title="previous event">◀</button><input type="range" id="timeline" min="0" max="0" value="0" aria-label="Timeline">
<button class="act" id="next" title="next event">▶</button><label id="follow-label"><input type="checkbox" id="follow" checked> follow live</label><span class="pos" id="position"></span></footer>
<script src="/app.js"></script>
</body></html>`;
}

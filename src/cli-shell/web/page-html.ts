// The page shell: markup and styles written here, the script from /app.js (page-bundle.ts). No
// external fonts, styles or scripts; the Content-Security-Policy forbids loading any.
export const PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

const STYLE = `
:root { --bg:#f6f7f9; --ink:#1d2330; --muted:#6b7385; --line:#c9cfdb; --active:#1f7a4d; --active-bg:#dff5e8; --final:#8a93a6; --accent:#2b5fd9; }
* { box-sizing: border-box; }
body { margin:0; font:13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--ink); }
header { display:flex; align-items:center; gap:16px; padding:8px 16px; background:#1d2330; color:#fff; }
header h1 { font-size:15px; margin:0; font-weight:600; }
header .mode { font-size:11px; padding:2px 8px; border-radius:10px; background:#2b5fd9; text-transform:uppercase; letter-spacing:.05em; }
header nav button { background:none; border:0; color:#aeb6c8; font:inherit; padding:6px 10px; cursor:pointer; border-bottom:2px solid transparent; }
header nav button.selected { color:#fff; border-bottom-color:#fff; }
main { display:grid; grid-template-columns: minmax(0,1fr) 380px; gap:12px; padding:12px 16px; }
main[hidden], #dashboard[hidden] { display:none; }
.charts { display:flex; flex-direction:column; gap:12px; }
.chart { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px 10px; }
.chart.absent { opacity:.45; }
.chart h2 { font-size:13px; margin:0 0 6px; display:flex; gap:8px; align-items:baseline; }
.chart h2 .current { font-family:ui-monospace, monospace; font-weight:400; color:var(--active); }
.chart h2 .machine { font-weight:400; color:var(--muted); }
.state { border:1.5px solid var(--line); border-radius:8px; padding:4px 6px; background:#fff; min-width:90px; }
.state > .name { font-weight:600; font-size:12px; display:flex; gap:4px; align-items:center; }
.state.initial > .name::before { content:'●'; color:var(--muted); font-size:9px; }
.state.final { border-style:double; border-width:3px; color:var(--final); }
.state.parallel > .children { border-top:1px dashed var(--line); }
.state.parallel > .children > .state { border-style:dashed; }
.state .children { display:flex; flex-wrap:wrap; gap:6px; margin-top:4px; align-items:flex-start; }
.state ul.transitions { list-style:none; margin:2px 0 0; padding:0; font-size:10.5px; color:var(--muted); font-family:ui-monospace, monospace; }
.state.active { border-color:var(--active); background:var(--active-bg); box-shadow:0 0 0 1px var(--active); }
.state.active > .name { color:var(--active); }
.state ul.transitions li.fired { color:#fff; background:var(--accent); border-radius:3px; padding:0 3px; }
.chart > .state.active { background:#fff; box-shadow:none; }
.state.active.final { color:var(--active); }
.side { display:flex; flex-direction:column; gap:8px; min-height:0; position:sticky; top:8px; align-self:start; }
.side input[type=search] { width:100%; padding:6px 8px; border:1px solid var(--line); border-radius:6px; font:inherit; }
.events { background:#fff; border:1px solid var(--line); border-radius:8px; overflow:auto; max-height:calc(60vh - 120px); }
.detail { background:#fff; border:1px solid var(--line); border-radius:8px; padding:6px 8px; font:11px/1.35 ui-monospace, monospace; white-space:pre-wrap; overflow:auto; max-height:40vh; }
.detail h4 { font:600 11px system-ui, sans-serif; margin:6px 0 2px; color:var(--muted); }
.events table { border-collapse:collapse; width:100%; font-size:11.5px; }
.events td { padding:3px 6px; border-bottom:1px solid #eef0f4; vertical-align:top; }
.events td.seq { color:var(--muted); text-align:right; font-family:ui-monospace, monospace; }
.events td.type { font-family:ui-monospace, monospace; word-break:break-all; }
.events td.src { color:var(--muted); }
.events tr { cursor:pointer; }
.events tr.selected { background:var(--active-bg); }
.events tr.future { opacity:.4; }
footer.timeline { position:sticky; bottom:0; display:flex; gap:10px; align-items:center; padding:10px 16px; background:#fff; border-top:1px solid var(--line); }
footer.timeline input[type=range] { flex:1; }
footer.timeline .pos { font-family:ui-monospace, monospace; min-width:230px; }
#dashboard { padding:12px 16px; display:grid; grid-template-columns:repeat(auto-fill, minmax(320px,1fr)); gap:12px; }
.card { min-width:0; overflow-wrap:anywhere; background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.card h3 { margin:0 0 8px; font-size:13px; }
.card dl { display:grid; grid-template-columns:auto 1fr; gap:2px 10px; margin:0; }
.card dt { color:var(--muted); }
.card dd { margin:0; font-family:ui-monospace, monospace; }
.card table { border-collapse:collapse; width:100%; }
.card td, .card th { text-align:left; padding:2px 4px; border-bottom:1px solid #eef0f4; }
.notice { background:#fff6d6; border-color:#e8c95a; }
.lamp { display:inline-block; width:9px; height:9px; border-radius:50%; background:#c5cad5; margin-right:6px; }
.lamp.online { background:#22a060; } .lamp.reconnecting, .lamp.connecting, .lamp.securing, .lamp.authenticating { background:#e0a020; } .lamp.failed, .lamp.authFailed { background:#d03a3a; }
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
<title>unity-connect · ${safe}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>unity-connect · ${safe}</h1><span class="mode" id="mode"></span>
<nav><button id="tab-inspector" class="selected">Inspector</button><button id="tab-dashboard">Dashboard</button></nav></header>
<main id="inspector"><div class="charts" id="charts"></div>
<div class="side"><input type="search" id="filter" placeholder="Filter events (type, target, source, payload)…" aria-label="Filter events">
<div class="events"><table><tbody id="events"></tbody></table></div>
<div class="detail" id="detail" data-testid="entry-detail"></div></div></main>
<section id="dashboard" hidden></section>
<footer class="timeline"><button class="act" id="prev" title="previous event">◀</button><input type="range" id="timeline" min="0" max="0" value="0" aria-label="Timeline">
<button class="act" id="next" title="next event">▶</button><label id="follow-label"><input type="checkbox" id="follow" checked> follow live</label><span class="pos" id="position"></span></footer>
<script src="/app.js"></script>
</body></html>`;
}

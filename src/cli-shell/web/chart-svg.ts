// A statechart as a self-contained SVG, from the same chart JSON the page draws (issue 6
// "Pictures": renderings generated from the definitions, never drawn by hand). Nested boxes:
// compound states contain their children (wrapped in rows), parallel regions have dashed borders,
// final states a double border, the initial child a dot; each box lists its own transitions.
// Deterministic (no fonts measured): text width is estimated from a monospace advance.
import type { Chart, ChartNode } from './chart-model.ts';

const CHAR_W = 6.6; // 11px monospace advance
const LINE = 14;
const HEADER = 20;
const PAD = 8;
const GAP = 10;
const MAX_ROW = 760;

interface Box {
  node: ChartNode;
  w: number;
  h: number;
  /** Children positions relative to this box. */
  children: Array<{ box: Box; x: number; y: number }>;
  initial: boolean;
  region: boolean;
}

function label(node: ChartNode): string {
  return node.type === 'parallel' ? `${node.key} ∥` : node.key;
}

function transitionLines(node: ChartNode): string[] {
  return node.transitions.map((t) => {
    const targets = t.targets.length === 0 ? '(internal)' : t.targets.map((id) => id.split('.').pop() ?? id).join(', ');
    return `${t.event}${t.guard ? ` [${t.guard}]` : ''} → ${targets}`;
  });
}

function measure(node: ChartNode, initial: boolean, region: boolean): Box {
  const lines = transitionLines(node);
  const textW = Math.max(label(node).length * 7.8 + (initial ? 12 : 0), ...lines.map((l) => l.length * CHAR_W));
  const starts = new Set(node.initial);
  const kids = node.children.map((c) => measure(c, starts.has(c.id), node.type === 'parallel'));
  const rowLimit = Math.max(MAX_ROW, ...kids.map((k) => k.w));
  const placed: Box['children'] = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  let rowsW = 0;
  for (const k of kids) {
    if (x > 0 && x + k.w > rowLimit) {
      y += rowH + GAP;
      x = 0;
      rowH = 0;
    }
    placed.push({ box: k, x, y });
    x += k.w + GAP;
    rowH = Math.max(rowH, k.h);
    rowsW = Math.max(rowsW, x - GAP);
  }
  const top = HEADER + lines.length * LINE + (kids.length > 0 ? PAD / 2 : 0);
  for (const p of placed) {
    p.x += PAD;
    p.y += top;
  }
  const w = Math.ceil(Math.max(textW, rowsW) + 2 * PAD);
  const h = Math.ceil(top + (kids.length > 0 ? y + rowH : 0) + PAD);
  return { node, w, h, children: placed, initial, region };
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function draw(box: Box, x: number, y: number, active: ReadonlySet<string>, out: string[], root = false): void {
  const on = active.has(box.node.id);
  const stroke = on ? '#1f7a4d' : '#9aa3b5';
  // The root is always active: only its border says so, or the whole picture would be green.
  const fill = on && !root ? '#dff5e8' : '#ffffff';
  const dash = box.region ? ' stroke-dasharray="5 3"' : '';
  out.push(`<g data-state="${esc(box.node.id)}"><rect x="${x}" y="${y}" width="${box.w}" height="${box.h}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${on ? 2 : 1.2}"${dash}/>`);
  if (box.node.type === 'final') out.push(`<rect x="${x + 3}" y="${y + 3}" width="${box.w - 6}" height="${box.h - 6}" rx="6" fill="none" stroke="${stroke}"/>`);
  let tx = x + PAD;
  if (box.initial) {
    out.push(`<circle cx="${x + PAD + 3}" cy="${y + 13}" r="3.5" fill="#6b7385"/>`);
    tx += 12;
  }
  out.push(`<text x="${tx}" y="${y + 16}" font-weight="600" font-size="12" fill="${on ? '#1f7a4d' : '#1d2330'}">${esc(label(box.node))}</text>`);
  transitionLines(box.node).forEach((line, i) => {
    out.push(`<text x="${x + PAD}" y="${y + HEADER + 10 + i * LINE}" font-family="ui-monospace, monospace" font-size="11" fill="#6b7385">${esc(line)}</text>`);
  });
  for (const c of box.children) draw(c.box, x + c.x, y + c.y, active, out);
  out.push('</g>');
}

/** The chart as an SVG document; `active` state ids are highlighted (e.g. from a log entry). */
export function chartSvg(chart: Chart, active: ReadonlySet<string> = new Set()): string {
  const root = measure(chart.root, false, false);
  const margin = 10;
  const width = root.w + 2 * margin;
  const height = root.h + 2 * margin + 18;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<title>${esc(chart.name)} statechart</title>`,
    `<rect width="100%" height="100%" fill="#f6f7f9"/>`,
    `<text x="${margin}" y="${margin + 10}" font-size="12" fill="#6b7385">${esc(chart.name)} machine (generated from its definition)</text>`,
  ];
  draw(root, margin, margin + 18, active, out, true);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

// SVG text of a laid-out statechart (issue 6 "Pictures"): rounded boxes for states (compound
// states contain their children), dashed lines between the regions of a parallel state, a dot for
// each initial state, a double border for final states, arrows labelled with the transition.
import type { Box, Layout, PlacedEdge, PlacedState } from './svg-layout.ts';
import { ATOMIC_LINES_TOP, COMPOUND_LINES_TOP, FINAL_INSET, LABEL_SIZE, LINE_HEIGHT, NAME_SIZE } from './svg-layout.ts';
import { escapeXml, FONT_FAMILY, num, textWidth } from './svg-text.ts';

const STYLE = [
  '.state{fill:#eef4fb;stroke:#33597f;stroke-width:1.5}',
  '.compound{fill:#f7f7f4;stroke:#5b5b55;stroke-width:1.5}',
  '.region-line{stroke:#5b5b55;stroke-width:1.2;stroke-dasharray:6 4}',
  '.edge{fill:none;stroke:#3d3d3d;stroke-width:1.2}',
  '.initial{fill:#222}',
  '.name{fill:#1a2a3a;font-size:' + NAME_SIZE + 'px}',
  '.title{fill:#333;font-size:' + NAME_SIZE + 'px;font-weight:bold}',
  '.region-title{fill:#555;font-size:' + LABEL_SIZE + 'px;font-style:italic}',
  '.label-bg{fill:#fff;fill-opacity:0.9}',
  '.label{fill:#7a2a00;font-size:' + LABEL_SIZE + 'px}',
  '.internal{fill:#444;font-size:' + LABEL_SIZE + 'px}',
].join('');

export function drawSvg(layout: Layout, title: string): string {
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z" fill="#3d3d3d"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  for (const state of layout.states) out.push(...drawState(state, layout.states));
  for (const dot of layout.dots) {
    out.push(`<circle class="initial" cx="${num(dot.x + dot.width / 2)}" cy="${num(dot.y + dot.height / 2)}" r="${num(dot.width / 2)}"/>`);
  }
  for (const edge of layout.edges) out.push(drawEdge(edge));
  // Labels last, over every line, so an arrow never crosses a label's text.
  for (const edge of layout.edges) if (edge.label !== undefined) out.push(...drawLabel(edge.label, edge));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function drawState(s: PlacedState, all: PlacedState[]): string[] {
  const id = escapeXml(s.state.id);
  const name = escapeXml(s.title);
  const rect = (b: Box, cls: string, r: number): string =>
    `<rect class="${cls}" x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="${r}"/>`;
  switch (s.kind) {
    case 'region': {
      // A region has no box of its own: the dashed lines drawn by its parallel state delimit it.
      return [`<g class="sc-region" data-state="${id}">`, `<text class="region-title" x="${num(s.x + 8)}" y="${num(s.y + 16)}">${name}</text>`, '</g>'];
    }
    case 'compound':
    case 'parallel': {
      const lines = [`<g class="sc-${s.kind}" data-state="${id}">`, rect(s, 'compound', 10), `<text class="title" x="${num(s.x + 12)}" y="${num(s.y + 22)}">${name}</text>`];
      lines.push(...internalLines(s, s.x + 12, s.y + COMPOUND_LINES_TOP));
      if (s.kind === 'parallel') lines.push(...regionLines(s, all.filter((c) => c.parentId === s.state.id)));
      lines.push('</g>');
      return lines;
    }
    default: {
      const lines = [`<g class="sc-${s.kind}" data-state="${id}">`, rect(s, 'state', 8)];
      const i = s.kind === 'final' ? FINAL_INSET : 0;
      if (s.kind === 'final') lines.push(rect({ x: s.x + i, y: s.y + i, width: s.width - 2 * i, height: s.height - 2 * i }, 'state', 5));
      const nameY = s.internal.length === 0 ? s.y + s.height / 2 + NAME_SIZE * 0.35 : s.y + i + 21;
      lines.push(`<text class="name" x="${num(s.x + s.width / 2)}" y="${num(nameY)}" text-anchor="middle">${name}</text>`);
      lines.push(...internalLines(s, s.x + i + 10, s.y + i + ATOMIC_LINES_TOP), '</g>');
      return lines;
    }
  }
}

/** Transitions handled without leaving the state, listed in its box (UML internal transitions). */
function internalLines(s: PlacedState, x: number, top: number): string[] {
  return s.internal.map(
    (label, i) => `<text class="internal" x="${num(x)}" y="${num(top + i * LINE_HEIGHT + LABEL_SIZE)}">${escapeXml(label)}</text>`,
  );
}

/** A dashed line halfway between neighbouring regions, across the whole parallel box. */
function regionLines(parallel: PlacedState, regions: PlacedState[]): string[] {
  const lines: string[] = [];
  const sideBySide = regions.length > 1 && (regions[1] as PlacedState).x >= (regions[0] as PlacedState).x + (regions[0] as PlacedState).width;
  const ordered = [...regions].sort((a, b) => (sideBySide ? a.x - b.x : a.y - b.y));
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1] as PlacedState;
    const after = ordered[i] as PlacedState;
    if (sideBySide) {
      const x = (before.x + before.width + after.x) / 2;
      lines.push(`<line class="region-line" x1="${num(x)}" y1="${num(parallel.y + 30)}" x2="${num(x)}" y2="${num(parallel.y + parallel.height - 10)}"/>`);
    } else {
      const y = (before.y + before.height + after.y) / 2;
      lines.push(`<line class="region-line" x1="${num(parallel.x + 10)}" y1="${num(y)}" x2="${num(parallel.x + parallel.width - 10)}" y2="${num(y)}"/>`);
    }
  }
  return lines;
}

/** The arrow's two ends, on its path and its label: a viewer can mark the arrow a transition took. */
function ends(edge: PlacedEdge): string {
  return `data-from="${escapeXml(edge.source)}" data-to="${escapeXml(edge.target)}"`;
}

function drawEdge(edge: PlacedEdge): string {
  const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('');
  return `<path class="edge${edge.initial ? ' from-initial' : ''}" ${ends(edge)} d="${d}" marker-end="url(#arrow)"/>`;
}

function drawLabel(label: Box & { lines: string[] }, edge: PlacedEdge): string[] {
  const rect = `<rect class="label-bg" ${ends(edge)} x="${num(label.x)}" y="${num(label.y)}" width="${num(label.width)}" height="${num(label.height)}" rx="2"/>`;
  const lines = label.lines.map((line, i) => {
    // SVG collapses leading spaces: indent a guard continuation line by moving it instead.
    const indent = line.length - line.trimStart().length;
    const x = num(label.x + 4 + textWidth(' '.repeat(indent), LABEL_SIZE));
    return `<text class="label" ${ends(edge)} x="${x}" y="${num(label.y + 2 + i * LINE_HEIGHT + LABEL_SIZE)}">${escapeXml(line.trimStart())}</text>`;
  });
  return [rect, ...lines];
}

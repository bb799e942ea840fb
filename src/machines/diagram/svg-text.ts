// Text in the statechart pictures: a monospace font, so a label's width is known from its length
// without a browser to measure it (issue 6 "Pictures": output must not depend on the machine that
// renders it), and XML escaping.

export const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** Advance width of one monospace glyph, as a fraction of the font size (0.6 em in common fonts). */
const GLYPH_EM = 0.62;

export function textWidth(text: string, fontSize: number): number {
  return Math.ceil([...text].length * fontSize * GLYPH_EM);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Coordinates with one decimal, never `-0`: the same layout always prints the same bytes. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}

// Colours for the live terminal UI, or none (plain text for tests and NO_COLOR, no-color.org).
export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const COLOR: Style = { ok: sgr(32, 39), bad: sgr(31, 39), warn: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

const same = (text: string): string => text;
export const NO_STYLE: Style = { ok: same, bad: same, warn: same, dim: same, bold: same };

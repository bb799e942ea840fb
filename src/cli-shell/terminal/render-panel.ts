// The status panel, one line per connection: state, host:port, TLS version or plain, the last
// keepalive; while reconnecting the state says the seconds left of the 15 s wait (seed §1), counted
// from the log time of the drop with the UI's clock; a second line says why it dropped. The columns
// are aligned over all rows; on a narrow screen the decoration goes first (the keepalive age, then
// the TLS column, then host:port), never the connection's name or its state.
import type { ConnectionRow } from './connection-rows.ts';
import type { Style } from './style.ts';
import { fit, formatDuration, pad, wrap } from './text-layout.ts';

const LABEL: Record<string, string> = { oci: 'OCI', cap: 'CAP', cti: 'CTI', imp: 'Kakapo IM&P', xmpp: 'XMPP' };
/** Columns kept, widest first: name and state always. */
const LAYOUTS = [
  ['name', 'state', 'where', 'tls', 'keepalive'],
  ['name', 'state', 'where', 'tls'],
  ['name', 'state', 'where'],
  ['name', 'state'],
] as const;
type Column = (typeof LAYOUTS)[number][number];
/** A reason longer than this many lines is cut (the panel stays readable on a small screen). */
const PROBLEM_LINES = 2;

/** Whole seconds until the next attempt (0: due now). */
export function secondsUntilReconnect(row: ConnectionRow, now: number): number | null {
  if (row.nextAttemptAt === null) return null;
  return Math.max(0, Math.ceil((row.nextAttemptAt - now) / 1000));
}

function symbol(state: string, style: Style): string {
  if (state === 'online') return style.ok('●');
  if (state === 'reconnecting' || state === 'connecting' || state === 'securing' || state === 'authenticating') return style.warn('◌');
  if (state === 'closed') return style.dim('○');
  return style.bad('✗');
}

/** What each column says for a row: the state in words (`reconnecting in 12 s`), host:port, TLS, keepalive. */
function cells(row: ConnectionRow, now: number): Record<Column, string> {
  const left = secondsUntilReconnect(row, now);
  const state = left === null ? row.state : left > 0 ? `reconnecting in ${left} s` : 'reconnecting now';
  const keepalive = row.state !== 'online' ? '' : row.lastKeepaliveAt === null ? 'keepalive —' : `keepalive ${formatDuration(now - row.lastKeepaliveAt)} ago`;
  return { name: LABEL[row.name] ?? row.name, state, where: `${row.host}:${row.port}`, tls: row.tls ?? 'plain', keepalive };
}

/**
 * @example
 * renderPanel(rows, { now: clock.now(), width: 59, style: NO_STYLE });
 * // ['  ● OCI online              ocs.lab.test:2208', '  ◌ CTI reconnecting in 12 s cti.lab.test:8011', '      the CTI server closed the connection']
 */
export function renderPanel(rows: readonly ConnectionRow[], { now, width, style }: { now: number; width: number; style: Style }): string[] {
  const table = rows.map((row) => cells(row, now));
  const room = width - 4; // '  ● '
  const widths = (columns: readonly Column[]): number[] => columns.map((c) => Math.max(0, ...table.map((t) => [...t[c]].length)));
  const lineOf = (t: Record<Column, string>, columns: readonly Column[], w: number[]): string =>
    columns.map((c, i) => (i === columns.length - 1 ? t[c] : pad(t[c], w[i]!))).join(' ').trimEnd();
  // The widest layout whose every row fits; the last one is cut to fit when even it does not.
  const columns = LAYOUTS.find((layout) => {
    const w = widths(layout);
    return table.every((t) => [...lineOf(t, layout, w)].length <= room);
  }) ?? LAYOUTS[LAYOUTS.length - 1]!;
  const w = widths(columns);
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(`  ${symbol(row.state, style)} ${fit(lineOf(table[i]!, columns, w), room)}`);
    if (row.problem === null) return;
    const why = wrap(row.problem, width - 6);
    const shown = why.length > PROBLEM_LINES ? [...why.slice(0, PROBLEM_LINES - 1), fit(why.slice(PROBLEM_LINES - 1).join(' '), width - 6)] : why;
    for (const line of shown) lines.push(style.dim(`      ${line}`));
  });
  return lines;
}

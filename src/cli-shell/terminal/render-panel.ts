// The status panel, one line per connection: state, host:port, TLS version or plain, the last
// keepalive, and while reconnecting the seconds left of the 15 s wait (seed §1), counted from the
// log time of the drop with the UI's clock; a second line says why it dropped.
import type { ConnectionRow } from './connection-rows.ts';
import type { Style } from './style.ts';
import { fit, formatDuration, pad } from './text-layout.ts';

const LABEL: Record<string, string> = { oci: 'OCI', cap: 'CAP', cti: 'CTI', imp: 'Kakapo IM&P', xmpp: 'XMPP' };

/** Whole seconds until the next attempt (0: due now). */
export function secondsUntilReconnect(row: ConnectionRow, now: number): number | null {
  if (row.reconnectingSince === null) return null;
  return Math.max(0, Math.ceil((row.reconnectingSince + row.reconnectDelayMs - now) / 1000));
}

function symbol(state: string, style: Style): string {
  if (state === 'online') return style.ok('●');
  if (state === 'reconnecting' || state === 'connecting' || state === 'securing' || state === 'authenticating') return style.warn('◌');
  if (state === 'closed') return style.dim('○');
  return style.bad('✗');
}

export function renderPanel(rows: readonly ConnectionRow[], { now, width, style }: { now: number; width: number; style: Style }): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const left = secondsUntilReconnect(row, now);
    const keepalive = row.lastKeepaliveAt === null ? 'keepalive —' : `keepalive ${formatDuration(now - row.lastKeepaliveAt)} ago`;
    const status = left === null ? keepalive : left > 0 ? `reconnecting in ${left} s` : 'reconnecting now';
    const text = `${pad(LABEL[row.name] ?? row.name, 12)} ${pad(row.state, 13)} ${pad(`${row.host}:${row.port}`, 26)} ${pad(row.tls ?? 'plain', 8)} ${status}`;
    lines.push(`  ${symbol(row.state, style)} ${fit(text, width - 4)}`);
    if (row.problem !== null) lines.push(style.dim(fit(`      ${row.problem}`, width)));
  }
  return lines;
}

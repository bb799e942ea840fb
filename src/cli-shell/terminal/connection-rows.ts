// One row per connection of the session for the status panel: the snapshot's state, host, port
// and TLS, plus what only the log knows: when the last keepalive was answered, and when the
// current wait before reconnecting began (the entry that put the connection in `reconnecting`).
import { RECONNECT_DELAY_MS, type ConnectionName, type LogEntry, type ClientSnapshot } from '../../client/index.ts';

export interface ConnectionRow {
  name: ConnectionName;
  state: string;
  host: string;
  port: number;
  tls: string | null;
  /** Log time of the last KEEPALIVE.ACK, null when none yet. */
  lastKeepaliveAt: number | null;
  /** While reconnecting: log time of the drop (or failed retry); the next attempt is `reconnectDelayMs` later. */
  reconnectingSince: number | null;
  reconnectDelayMs: number;
  /** While reconnecting: when the next attempt starts (the snapshot's, else the drop's time + the delay). */
  nextAttemptAt: number | null;
  /** Why it dropped or why the last attempt failed. */
  problem: string | null;
}

const NAMES: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

const top = (state: string | undefined): string => (state ?? '').replace(/^stopped:/, '').split('.')[0]!;

function problemOf(entry: LogEntry): string | null {
  const e = entry.event as { type: string; failure?: { message?: string }; message?: string; reason?: string };
  if (e.failure?.message !== undefined) return e.failure.message;
  if (e.type === 'SESSION.ENDED') return `session ended by the server: ${e.reason ?? ''}`.trim();
  if (e.type === 'AUTH.FAILED') return e.message ?? 'login refused';
  if (entry.source === 'timer') return 'keepalive not answered';
  return null;
}

export function connectionRowsFromSession(
  snapshot: ClientSnapshot,
  entries: readonly LogEntry[],
  // seed §1: reconnect every 15 seconds (the client's default).
  reconnectDelayMs: number = RECONNECT_DELAY_MS,
): ConnectionRow[] {
  const keepalive = new Map<string, number>();
  const since = new Map<string, number>();
  const problem = new Map<string, string>();
  let previous: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.event.type === 'KEEPALIVE.ACK') keepalive.set(entry.target, entry.t);
    for (const name of NAMES) {
      const now = top(entry.states[name]);
      if (now === 'reconnecting' && top(previous[name]) !== 'reconnecting') {
        since.set(name, entry.t);
        const why = entry.target === name ? problemOf(entry) : null;
        if (why !== null) problem.set(name, why);
      }
      if (now === 'online') problem.delete(name);
    }
    previous = entry.states;
  }
  const rows: ConnectionRow[] = [];
  for (const name of NAMES) {
    const c = snapshot.connections[name];
    if (c === undefined) continue;
    const reconnectingSince = c.state === 'reconnecting' ? (since.get(name) ?? null) : null;
    rows.push({
      name,
      state: c.state,
      host: c.host,
      port: c.port,
      tls: c.tls,
      lastKeepaliveAt: keepalive.get(name) ?? null,
      reconnectingSince,
      reconnectDelayMs,
      // The client's snapshot says when and why (its own reconnect delay, the machine's last outcome);
      // a UI given an older snapshot falls back on what the log shows.
      nextAttemptAt: c.state !== 'reconnecting' ? null : (c.nextAttemptAt ?? (reconnectingSince !== null ? reconnectingSince + reconnectDelayMs : null)),
      problem: c.state === 'online' ? null : (c.lastDrop?.message ?? problem.get(name) ?? null),
    });
  }
  return rows;
}

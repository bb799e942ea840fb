// Each connection as the dashboard says it to a support engineer, from the session's public status
// (the client's snapshot, live or replayed from a log): which server (host:port), TLS version or
// plain, the state in words ("online", "reconnecting in 12 s", "stopped", "closed by you" — never a
// machine's state name such as `online.quiet`), and the last drop's reason and time. Pure: `now`
// is given (the countdown ticks by calling again with a later one).
import type { ConnectionName, ConnectionView, SessionStatus } from '../../../client/index.ts';
import { secondsUntil, whenInWords } from './time-words.ts';

/** The connections in the order the dashboard lists them (start-up's order). */
export const CONNECTION_ORDER: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

/** What a support engineer calls each connection. */
export const CONNECTION_LABELS: Readonly<Record<ConnectionName, string>> = { oci: 'OCI', cap: 'CAP', cti: 'CTI', imp: 'Kakapo IM&P', xmpp: 'XMPP' };

/** The lamp beside a connection: online, trying, stopped for a fault, or off on purpose. */
export type Tone = 'ok' | 'trying' | 'bad' | 'off';

export interface ConnectionRow {
  name: ConnectionName;
  label: string;
  /** `host:port`. */
  where: string;
  /** `TLSv1.3`, or `plain`. */
  security: string;
  /** The state in words. */
  state: string;
  tone: Tone;
  /** The newest drop at or before the timeline position (also once the connection is back). */
  lastDrop: { reason: string; when: string | null } | null;
}

/** The connection's lifecycle state: `stopped:online.quiet` → `online`. */
function lifecycleOf(state: string): string {
  return state.replace(/^(stopped|done|error):/, '').split('.')[0] ?? '';
}

/**
 * `authFailed` → `auth failed`, `some_state` → `some state`: a name in words, never a dotted path
 * nor something that reads as a negative number (`-0`).
 */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._:-]+/g, ' ')
    .toLowerCase()
    .trim() || 'not known';
}

/**
 * The state of a connection in words, at `now` on the session's clock. `stop`: how the session's
 * start-up ended, if it did (a connection closed because start-up stopped was not closed by you).
 *
 * @example
 * stateInWords({ state: 'online', host: 'h', port: 1, tls: null }, 0); // 'online'
 * stateInWords({ state: 'reconnecting', host: 'h', port: 1, tls: null, nextAttemptAt: 27_000 }, 15_000); // 'reconnecting in 12 s'
 * stateInWords({ state: 'closed', host: 'h', port: 1, tls: null }, 0, { code: 'closed' }); // 'closed by you'
 */
export function stateInWords(view: Pick<ConnectionView, 'state' | 'nextAttemptAt' | 'lastDrop'>, now: number, stop: { code: string } | null = null): string {
  const state = lifecycleOf(view.state);
  switch (state) {
    case 'online':
      return 'online';
    case 'idle':
      return 'not started yet';
    case 'connecting':
      return 'connecting';
    case 'securing':
      return 'connecting: TLS handshake';
    case 'authenticating':
      return 'connecting: logging in';
    case 'failing':
    case 'reconnecting': {
      if (view.nextAttemptAt === undefined) return 'reconnecting';
      const left = secondsUntil(view.nextAttemptAt, now);
      return left > 0 ? `reconnecting in ${left} s` : 'reconnecting now';
    }
    case 'authFailed':
      return 'stopped: the login was refused';
    case 'failed':
      return view.lastDrop?.kind === 'session-replaced' ? 'stopped: another login took over' : 'stopped';
    case 'closed':
      if (stop === null) return 'closed';
      return stop.code === 'closed' ? 'closed by you' : 'closed: start-up stopped';
    default:
      return words(state);
  }
}

/**
 * The lamp colour of a connection's state.
 *
 * @example
 * toneOf('online.quiet'); // 'ok'
 * toneOf('reconnecting'); // 'trying'
 */
export function toneOf(state: string): Tone {
  const top = lifecycleOf(state);
  if (top === 'online') return 'ok';
  if (top === 'connecting' || top === 'securing' || top === 'authenticating' || top === 'reconnecting' || top === 'failing' || top === 'idle') return 'trying';
  if (top === 'closed') return 'off';
  return 'bad';
}

/** The status in effect after the entry `seq`: the newest point at or before it. */
export function statusAt(points: readonly SessionStatus[], seq: number): SessionStatus | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.seq <= seq) return points[i]!;
  return null;
}

/** The newest drop of `name` reported at or before `seq` (a connection back online keeps its last drop). */
function lastDropOf(points: readonly SessionStatus[], seq: number, name: ConnectionName): NonNullable<ConnectionView['lastDrop']> | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (point.seq > seq) continue;
    const drop = point.connections[name]?.lastDrop;
    if (drop !== undefined) return drop;
  }
  return null;
}

/**
 * One row per connection of the session at the timeline position `seq`, at `now`.
 *
 * @example
 * connectionRows(statuses, entry.seq, Date.now());
 * // [{ label: 'CTI', where: 'cti.example.com:8012', security: 'TLSv1.2', state: 'reconnecting in 12 s', lastDrop: { reason: 'the CTI server … closed the connection', when: '14:03:27, 3 s ago' }, … }]
 */
export function connectionRows(points: readonly SessionStatus[], seq: number, now: number): ConnectionRow[] {
  const status = statusAt(points, seq);
  if (status === null) return [];
  const rows: ConnectionRow[] = [];
  for (const name of CONNECTION_ORDER) {
    const view = status.connections[name];
    if (view === undefined) continue;
    const drop = lastDropOf(points, seq, name);
    rows.push({
      name,
      label: CONNECTION_LABELS[name],
      where: `${view.host}:${view.port}`,
      security: view.tls ?? 'plain',
      state: stateInWords(view, now, status.stop),
      tone: toneOf(view.state),
      lastDrop: drop === null ? null : { reason: sentence(drop.message), when: drop.at === undefined ? null : whenInWords(drop.at, now) },
    });
  }
  return rows;
}

/** A message as a sentence: capital first, one final period. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'no reason given.';
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

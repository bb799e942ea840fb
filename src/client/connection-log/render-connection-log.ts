// The human-readable connection log (issue 6 "Connection log"; seed §5.1 ConnectionLog.txt),
// rendered from the JSON Lines event log: connection requests come from the `effect.connect` /
// `effect.secure` / `effect.close` effects, outcomes from the network events and from each
// connection actor's state after the entry (online, reconnecting, failed, closed).
import type { LogEntry, LoggedEvent } from '../../machines/log/log-entry.ts';
import { formatLines, type ConnectionLogLine, type FormatOptions, type LoggedConnection } from './connection-log-line.ts';

export interface ConnectionLogOptions extends FormatOptions {
  /** seed §1: 15 s, unless the session's input says otherwise (system.start input.reconnectDelayMs). */
  reconnectDelayMs?: number;
  /** host:port of the Kakapo portal, when known (the event log does not carry the URL). */
  portalTarget?: string;
}

const CONNECTIONS: readonly LoggedConnection[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];
const isConnection = (id: string): id is LoggedConnection => (CONNECTIONS as readonly string[]).includes(id);
const DEFAULT_RECONNECT_MS = 15_000;

interface Tracked {
  target: string;
  tls: string;
  state: string;
  attempt: number;
}

/** `online.quiet` → `online`; a child stopped with its parent reads `stopped:<state>`. */
function topState(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return (value.startsWith('stopped:') ? value.slice('stopped:'.length) : value).split('.')[0];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const failureMessage = (event: LoggedEvent): string | undefined => {
  const failure = event['failure'];
  return typeof failure === 'object' && failure !== null ? str((failure as Record<string, unknown>)['message']) : undefined;
};

const CLOSE_REASONS: Record<string, string> = {
  'keepalive-timeout': 'no answer to the keepalive',
  'session-ended': 'the server ended the session',
  failed: 'connection lost',
  'auth-failed': 'login refused',
};

/** Why the connection went down, from the event that did it (or the close effect's reason). */
function reasonOf(event: LoggedEvent, closeReason: string | undefined): string {
  switch (event.type) {
    case 'TRANSPORT.DROPPED':
    case 'TRANSPORT.FAILED':
    case 'TLS.FAILED':
      return failureMessage(event) ?? event.type;
    case 'AUTH.FAILED':
      return `login refused: ${str(event['message']) ?? 'no reason given'}`;
    case 'SESSION.ENDED':
      return `the server ended the session${str(event['reason']) ? ` (${str(event['reason'])})` : ''}`;
    default:
      return (closeReason !== undefined ? CLOSE_REASONS[closeReason] : undefined) ?? event.type;
  }
}

type PortalLine = Omit<ConnectionLogLine, 't'>;
const portalLine = (target: string, text: string): PortalLine => ({ connection: 'portal', target, tls: 'https', text });

/** Answers from the portal (kakapo.md §2) to the start-up machine. */
function portalAnswers(entry: LogEntry, target: string): PortalLine[] {
  const line = (text: string) => portalLine(target, text);
  const out: PortalLine[] = [];
  const e = entry.event;
  if (entry.target === 'startup') {
    if (e.type === 'BRANDING.LOADED') out.push(line(`branding loaded (${str((e['branding'] as Record<string, unknown> | undefined)?.['level']) ?? 'unknown'} level)`));
    if (e.type === 'BRANDING.NOT_FOUND') out.push(line(`branding not found: ${str(e['message']) ?? ''}`));
    if (e.type === 'BRANDING.FAILED') out.push(line(`branding failed: ${failureMessage(e) ?? 'unknown reason'}`));
    if (e.type === 'LICENSE.LOADED') out.push(line(`license: ${str((e['license'] as Record<string, unknown> | undefined)?.['status']) ?? 'unknown'}`));
    if (e.type === 'LICENSE.FAILED') out.push(line(`license request failed: ${failureMessage(e) ?? 'unknown reason'}`));
  }
  return out;
}

/** Requests to the portal, from the start-up machine's effects. */
function portalRequests(entry: LogEntry, target: string): PortalLine[] {
  const line = (text: string) => portalLine(target, text);
  const out: PortalLine[] = [];
  for (const { effect } of entry.effects ?? []) {
    if (effect.type === 'effect.fetchBranding') out.push(line(`fetching branding (by ${effect['by'] === 'loginId' ? 'login ID' : 'server host'})`));
    if (effect.type === 'effect.requestLicense') out.push(line('requesting license'));
  }
  return out;
}

/** Turns log entries into connection-log lines one entry at a time (a sink writes as it goes). */
export interface ConnectionLogRenderer {
  /** The lines `entry` adds (the first entry pushed is the session's start). */
  push(entry: LogEntry): ConnectionLogLine[];
}

/**
 * @example
 * const renderer = createConnectionLogRenderer();
 * for (const entry of entries) for (const line of renderer.push(entry)) console.log(line.connection, line.text);
 */
export function createConnectionLogRenderer(options: ConnectionLogOptions = {}): ConnectionLogRenderer {
  let delayMs = options.reconnectDelayMs ?? DEFAULT_RECONNECT_MS;
  let started = false;
  const portalTarget = options.portalTarget ?? '-';
  const tracked = new Map<LoggedConnection, Tracked>();

  return {
    push(entry) {
      if (!started) {
        started = true;
        const input = entry.event['input'] as Record<string, unknown> | undefined;
        const inputDelay = input?.['reconnectDelayMs'];
        if (typeof inputDelay === 'number') delayMs = inputDelay;
      }
      const lines: ConnectionLogLine[] = [];
      const push = (connection: LoggedConnection, text: string): void => {
        const c = tracked.get(connection);
        lines.push({ t: entry.t, connection, target: c?.target ?? '-', tls: c?.tls ?? 'plain', text });
      };
      for (const l of portalAnswers(entry, portalTarget)) lines.push({ t: entry.t, ...l });

      // Outcome of the event for the connection it was sent to.
      const effects = entry.effects ?? [];
      const closeReasonOf = (name: string): string | undefined =>
        str(effects.find((f) => f.from === name && f.effect.type === 'effect.close')?.effect['reason']);

      // The connection the event was sent to first: its outcome caused the others' (start-up stops).
      const order = isConnection(entry.target) ? [entry.target, ...CONNECTIONS.filter((n) => n !== entry.target)] : CONNECTIONS;
      for (const name of order) {
        const c = tracked.get(name);
        const before = c?.state;
        const after = topState(entry.states[name]);
        if (c !== undefined && entry.target === name) {
          if (entry.event.type === 'TRANSPORT.CONNECTED') push(name, 'TCP connected');
          if (entry.event.type === 'TLS.SECURED') {
            c.tls = str(entry.event['version']) ?? 'TLS';
            push(name, `TLS secured ${c.tls}`);
          }
        }
        if (c !== undefined && after !== undefined && after !== before) {
          const closeReason = closeReasonOf(name);
          if (after === 'online') push(name, 'online');
          else if (after === 'reconnecting') {
            // seed §1: unexpected drops are retried every 15 s until the connection is back.
            push(name, `${before === 'online' ? 'dropped' : 'failed'}: ${reasonOf(entry.event, closeReason)}`);
            push(name, `reconnecting in ${Math.round(delayMs / 100) / 10} s`);
          } else if (after === 'failed' || after === 'authFailed') push(name, `failed: ${reasonOf(entry.event, closeReason)}`);
          else if (after === 'closed' && before !== 'failed' && before !== 'authFailed') {
            // Only a user's CLOSE is "closed by user"; start-up closes the others when it stops.
            push(name, entry.source === 'user' && entry.event.type === 'CLOSE' ? 'closed by user' : 'closed (start-up stopped)');
          }
          c.state = after;
        }
      }

      for (const l of portalRequests(entry, portalTarget)) lines.push({ t: entry.t, ...l });

      // New attempts: effect.connect names host and port.
      for (const { from, effect } of effects) {
        if (effect.type !== 'effect.connect' || !isConnection(from)) continue;
        const attempt = typeof effect['attempt'] === 'number' ? effect['attempt'] : 1;
        const state = topState(entry.states[from]) ?? 'connecting';
        tracked.set(from, { target: `${str(effect['host']) ?? '?'}:${String(effect['port'])}`, tls: 'plain', state, attempt });
        push(from, attempt > 1 ? `connecting (attempt ${attempt})` : 'connecting');
      }
      return lines;
    },
  };
}

/**
 * ConnectionLog.txt of a whole log, in aligned columns.
 *
 * @example
 * const text = renderConnectionLog(decodeLog(readFileSync('session.jsonl', 'utf8'))).join('\n');
 */
export function renderConnectionLog(entries: readonly LogEntry[], options: ConnectionLogOptions = {}): string[] {
  const first = entries[0];
  if (first === undefined) return [];
  const renderer = createConnectionLogRenderer(options);
  const lines = entries.flatMap((entry) => renderer.push(entry));
  return formatLines(lines, first.t, options);
}

// The session's status along a recorded log (UIs show a replay as they show the live session): the
// snapshot a live client would have given after each entry — the start-up's outcome and stop, each
// connection's state, host, port, TLS version, last drop and next attempt — without the domain state
// (domainTimeline has that). Read from the machines themselves, replaying the log: the same
// readSnapshot the live client runs, so a replay says what the session said.
import type { AnyActor } from 'xstate';
import { canonicalJson } from '../machines/log/digest.ts';
import type { LogEntry } from '../machines/log/log-entry.ts';
import { replay } from '../machines/replay/replay.ts';
import { startupMachine } from '../machines/startup/startup-machine.ts';
import { readSnapshot, type ClientSnapshot } from './client-snapshot.ts';
import { connectionSince } from './connection-since.ts';

/** A snapshot without its domain state: `seq` says after which entry. */
export type SessionStatus = Omit<ClientSnapshot, 'domain'>;

/**
 * The status part of a snapshot.
 *
 * @example
 * const status = statusOf(client.snapshot); // status.connections.cti?.state
 */
export function statusOf(snapshot: ClientSnapshot): SessionStatus {
  const { domain: _domain, ...status } = snapshot;
  return status;
}

/**
 * Whether two statuses say the same (their entries aside).
 *
 * @example
 * if (!sameStatus(previous, statusOf(snapshot))) points.push(statusOf(snapshot));
 */
export function sameStatus(a: SessionStatus, b: SessionStatus): boolean {
  return canonicalJson({ ...a, seq: 0 }) === canonicalJson({ ...b, seq: 0 });
}

/**
 * The status after each entry of a recorded log that changed it, oldest first (the first point is
 * entry 0's). A log that does not replay as recorded ends its timeline where it diverges; ports are
 * the ones the log records (a port map the live client had is not in the log).
 *
 * @example
 * const points = statusTimeline(decodeLog(readFileSync('session.jsonl', 'utf8')));
 * const at = (seq: number) => [...points].reverse().find((p) => p.seq <= seq);
 */
export function statusTimeline(entries: readonly LogEntry[]): SessionStatus[] {
  const points: SessionStatus[] = [];
  const since = connectionSince();
  replay(entries, {
    machine: startupMachine,
    onEntry(entry: LogEntry, root: AnyActor) {
      since.observe(entry);
      const status = statusOf(readSnapshot(root, { loggedStates: entry.states, seq: entry.seq, since: since.since }));
      const last = points[points.length - 1];
      if (last === undefined || !sameStatus(last, status)) points.push(status);
    },
  });
  return points;
}

// Waiting on the event log of a live client: the first entry (already logged or yet to come) that
// matches, bounded in real time so a missing event fails the test instead of hanging it.
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';
import type { UnityClient } from '../../../src/client/create-unity-client.ts';

export function entryWhere(client: UnityClient, predicate: (e: LogEntry) => boolean, fromSeq = 0, ms = 10_000): Promise<LogEntry> {
  const found = client.log.entries.find((e) => e.seq >= fromSeq && predicate(e));
  if (found !== undefined) return Promise.resolve(found);
  return firstValueFrom(client.events$.pipe(filter((e) => e.seq >= fromSeq && predicate(e)), timeout(ms)));
}

export const isEvent = (target: string, type: string) => (e: LogEntry) => e.target === target && e.event.type === type;

/** Every entry from `fromSeq` on. */
export function entriesFrom(client: UnityClient, fromSeq: number): LogEntry[] {
  return client.log.entries.filter((e) => e.seq >= fromSeq);
}

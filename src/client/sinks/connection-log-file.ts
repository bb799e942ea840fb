// issue 6 / seed §5.1: the human-readable connection log (ConnectionLog.txt) beside the JSON Lines
// event log, rendered from the same events by a sink attached like a UI: `session.jsonl` →
// `session.ConnectionLog.txt`, written when the session's streams end.
import { writeFileSync } from 'node:fs';
import type { LogEntry } from '../../machines/log/log-entry.ts';
import { renderConnectionLog } from '../connection-log/index.ts';
import type { SessionSink } from './session-sink.ts';

/** `session.jsonl` → `session.ConnectionLog.txt` (the name the seed's support staff look for). */
export function connectionLogPathOf(eventLogPath: string): string {
  return `${eventLogPath.replace(/\.jsonl?$/i, '')}.ConnectionLog.txt`;
}

/**
 * @example
 * attachUi(client, connectionLogFileSink(connectionLogPathOf('session.jsonl')));
 */
export function connectionLogFileSink(path: string): SessionSink {
  let error: string | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const write = (entries: readonly LogEntry[]): void => {
    if (entries.length > 0) {
      try {
        writeFileSync(path, `${renderConnectionLog(entries, { startedAt: entries[0]!.t }).join('\n')}\n`);
      } catch (e) {
        // Like the event log: a file that cannot be written never stops the session.
        error = `the connection log ${path} cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      }
    }
    finish();
  };
  return {
    done,
    get error() {
      return error;
    },
    attach(session) {
      const entries: LogEntry[] = [];
      let written = false;
      const end = (): void => {
        if (written) return;
        written = true;
        write(entries);
      };
      const subscription = session.events$.subscribe({ next: (entry) => void entries.push(entry), complete: end });
      return () => {
        subscription.unsubscribe();
        end();
      };
    },
  };
}

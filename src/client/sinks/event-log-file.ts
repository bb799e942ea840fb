// The event log as a file (DESIGN.md: an append-only, versioned JSON Lines log), written by a sink
// attached like a UI. A file that cannot be written never stops the session: the sink notes why and
// the in-memory log stays complete.
import { createWriteStream, type WriteStream } from 'node:fs';
import { encodeLogEntry } from '../../machines/log/jsonl.ts';
import type { SessionSink } from './session-sink.ts';

/**
 * @example
 * const sink = eventLogFileSink('session.jsonl');
 * attachUi(client, sink);
 * await client.stop(); await sink.done; // every entry is on disk
 */
export function eventLogFileSink(path: string): SessionSink {
  let error: string | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    done,
    get error() {
      return error;
    },
    attach(session) {
      let file: WriteStream | null = createWriteStream(path, { flags: 'w' });
      file.on('error', (e: NodeJS.ErrnoException) => {
        error = `the log file ${path} cannot be written (${e.code ?? 'error'})`;
        file = null;
        finish();
      });
      const end = (): void => {
        const f = file;
        file = null;
        if (f === null) return finish();
        f.end(() => finish());
      };
      const subscription = session.events$.subscribe({
        next: (entry) => void file?.write(`${encodeLogEntry(entry)}\n`),
        complete: end,
      });
      return () => {
        subscription.unsubscribe();
        end();
      };
    },
  };
}

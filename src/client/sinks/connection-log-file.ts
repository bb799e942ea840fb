// issue 6 / seed §5.1: the human-readable connection log (ConnectionLog.txt) beside the JSON Lines
// event log, rendered from the same events by a sink attached like a UI: `session.jsonl` →
// `session.ConnectionLog.txt`. Written as the session goes, line by line (issue 11 item 5: the
// sink holds no entries, so a week-long session holds steady memory; a crash loses nothing
// already written), in columns wide enough for the usual hosts.
import { createWriteStream, type WriteStream } from 'node:fs';
import { createConnectionLogRenderer, formatLines, STREAMED_WIDTHS } from '../connection-log/index.ts';
import type { SessionSink } from './session-sink.ts';

/**
 * `session.jsonl` → `session.ConnectionLog.txt` (the name the seed's support staff look for).
 *
 * @example
 * connectionLogPathOf('logs/demo.jsonl'); // 'logs/demo.ConnectionLog.txt'
 */
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
  return {
    done,
    get error() {
      return error;
    },
    attach(session) {
      let file: WriteStream | null = null;
      let failed = false;
      let t0: number | null = null;
      const renderer = createConnectionLogRenderer();
      const open = (): WriteStream | null => {
        if (file !== null || failed) return file;
        file = createWriteStream(path, { flags: 'w' });
        file.on('error', (e: NodeJS.ErrnoException) => {
          // Like the event log: a file that cannot be written never stops the session.
          error = `the connection log ${path} cannot be written (${e.code ?? 'error'})`;
          failed = true;
          file = null;
          finish();
        });
        return file;
      };
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        const f = file;
        file = null;
        if (f === null) return finish();
        f.end(() => finish());
      };
      const subscription = session.events$.subscribe({
        next: (entry) => {
          t0 ??= entry.t;
          const lines = renderer.push(entry);
          if (lines.length === 0) return;
          const text = formatLines(lines, t0, { startedAt: t0, minWidths: STREAMED_WIDTHS }).join('\n');
          open()?.write(`${text}\n`);
        },
        complete: end,
      });
      return () => {
        subscription.unsubscribe();
        end();
      };
    },
  };
}

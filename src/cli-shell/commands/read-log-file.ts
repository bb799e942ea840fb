// Reads a recorded JSON Lines event log for the commands that take one (replay, connection-log).
// Never throws: an unreadable file, an empty one or a bad line becomes a message a person can act
// on. A last line cut off (a session killed while writing it) is not a reason to lose the rest: the
// entries before it are read, with a warning.
import { readFile } from 'node:fs/promises';
import { decodeLog, LogDecodeError, type LogEntry } from '../../client/index.ts';

export type LogFileRead = { ok: true; entries: LogEntry[]; warning?: string } | { ok: false; message: string };

/**
 * @example
 * const read = await readLogFile('session.jsonl');
 * if (!read.ok) io.stderr(`${read.message}\n`);
 * else if (read.warning) io.stderr(`warning: ${read.warning}\n`);
 */
export async function readLogFile(file: string): Promise<LogFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  let entries: LogEntry[];
  let warning: string | undefined;
  try {
    entries = decodeLog(text);
  } catch (error) {
    if (!(error instanceof LogDecodeError)) throw error;
    const lines = text.split('\n');
    const last = lines.reduce((at, line, i) => (line.trim() === '' ? at : i + 1), 0);
    // Cut off: the last line, unfinished (no newline after it) or not JSON any more.
    const cutOff = error.line === last && (!text.endsWith('\n') || error.code === 'BAD_JSON');
    if (!cutOff) return { ok: false, message: `${file}: ${error.code}: ${error.message}` };
    try {
      entries = decodeLog(lines.slice(0, last - 1).join('\n'));
    } catch (earlier) {
      if (!(earlier instanceof LogDecodeError)) throw earlier;
      return { ok: false, message: `${file}: ${earlier.code}: ${earlier.message}` };
    }
    warning = `the last line of ${file} (line ${last}) is cut off; read the ${entries.length} entries before it`;
  }
  if (entries.length === 0) return { ok: false, message: `${file} holds no event log entries (record one with --log FILE)` };
  return { ok: true, entries, ...(warning !== undefined ? { warning } : {}) };
}

// Reads a recorded JSON Lines event log for the commands that take one (replay, connection-log).
// Never throws: an unreadable file or a bad line becomes a message a person can act on.
import { readFile } from 'node:fs/promises';
import { decodeLog, LogDecodeError, type LogEntry } from '../../client/index.ts';

export type LogFileRead = { ok: true; entries: LogEntry[] } | { ok: false; message: string };

export async function readLogFile(file: string): Promise<LogFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    return { ok: true, entries: decodeLog(text) };
  } catch (error) {
    if (!(error instanceof LogDecodeError)) throw error;
    return { ok: false, message: `${error.code}: ${error.message}` };
  }
}

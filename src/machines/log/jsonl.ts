// The log as JSON Lines: one entry per line, versioned. Decoding checks every line and reports the
// first bad one with a stable code and its line number (never the line's content beyond a prefix).
import { EVENT_SOURCES, LOG_VERSION, type LogEntry } from './log-entry.ts';

export type LogDecodeErrorCode = 'BAD_JSON' | 'UNSUPPORTED_VERSION' | 'BAD_ENTRY' | 'LINE_TOO_LONG';

/**
 * @example
 * try { decodeLog(text); } catch (e) { if (e instanceof LogDecodeError) console.error(e.code, e.line); }
 */
export class LogDecodeError extends Error {
  override readonly name = 'LogDecodeError';
  constructor(
    readonly code: LogDecodeErrorCode,
    readonly line: number,
    detail: string,
  ) {
    super(`log line ${line}: ${detail}`);
  }
}

/** A line longer than this is refused (a log entry is a few kilobytes at most). */
export const MAX_LINE_LENGTH = 1_000_000;

/**
 * @example
 * appendFileSync('session.jsonl', `${encodeLogEntry(entry)}\n`);
 */
export function encodeLogEntry(entry: LogEntry): string {
  return JSON.stringify(entry);
}

/**
 * @example
 * writeFileSync('session.jsonl', encodeLog(client.log.entries));
 */
export function encodeLog(entries: readonly LogEntry[]): string {
  return entries.map((e) => `${encodeLogEntry(e)}\n`).join('');
}

/**
 * @example
 * const entry = decodeLogEntry(line, lineNumber); // throws LogDecodeError
 */
export function decodeLogEntry(line: string, lineNumber = 1): LogEntry {
  if (line.length > MAX_LINE_LENGTH) throw new LogDecodeError('LINE_TOO_LONG', lineNumber, `longer than ${MAX_LINE_LENGTH} characters`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LogDecodeError('BAD_JSON', lineNumber, 'not valid JSON');
  }
  if (!isRecord(value)) throw new LogDecodeError('BAD_ENTRY', lineNumber, 'not a JSON object');
  if (value['v'] !== LOG_VERSION) {
    throw new LogDecodeError('UNSUPPORTED_VERSION', lineNumber, `log version ${JSON.stringify(value['v'])}, this reader knows ${LOG_VERSION}`);
  }
  const problem = entryProblem(value);
  if (problem !== null) throw new LogDecodeError('BAD_ENTRY', lineNumber, problem);
  return value as unknown as LogEntry;
}

/**
 * Decode a whole log; blank lines (e.g. the trailing newline) are skipped.
 *
 * @example
 * const entries = decodeLog(readFileSync('session.jsonl', 'utf8')); // throws LogDecodeError on a bad line
 */
export function decodeLog(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    entries.push(decodeLogEntry(line, index + 1));
  });
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryProblem(value: Record<string, unknown>): string | null {
  if (!Number.isInteger(value['seq']) || (value['seq'] as number) < 0) return '"seq" must be a non-negative integer';
  if (typeof value['t'] !== 'number' || !Number.isFinite(value['t'])) return '"t" must be a finite number';
  if (!EVENT_SOURCES.includes(value['source'] as never)) return `"source" must be one of ${EVENT_SOURCES.join(', ')}`;
  if (typeof value['target'] !== 'string' || value['target'] === '') return '"target" must be a system id';
  const event = value['event'];
  if (!isRecord(event) || typeof event['type'] !== 'string') return '"event" must be an object with a string "type"';
  if (value['source'] === 'timer' && !Number.isInteger(value['timer'])) return 'a timer entry needs an integer "timer" id';
  const states = value['states'];
  if (!isRecord(states) || !Object.values(states).every((s) => typeof s === 'string')) {
    return '"states" must map system ids to state texts';
  }
  if (typeof value['digest'] !== 'string') return '"digest" must be a string';
  if (value['effects'] !== undefined && !Array.isArray(value['effects'])) return '"effects" must be a list';
  return null;
}

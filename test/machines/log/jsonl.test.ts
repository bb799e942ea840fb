import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { LogDecodeError, decodeLog, decodeLogEntry, encodeLog } from '../../../src/machines/log/jsonl.ts';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';

const entry: LogEntry = {
  v: 1,
  seq: 3,
  t: 15_000,
  source: 'timer',
  target: 'cti',
  event: { type: 'xstate.after.reconnectDelay.connection.reconnecting' },
  timer: 7,
  states: { startup: 'ready', cti: 'connecting' },
  digest: '0123456789abcdef',
};

function decodeError(text: string): LogDecodeError {
  try {
    decodeLog(text);
  } catch (error) {
    if (error instanceof LogDecodeError) return error;
    throw error;
  }
  throw new Error('decoded without error');
}

describe('JSON Lines log', () => {
  it('round-trips entries, one per line, tolerating CRLF and blank lines', () => {
    const text = encodeLog([entry, { ...entry, seq: 4 }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(decodeLog(text)).toEqual([entry, { ...entry, seq: 4 }]);
    expect(decodeLog(`\r\n${text.replace(/\n/g, '\r\n')}\n`)).toEqual([entry, { ...entry, seq: 4 }]);
  });

  it('refuses a log of another version with a stable code and the line number', () => {
    const error = decodeError(`${JSON.stringify(entry)}\n${JSON.stringify({ ...entry, v: 2 })}\n`);
    expect(error.code).toBe('UNSUPPORTED_VERSION');
    expect(error.line).toBe(2);
  });

  it('refuses bad JSON and malformed entries, saying which line', () => {
    expect(decodeError('{"v":1,').code).toBe('BAD_JSON');
    const { timer: _timer, ...timerless } = entry;
    const cases: unknown[] = [
      [],
      { ...entry, seq: -1 },
      { ...entry, source: 'telepathy' },
      { ...entry, event: { kind: 'no type' } },
      { ...entry, states: { a: 1 } },
      timerless,
      { ...entry, target: '' },
    ];
    for (const bad of cases) {
      const error = decodeError(`\n${JSON.stringify(bad)}`);
      expect(error.code).toBe('BAD_ENTRY');
      expect(error.line).toBe(2);
    }
  });

  it('does not echo the bad line in its message', () => {
    const error = decodeError('{"secret":"hunter2"');
    expect(error.message).not.toContain('hunter2');
  });

  test.prop([fc.string({ maxLength: 200 })])('never throws anything but a LogDecodeError', (line) => {
    try {
      decodeLogEntry(line);
    } catch (error) {
      expect(error).toBeInstanceOf(LogDecodeError);
    }
  });
});

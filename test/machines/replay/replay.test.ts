import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/machines/replay/replay.ts';
import { decodeLog, encodeLog } from '../../../src/machines/log/jsonl.ts';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';
import { startupMachine } from '../../../src/machines/startup/startup-machine.ts';
import { startScriptedSession } from '../support/scripted-session.ts';

/** A run with keepalives, a drop and its 15 s reconnect, a dead link, a forced logout and a user close. */
function eventfulRun(): LogEntry[] {
  let answerImp = true;
  const s = startScriptedSession({
    connections: { imp: { keepalive: (e) => (answerImp ? { type: 'KEEPALIVE.ACK', attempt: e.attempt, seq: e.seq } : null) } },
  });
  s.advance(300_000);
  s.send('cti', { type: 'TRANSPORT.DROPPED', attempt: 1, failure: { kind: 'reset', message: 'ECONNRESET' } }, 'network');
  s.advance(15_000);
  answerImp = false;
  s.advance(300_000);
  answerImp = true;
  s.send('oci', { type: 'SESSION.ENDED', reason: 'Open Client Server Forced Logout' }, 'network');
  s.advance(20_000);
  s.send('startup', { type: 'CLOSE' });
  return [...s.system.entries];
}

const clone = (log: LogEntry[]): LogEntry[] => JSON.parse(JSON.stringify(log)) as LogEntry[];

describe('replay', () => {
  it('reproduces every snapshot of a recorded run, through its JSON Lines form', () => {
    const log = eventfulRun();
    // The run did what it says: timers are in the log, with their ids.
    const timers = log.filter((e) => e.source === 'timer');
    expect(timers.some((e) => e.event.type.includes('reconnectDelay'))).toBe(true);
    expect(timers.some((e) => e.event.type.includes('keepaliveTimeout'))).toBe(true);
    expect(timers.filter((e) => e.event.type.includes('keepaliveInterval')).length).toBeGreaterThanOrEqual(8);
    expect(log.at(-1)?.states['startup']).toBe('done:closed');

    const decoded = decodeLog(encodeLog(log));
    expect(decoded).toEqual(log);
    // The root's output comes back too: how the start-up ended (here the user's close).
    expect(replay(decoded, { machine: startupMachine })).toEqual({ ok: true, entries: log.length, output: { code: 'closed', reason: 'Closed by the user.' } });
  });

  it('catches a tampered event at its sequence number', () => {
    const log = eventfulRun();
    const tampered = clone(log);
    const target = tampered.find((e) => e.event.type === 'TRANSPORT.DROPPED')!;
    target.event = { ...target.event, failure: { kind: 'refused', message: 'ECONNREFUSED' } };
    const result = replay(tampered, { machine: startupMachine });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.seq).toBe(target.seq);
    expect(result.message).toMatch(/snapshots differ/);
  });

  it('catches an event that changes the course of the run, naming the states that differ', () => {
    const tampered = clone(eventfulRun());
    const auth = tampered.find((e) => e.target === 'cti' && e.event.type === 'AUTH.OK')!;
    auth.event = { type: 'AUTH.FAILED', attempt: 1, message: 'tampered' };
    const result = replay(tampered, { machine: startupMachine });
    expect(result).toMatchObject({ ok: false, seq: auth.seq });
    if (result.ok) return;
    expect(result.expected.states['startup']).toBe('license');
    expect(result.actual.states['startup']).toBe('done:badCredentials');
    expect(result.message).toMatch(/startup: expected license, got done:badCredentials/);
  });

  it('catches a tampered timer entry, a missing entry and a different input', () => {
    const log = eventfulRun();
    const timer = clone(log);
    const firstTimer = timer.find((e) => e.source === 'timer')!;
    firstTimer.timer = 9_999;
    expect(replay(timer, { machine: startupMachine })).toMatchObject({ ok: false, seq: firstTimer.seq });

    const gap = clone(log).filter((e) => e.seq !== 5);
    expect(replay(gap, { machine: startupMachine })).toMatchObject({ ok: false, seq: 6 });

    const otherInput = replay(log, { machine: startupMachine, input: { ...(log[0]!.event['input'] as object), loginId: 'bob@example.test' } });
    expect(otherInput).toMatchObject({ ok: false, seq: 0 });
  });
});

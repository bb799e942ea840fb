import { describe, expect, it } from 'vitest';
import { createRecordedSystem } from '../../../src/machines/log/recorded-system.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import { encodeLog } from '../../../src/machines/log/jsonl.ts';
import { startScriptedSession } from '../support/scripted-session.ts';

const input = {
  name: 'cti' as const,
  endpoint: { host: 'cti.example.test', port: 8011, tls: null },
  keepaliveMs: 1_000,
  keepaliveTimeoutMs: 200,
};

describe('recorded system', () => {
  it('logs the start, every dispatched event and every timer fire, in processing order', () => {
    const clock = new VirtualClock();
    const system = createRecordedSystem({ machine: connectionMachine, input, clock, systemId: 'cti' });
    // A driver that answers synchronously, from inside the effect listener.
    system.onEffect((effect, from) => {
      if (effect.type === 'effect.connect') system.dispatch(from, { type: 'TRANSPORT.CONNECTED' }, 'network');
      if (effect.type === 'effect.authenticate') system.dispatch(from, { type: 'AUTH.OK' }, 'network');
    });
    system.start();
    system.dispatch('cti', { type: 'CONNECT' }, 'user');
    clock.advance(1_000);
    clock.advance(200);
    expect(system.entries.map((e) => [e.seq, e.t, e.source, e.event.type, e.states['cti']])).toEqual([
      [0, 0, 'system', 'system.start', 'idle'],
      [1, 0, 'user', 'CONNECT', 'connecting'],
      [2, 0, 'network', 'TRANSPORT.CONNECTED', 'authenticating'],
      [3, 0, 'network', 'AUTH.OK', 'online.quiet'],
      [4, 1_000, 'timer', 'xstate.after.keepaliveInterval.connection.online.quiet', 'online.awaitingAck'],
      [5, 1_200, 'timer', 'xstate.after.keepaliveTimeout.connection.online.awaitingAck', 'reconnecting'],
    ]);
    expect(system.entries[4]).toMatchObject({ timer: 1, target: 'cti' });
    expect(system.entries[5]).toMatchObject({ timer: 2 });
    expect(system.entries[1]?.effects).toEqual([
      { from: 'cti', effect: { type: 'effect.connect', connection: 'cti', attempt: 1, host: 'cti.example.test', port: 8011 } },
    ]);
  });

  it('records effects of spawned children and every actor state by system id', () => {
    const s = startScriptedSession();
    const last = s.system.entries.at(-1)!;
    expect(Object.keys(last.states).sort()).toEqual(['cti', 'domain', 'imp', 'oci', 'startup', 'xmpp']);
    expect(last.states['startup']).toBe('ready');
    const froms = new Set(s.system.entries.flatMap((e) => e.effects ?? []).map((e) => e.from));
    expect([...froms].sort()).toEqual(['cti', 'imp', 'oci', 'startup', 'xmpp']);
  });

  it('refuses events before start', () => {
    const system = createRecordedSystem({ machine: connectionMachine, input, clock: new VirtualClock() });
    expect(() => system.dispatch('connection', { type: 'CONNECT' }, 'user')).toThrow(/start/);
  });

  it('keeps passwords out of the log: machines only learn that credentials exist', () => {
    const s = startScriptedSession();
    s.send('oci', { type: 'CREDENTIALS.UPDATED' });
    expect(encodeLog(s.system.entries)).not.toMatch(/password"\s*:/i);
  });
});

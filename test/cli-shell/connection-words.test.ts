// The dashboard's words for each connection (issue 13 item 2), without a browser: host:port, TLS
// version or plain, the state in words with the reconnect countdown against a given `now`, the last
// drop's reason and time carried past the reconnect; and as properties over every state the
// connection machine has (nested ones such as `online.quiet` included) and any clock: the countdown
// is never negative, never goes up as time passes, and no machine state name is ever shown.
import { fc, test } from '@fast-check/vitest';
import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../src/client/client-snapshot.ts';
import type { SessionStatus } from '../../src/client/status-timeline.ts';
import { connectionRows, stateInWords, statusAt, toneOf } from '../../src/cli-shell/web/page/connection-words.ts';
import { agoInWords, clockTime, secondsUntil, whenInWords } from '../../src/cli-shell/web/page/time-words.ts';
import { machines } from '../../src/machines/index.ts';

function paths(node: AnyStateNode, prefix: string[] = []): string[] {
  return Object.entries(node.states as Record<string, AnyStateNode>).flatMap(([key, child]) => [[...prefix, key].join('.'), ...paths(child, [...prefix, key])]);
}

/** Every state of the connection machine, as the log writes it (`online.quiet`) and after start-up stopped. */
const MACHINE_STATES = paths(machines.connection.root);
const LOGGED_STATES = [...MACHINE_STATES, ...MACHINE_STATES.map((s) => `stopped:${s}`)];
/** State names the connection machine has that are not plain words a UI may say as they are. */
const INTERNAL_NAMES = MACHINE_STATES.filter((s) => s.includes('.') || /[a-z][A-Z]/.test(s));

const T0 = new Date(2025, 4, 6, 14, 3, 27).getTime();

function status(seq: number, connections: SessionStatus['connections'], stop: SessionStatus['stop'] = null): SessionStatus {
  return { seq, outcome: stop ? 'stopped' : 'ready', step: stop ? stop.code : 'ready', stop, release: '24', callControl: 'CTI', connections };
}
const cti = (view: Partial<ConnectionView>): ConnectionView => ({ state: 'online', host: 'cti.example.com', port: 8012, tls: 'TLSv1.2', ...view });

describe('connection words', () => {
  it('says each state in words, the countdown in whole seconds left', () => {
    expect(stateInWords(cti({ state: 'online' }), T0)).toBe('online');
    expect(stateInWords(cti({ state: 'online.quiet' }), T0)).toBe('online');
    expect(stateInWords(cti({ state: 'connecting' }), T0)).toBe('connecting');
    expect(stateInWords(cti({ state: 'securing' }), T0)).toBe('connecting: TLS handshake');
    expect(stateInWords(cti({ state: 'authenticating' }), T0)).toBe('connecting: logging in');
    expect(stateInWords(cti({ state: 'reconnecting', nextAttemptAt: T0 + 12_000 }), T0)).toBe('reconnecting in 12 s');
    expect(stateInWords(cti({ state: 'reconnecting', nextAttemptAt: T0 + 12_000 }), T0 + 200)).toBe('reconnecting in 12 s');
    expect(stateInWords(cti({ state: 'reconnecting', nextAttemptAt: T0 + 12_000 }), T0 + 11_001)).toBe('reconnecting in 1 s');
    expect(stateInWords(cti({ state: 'reconnecting', nextAttemptAt: T0 + 12_000 }), T0 + 12_000)).toBe('reconnecting now');
    expect(stateInWords(cti({ state: 'reconnecting', nextAttemptAt: T0 }), T0 + 60_000)).toBe('reconnecting now');
    expect(stateInWords(cti({ state: 'reconnecting' }), T0)).toBe('reconnecting');
    expect(stateInWords(cti({ state: 'failed' }), T0)).toBe('stopped');
    expect(stateInWords(cti({ state: 'stopped:failed' }), T0)).toBe('stopped');
    expect(stateInWords(cti({ state: 'failed', lastDrop: { kind: 'session-replaced', message: 'another login' } }), T0)).toBe('stopped: another login took over');
    expect(stateInWords(cti({ state: 'authFailed' }), T0)).toBe('stopped: the login was refused');
    expect(stateInWords(cti({ state: 'closed' }), T0, { code: 'closed' })).toBe('closed by you');
    expect(stateInWords(cti({ state: 'closed' }), T0, { code: 'ctiUnreachable' })).toBe('closed: start-up stopped');
    expect(stateInWords(cti({ state: 'idle' }), T0)).toBe('not started yet');
    expect(stateInWords(cti({ state: 'someNewState.inner' }), T0)).toBe('some new state');
    expect(toneOf('online.awaitingAck')).toBe('ok');
    expect(toneOf('reconnecting')).toBe('trying');
    expect(toneOf('stopped:failed')).toBe('bad');
    expect(toneOf('closed')).toBe('off');
  });

  it('times: seconds until, how long ago, the time of day (with the date on another day)', () => {
    expect(secondsUntil(T0 + 12_000, T0)).toBe(12);
    expect(secondsUntil(T0 + 11_001, T0)).toBe(12);
    expect(secondsUntil(T0, T0 + 1)).toBe(0);
    expect(secondsUntil(Number.NaN, T0)).toBe(0);
    expect(agoInWords(T0, T0 + 400)).toBe('just now');
    expect(agoInWords(T0, T0 + 12_400)).toBe('12 s ago');
    expect(agoInWords(T0, T0 + 3 * 60_000 + 5_000)).toBe('3 min ago');
    expect(agoInWords(T0, T0 + 5 * 3_600_000)).toBe('5 h ago');
    expect(agoInWords(T0, T0 + 72 * 3_600_000)).toBe('3 days ago');
    expect(agoInWords(T0 + 5_000, T0)).toBe('just now'); // a clock behind: never a negative age
    expect(clockTime(T0, T0 + 60_000)).toBe('14:03:27');
    expect(clockTime(T0, T0 + 24 * 3_600_000)).toBe('2025-05-06 14:03:27');
    expect(whenInWords(T0, T0 + 3_000)).toBe('14:03:27, 3 s ago');
  });

  it('rows at a timeline position: host:port, TLS or plain, the state, and the last drop kept once the connection is back', () => {
    const drop = { kind: 'peer-closed', message: 'the CTI server at cti.example.com:8012 closed the connection', at: T0 };
    const points = [
      status(3, { oci: { state: 'online', host: 'ocs.example.com', port: 2208, tls: null }, cti: cti({}) }),
      status(9, { oci: { state: 'online', host: 'ocs.example.com', port: 2208, tls: null }, cti: cti({ state: 'reconnecting', lastDrop: drop, nextAttemptAt: T0 + 15_000 }) }),
      status(12, { oci: { state: 'online', host: 'ocs.example.com', port: 2208, tls: null }, cti: cti({ state: 'connecting' }) }),
      status(14, { oci: { state: 'online', host: 'ocs.example.com', port: 2208, tls: null }, cti: cti({}) }),
    ];
    expect(statusAt(points, 2)).toBeNull();
    expect(connectionRows(points, 2, T0)).toEqual([]);
    expect(connectionRows(points, 5, T0)).toEqual([
      { name: 'oci', label: 'OCI', where: 'ocs.example.com:2208', security: 'plain', state: 'online', tone: 'ok', lastDrop: null },
      { name: 'cti', label: 'CTI', where: 'cti.example.com:8012', security: 'TLSv1.2', state: 'online', tone: 'ok', lastDrop: null },
    ]);
    const reconnecting = connectionRows(points, 10, T0 + 3_000)[1]!;
    expect(reconnecting).toMatchObject({ state: 'reconnecting in 12 s', tone: 'trying' });
    expect(reconnecting.lastDrop).toEqual({ reason: 'The CTI server at cti.example.com:8012 closed the connection.', when: '14:03:27, 3 s ago' });
    expect(connectionRows(points, 12, T0 + 15_000)[1]).toMatchObject({ state: 'connecting', lastDrop: { when: '14:03:27, 15 s ago' } });
    expect(connectionRows(points, 20, T0 + 60_000)[1]).toMatchObject({ state: 'online', tone: 'ok', lastDrop: { reason: expect.stringContaining('closed the connection'), when: '14:03:27, 1 min ago' } });
    // Scrubbed back before the drop: no drop yet.
    expect(connectionRows(points, 8, T0)[1]!.lastDrop).toBeNull();
  });

  test.prop([fc.constantFrom(...LOGGED_STATES), fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: -100_000_000, max: 100_000_000 }), fc.nat(120_000)])(
    'the countdown is never negative and never goes up; no machine state name is ever shown',
    (state, now, ahead, later) => {
      const view = { state, nextAttemptAt: now + ahead };
      const words = stateInWords(view, now);
      const after = stateInWords(view, now + later);
      for (const shown of [words, after]) {
        expect(shown).not.toMatch(/-\d/);
        expect(shown).not.toMatch(/[a-z][A-Z]|\w\.\w|stopped:\S/);
        for (const name of INTERNAL_NAMES) expect(shown).not.toContain(name);
      }
      const left = secondsUntil(now + ahead, now);
      expect(Number.isInteger(left) && left >= 0).toBe(true);
      expect(secondsUntil(now + ahead, now + later)).toBeLessThanOrEqual(left);
      if (/^(stopped:)?(reconnecting|failing)/.test(state)) expect(words).toBe(left > 0 ? `reconnecting in ${left} s` : 'reconnecting now');
    },
  );

  it('an unknown state that reads as a negative number is not shown as one (a counterexample fast-check found)', () => {
    expect(stateInWords({ state: '-0' }, 0)).not.toMatch(/-\d/);
    expect(stateInWords({ state: 'stopped:new-state.sub' }, 0)).toBe('new state');
  });

  test.prop([fc.string(), fc.option(fc.integer(), { nil: undefined }), fc.integer()])('whatever the state string, the words are plain words', (state, nextAttemptAt, now) => {
    const shown = stateInWords({ state, ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}) }, now);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toMatch(/[a-z][A-Z]|\w\.\w|-\d/);
  });
});

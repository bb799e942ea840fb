import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { CallRateError, checkCallRate, LabTelephony, startCallRate, type CallRateOptions, type TelephonyEvent } from '../../src/lab/telephony/index.ts';

const USERS = Array.from({ length: 50 }, (_, i) => `u${i}@lab.test`);

function world(rate: Pick<CallRateOptions, 'callsPerSecond' | 'callDurationMs' | 'ringMs'>, users = USERS, seed = 'load') {
  const clock = new VirtualClock(0);
  const telephony = new LabTelephony({
    seed: 1,
    now: () => clock.now(),
    users: ['ann@lab.test', ...USERS].map((userId, i) => ({ userId, firstName: 'F', lastName: 'L', extension: String(3000 + i), services: [] })),
  });
  const events: Array<TelephonyEvent & { at: number }> = [];
  telephony.on((e) => events.push({ ...e, at: clock.now() }));
  const errors: unknown[] = [];
  const driver = startCallRate({ telephony, users, seed, scheduler: clock, onError: (e) => errors.push(e), ...rate });
  return { clock, telephony, events, errors, driver };
}

const countOf = (events: TelephonyEvent[], type: TelephonyEvent['type']) => events.filter((e) => e.type === type).length;

describe('lab call-rate activity (load at a steady rate)', () => {
  it('places callsPerSecond calls that ring, are answered and hang up after their duration, on the scheduler', () => {
    const w = world({ callsPerSecond: 5, callDurationMs: 2_000, ringMs: 500 });
    w.clock.advance(10_000);
    expect(w.driver.placed).toBe(50);
    expect(countOf(w.events, 'call-added')).toBe(50);
    // Every call started at least 2 s before the end has been answered and released.
    const added = w.events.filter((e) => e.type === 'call-added');
    for (const a of added.filter((e) => e.at <= 8_000)) {
      const mine = w.events.filter((e) => 'call' in e && e.call.callId === (a.type === 'call-added' ? a.call.callId : ''));
      expect(mine.map((e) => `${e.type}${e.type === 'call-updated' ? `:${e.call.state}` : ''}@${e.at - a.at}`)).toEqual(['call-added@0', 'call-updated:Active@500', 'call-released@2000']);
    }
    expect(added.every((e) => e.userId !== 'ann@lab.test' && USERS.includes(e.userId))).toBe(true);
    expect(w.telephony.calls().length).toBeLessThanOrEqual(10); // 5/s × 2 s in progress
    expect(w.errors).toEqual([]);
  });

  it('keeps a fractional rate on average and a high rate with coarse ticks', () => {
    const slow = world({ callsPerSecond: 0.3, callDurationMs: 1_000 });
    slow.clock.advance(100_000);
    expect(slow.driver.placed).toBe(29); // 0.3/s: the 30th call is due a little after 100 s (ticks of 3,334 ms)
    const fast = world({ callsPerSecond: 400, callDurationMs: 50 }, []);
    fast.clock.advance(1_000);
    expect([fast.driver.steps, fast.driver.skipped, fast.driver.placed]).toEqual([400, 400, 0]); // nobody to call
  });

  it('calls only idle users: with every user busy a step is skipped', () => {
    const w = world({ callsPerSecond: 10, callDurationMs: 60_000 }, USERS.slice(0, 3));
    w.clock.advance(2_000);
    expect(w.driver.placed).toBe(3);
    expect(w.driver.skipped).toBe(17);
    expect(new Set(w.telephony.calls().map((c) => c.userId))).toEqual(new Set(USERS.slice(0, 3)));
    w.clock.advance(60_000);
    expect(w.driver.placed).toBeGreaterThan(3); // free again after the hang-up
  });

  it('a call released meanwhile is no error; step() places one call now; stop() cancels every pending timer', () => {
    const w = world({ callsPerSecond: 1, callDurationMs: 10_000 });
    expect(w.driver.step()).toMatch(/^incoming call \+1555\d{7} → u\d+@lab\.test for 10000 ms$/);
    const [call] = w.telephony.calls();
    w.telephony.release(call!.userId, call!.callId);
    w.clock.advance(5_000);
    expect(w.errors).toEqual([]);
    expect(w.driver.placed).toBe(6);
    w.driver.stop();
    expect(w.clock.pendingCount()).toBe(0);
    w.clock.advance(60_000);
    expect(w.driver.placed).toBe(6);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: string) => {
      const w = world({ callsPerSecond: 20, callDurationMs: 1_500 }, USERS, seed);
      w.clock.advance(5_000);
      return w.events.map((e) => ('call' in e ? `${e.type} ${e.userId} ${e.call.remote.number} ${e.at}` : e.type));
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
  });

  it('refuses a rate, a duration or a ring time it cannot run, with a RangeError that says what it takes', () => {
    expect(checkCallRate({ callsPerSecond: 2 })).toEqual({ callsPerSecond: 2, callDurationMs: 30_000, ringMs: 3_000 });
    expect(checkCallRate({ callsPerSecond: 2, callDurationMs: 1_000 })).toEqual({ callsPerSecond: 2, callDurationMs: 1_000, ringMs: 500 });
    const refusal = (rate: Parameters<typeof checkCallRate>[0]) => {
      try {
        checkCallRate(rate);
      } catch (error) {
        expect(error).toBeInstanceOf(CallRateError);
        expect(error).toBeInstanceOf(RangeError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ callsPerSecond: 0 })).toBe('calls per second must be a number above 0 and at most 1,000, not 0');
    expect(refusal({ callsPerSecond: 1_001 })).toContain('not 1001');
    expect(refusal({ callsPerSecond: Number.NaN })).toContain('not NaN');
    expect(refusal({ callsPerSecond: 1, callDurationMs: 0 })).toBe('the call duration must be a whole number of milliseconds above 0, not 0');
    expect(refusal({ callsPerSecond: 1, callDurationMs: 1.5 })).toContain('not 1.5');
    expect(refusal({ callsPerSecond: 1, callDurationMs: 1_000, ringMs: 2_000 })).toBe('the ring time must be a whole number of milliseconds from 0 to the call duration (1000), not 2000');
    expect(() => startCallRate({ telephony: new LabTelephony({ users: [] }), users: [], seed: 's', callsPerSecond: -1 })).toThrow(CallRateError);
  });
});

// One timer for many refreshes (issue 14): ids come due in whole-second buckets, in order, never
// early and at most a second late; replaced and deleted ids are not due; one timer at any time.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRefreshSchedule } from '../../../src/adapters/shared/refresh-schedule.ts';
import { schedulerOf } from '../../../src/effects/time-source-scheduler.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';

function onClock() {
  const clock = new VirtualClock(1_000_000);
  const fired: Array<{ at: number; ids: readonly string[] }> = [];
  const schedule = createRefreshSchedule(schedulerOf(clock), (ids) => fired.push({ at: clock.now(), ids }));
  return { clock, fired, schedule };
}

describe('refresh schedule', () => {
  it('fires each id once at its whole second, with one timer for all of them', () => {
    const { clock, fired, schedule } = onClock();
    schedule.set('a', 5_000);
    schedule.set('b', 5_000);
    schedule.set('c', 2_500); // due at 2.5 s: its bucket is the next whole second, 3 s
    for (let i = 0; i < 1_000; i++) schedule.set(`x${i}`, 60_000 + (i % 100) * 1_000);
    expect(clock.pendingCount()).toBe(1);
    expect(schedule.size).toBe(1_003);
    clock.advance(2_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([{ at: 1_003_000, ids: ['c'] }]);
    clock.advance(2_000);
    expect(fired[1]).toEqual({ at: 1_005_000, ids: ['a', 'b'] });
    clock.advance(200_000);
    expect(fired.slice(2).flatMap((f) => f.ids)).toHaveLength(1_000);
    expect(schedule.size).toBe(0);
    expect(clock.pendingCount()).toBe(0);
  });

  it('a replaced id is due at its new time only; a deleted id and a cleared schedule never', () => {
    const { clock, fired, schedule } = onClock();
    schedule.set('a', 1_000);
    schedule.set('a', 10_000);
    schedule.set('b', 2_000);
    schedule.delete('b');
    clock.advance(9_000);
    expect(fired).toEqual([]);
    clock.advance(1_000);
    expect(fired).toEqual([{ at: 1_010_000, ids: ['a'] }]);
    schedule.set('c', 1_000);
    schedule.clear();
    clock.advance(5_000);
    expect(fired).toHaveLength(1);
    expect(clock.pendingCount()).toBe(0);
  });

  test.prop([fc.array(fc.record({ id: fc.integer({ min: 0, max: 30 }), delay: fc.integer({ min: 0, max: 20_000 }), drop: fc.boolean() }), { maxLength: 60 })])(
    'every id still set is due once, never early and less than a second late',
    async (ops) => {
      const { clock, fired, schedule } = onClock();
      const wanted = new Map<string, number>();
      for (const op of ops) {
        const id = `s${op.id}`;
        if (op.drop) {
          schedule.delete(id);
          wanted.delete(id);
        } else {
          schedule.set(id, op.delay);
          wanted.set(id, clock.now() + op.delay);
        }
        expect(clock.pendingCount()).toBeLessThanOrEqual(1);
      }
      // A zero delay runs once the current work is done (no time passes), as on a real clock.
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(30_000);
      const at = new Map(fired.flatMap((f) => f.ids.map((id) => [id, f.at] as const)));
      expect(fired.flatMap((f) => f.ids)).toHaveLength(wanted.size);
      for (const [id, due] of wanted) {
        expect(at.get(id)).toBeGreaterThanOrEqual(due);
        expect(at.get(id)! - due).toBeLessThan(1_000);
      }
    },
  );
});

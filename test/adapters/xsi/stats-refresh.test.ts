// seed §4.1: call-center statistics refresh at a random frequency between the branding's values;
// the draw comes from the caller (an event in the runtime), so the same draw gives the same delay.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createStatsRefreshSchedule } from '../../../src/adapters/xsi/stats-refresh.ts';

const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const range = fc.tuple(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 3600 })).map(([min, extra]) => ({ minSeconds: min, maxSeconds: min + extra }));

describe('createStatsRefreshSchedule', () => {
  test.prop([range, draw], { numRuns: 300 })('every delay lies in [min, max) (or is min when they are equal)', (r, d) => {
    const delay = createStatsRefreshSchedule(r).delayMs(d);
    expect(Number.isInteger(delay)).toBe(true);
    expect(delay).toBeGreaterThanOrEqual(r.minSeconds * 1000);
    if (r.maxSeconds > r.minSeconds) expect(delay).toBeLessThan(r.maxSeconds * 1000);
    else expect(delay).toBe(r.minSeconds * 1000);
  });

  test.prop([range, draw, draw], { numRuns: 300 })('a larger draw never gives a shorter delay', (r, a, b) => {
    const s = createStatsRefreshSchedule(r);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(s.delayMs(lo)).toBeLessThanOrEqual(s.delayMs(hi));
  });

  it('spans the range: 0 gives the minimum, a draw near 1 the last millisecond before the maximum', () => {
    const s = createStatsRefreshSchedule({ minSeconds: 10, maxSeconds: 30 });
    expect(s.delayMs(0)).toBe(10_000);
    expect(s.delayMs(0.5)).toBe(20_000);
    expect(s.delayMs(0.9999999999)).toBe(29_999);
  });

  it('reads a reversed range the other way round and a nonsense draw as 0', () => {
    const s = createStatsRefreshSchedule({ minSeconds: 60, maxSeconds: 20 });
    expect([s.minMs, s.maxMs]).toEqual([20_000, 60_000]);
    expect(s.delayMs(Number.NaN)).toBe(20_000);
  });
});

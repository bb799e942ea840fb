// The monitoring window (issue 14) on a virtual clock: never more than `window` requests in flight,
// never more than `batchSize` users per request, every user monitored in the end however the
// server answers (in any order, refusing some several times), retries after exponential backoff
// with the drawn jitter, adopted users not asked again, and reports coalesced (last state wins).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { startMonitoringWindow, type MonitoringResult, type MonitoringStatus } from '../../../src/adapters/runtime/monitoring-window.ts';

interface Ask {
  users: readonly string[];
  answer(results: ReadonlyMap<string, MonitoringResult>): void;
}

function harness(options: { users: readonly string[]; window: number; batchSize?: number; draws?: () => number }) {
  const scheduler = new VirtualTimeScheduler();
  let until = 0;
  const pending: Ask[] = [];
  const asked: string[][] = [];
  const reports: MonitoringStatus[][] = [];
  let maxInFlight = 0;
  /** Users asked for while already being asked for, or after an ok answer. */
  const violations: string[] = [];
  const inFlightUsers = new Set<string>();
  const okUsers = new Set<string>();
  const w = startMonitoringWindow({
    users: options.users,
    window: options.window,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    scheduler,
    draw: options.draws ?? (() => 0.5),
    ask: (users) =>
      new Promise((resolve) => {
        asked.push([...users]);
        for (const u of users) {
          if (inFlightUsers.has(u) || okUsers.has(u)) violations.push(u);
          inFlightUsers.add(u);
        }
        pending.push({
          users,
          answer: (results) => {
            for (const u of users) {
              inFlightUsers.delete(u);
              if (results.get(u)?.ok === true) okUsers.add(u);
            }
            resolve(results);
          },
        });
      }),
    report: (statuses) => reports.push([...statuses]),
  });
  const track = () => (maxInFlight = Math.max(maxInFlight, w.inFlight));
  track();
  return {
    w,
    scheduler,
    pending,
    asked,
    violations,
    reports,
    get maxInFlight() {
      return maxInFlight;
    },
    track,
    /** Moves virtual time on (timers: retries and reports). */
    advance(ms: number) {
      until += ms;
      scheduler.maxFrames = until;
      scheduler.flush();
      track();
    },
    /** The latest reported state of each user. */
    latest(): Map<string, MonitoringStatus> {
      const out = new Map<string, MonitoringStatus>();
      for (const batch of reports) for (const s of batch) out.set(s.userId, s);
      return out;
    },
  };
}

const flushPromises = () => new Promise((resolve) => setImmediate(resolve));
const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@lab.test`);

describe('monitoring window (issue 14)', () => {
  it('keeps at most `window` requests in flight and monitors all users', async () => {
    const h = harness({ users: users(120), window: 7 });
    expect(h.pending).toHaveLength(7);
    while (h.pending.length > 0) {
      const ask = h.pending.shift()!;
      ask.answer(new Map(ask.users.map((u) => [u, { ok: true }])));
      await flushPromises();
      h.track();
    }
    expect(h.maxInFlight).toBe(7);
    expect(h.asked).toHaveLength(120);
    expect(h.w.outstanding).toBe(0);
    h.advance(100);
    expect([...h.latest().values()].every((s) => s.state === 'subscribed')).toBe(true);
    // Coalesced: 240 changes (subscribing, subscribed) in one report, each user once.
    expect(h.reports).toHaveLength(1);
    expect(h.reports[0]).toHaveLength(120);
  });

  it('retries a refused user after exponential backoff with the drawn jitter, shown on its lamp', async () => {
    const h = harness({ users: ['bob@lab.test', 'cy@lab.test'], window: 5, draws: () => 0.25 });
    const refuse = (ask: Ask) => ask.answer(new Map(ask.users.map((u) => [u, u === 'bob@lab.test' ? { ok: false, cause: 'server-error', reason: '403 Target not allowed' } : { ok: true }])));
    for (const ask of h.pending.splice(0)) refuse(ask);
    await flushPromises();
    h.advance(100);
    expect(h.latest().get('cy@lab.test')).toEqual({ userId: 'cy@lab.test', state: 'subscribed' });
    // First retry: 5 s step, half fixed and half drawn: 2.5 s + 0.25 × 2.5 s after the failure.
    expect(h.latest().get('bob@lab.test')).toEqual({ userId: 'bob@lab.test', state: 'retrying', cause: 'server-error', reason: '403 Target not allowed', attempt: 1, retryAt: 3125, draw: 0.25 });
    h.advance(3024);
    expect(h.pending).toHaveLength(0);
    h.advance(1);
    expect(h.pending.map((a) => a.users)).toEqual([['bob@lab.test']]);
    refuse(h.pending.shift()!);
    await flushPromises();
    h.advance(100);
    // Second failure: the step doubles to 10 s.
    expect(h.latest().get('bob@lab.test')).toMatchObject({ state: 'retrying', attempt: 2, retryAt: 3125 + 5000 + 1250 });
    h.advance(10_000);
    const ask = h.pending.shift()!;
    ask.answer(new Map([['bob@lab.test', { ok: true }]]));
    await flushPromises();
    h.advance(100);
    expect(h.latest().get('bob@lab.test')).toEqual({ userId: 'bob@lab.test', state: 'subscribed' });
    expect(h.latest().get('cy@lab.test')).toEqual({ userId: 'cy@lab.test', state: 'subscribed' });
  });

  it('does not ask again for a user adopted while its retry waited, and stops all work on stop()', async () => {
    const h = harness({ users: ['bob@lab.test', 'cy@lab.test'], window: 5 });
    for (const ask of h.pending.splice(0)) ask.answer(new Map(ask.users.map((u) => [u, { ok: false, cause: 'timeout', reason: 'no answer within 30000 ms' }])));
    await flushPromises();
    h.w.adopted('bob@lab.test');
    h.advance(60_000);
    expect(h.asked.slice(2)).toEqual([['cy@lab.test']]);
    expect(h.violations).toEqual([]);
    h.w.stop();
    h.pending.shift()!.answer(new Map([['cy@lab.test', { ok: false, cause: 'timeout', reason: 'x' }]]));
    await flushPromises();
    h.advance(600_000);
    expect(h.asked).toHaveLength(3);
    expect(h.latest().get('bob@lab.test')).toEqual({ userId: 'bob@lab.test', state: 'subscribed' });
  });

  test.prop(
    [
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.record({ pick: fc.nat(), refuse: fc.nat({ max: 99 }), wait: fc.nat({ max: 400_000 }) }), { minLength: 1, maxLength: 400 }),
    ],
    { numRuns: 60 },
  )('whatever the answers and their order: window and batch bounds hold, every user ends monitored', async (n, window, batchSize, script) => {
    const list = users(n);
    const h = harness({ users: list, window, batchSize, draws: () => 0.9 });
    let step = 0;
    // Play the script (answers in any order, a share of users refused), then answer everything.
    for (let guard = 0; guard < 10_000 && h.w.outstanding > 0; guard++) {
      const s = script[step++ % script.length]!;
      const final = step > script.length;
      if (h.pending.length > 0) {
        const ask = h.pending.splice(s.pick % h.pending.length, 1)[0]!;
        expect(ask.users.length).toBeLessThanOrEqual(batchSize);
        ask.answer(new Map(ask.users.map((u) => [u, !final && s.refuse < 30 ? { ok: false as const, cause: 'refused', reason: 'no' } : { ok: true as const }])));
        await flushPromises();
      } else h.advance(final ? 400_000 : s.wait);
      h.track();
      expect(h.w.inFlight).toBeLessThanOrEqual(window);
    }
    expect(h.w.outstanding).toBe(0);
    h.advance(1_000);
    const latest = h.latest();
    expect([...latest.keys()].sort()).toEqual([...list].sort());
    expect([...latest.values()].every((s) => s.state === 'subscribed')).toBe(true);
    // No user was asked for while it was already monitored or being asked for.
    expect(h.violations).toEqual([]);
  });
});

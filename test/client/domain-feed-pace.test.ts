// The domain feed's pace for lamp news (issue 14): the monitored users' news enters the log at most
// once per LAMP_NEWS_EVERY_MS (the first after a quiet spell at once, with its chunk), the user's
// own line at once, the order of arrival kept, and nothing lost at close. On a virtual clock.
import { NEVER, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CtiNews } from '../../src/adapters/runtime/cti-driver.ts';
import { createDomainFeed, LAMP_NEWS_EVERY_MS, lampNewsIntervalMs } from '../../src/client/domain-feed.ts';
import type { SessionDrivers } from '../../src/client/session-drivers.ts';
import type { XsiEventData } from '../../src/codecs/index.ts';
import { schedulerOf } from '../../src/effects/time-source-scheduler.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';

const OWN = 'ann@lab.test';
const hook = (offHook: boolean): XsiEventData => ({ type: 'HookStatusEvent', hookStatus: offHook ? 'Off-Hook' : 'On-Hook' }) as XsiEventData;

function feedOnClock() {
  const clock = new VirtualClock(1_000_000);
  const news$ = new Subject<CtiNews>();
  const entries: Array<{ at: number; events: Array<{ type: string; monitoredUser?: string; offHook?: boolean }> }> = [];
  const system = {
    dispatch(_target: string, event: { type: string; events?: unknown[] }) {
      entries.push({ at: clock.now(), events: (event.type === 'DOMAIN.BATCH' ? event.events : [event]) as never });
    },
  };
  const drivers = { cti: { news$ }, cap: { news$: NEVER }, imp: null, xmpp: null } as unknown as SessionDrivers;
  const feed = createDomainFeed({ system, drivers, ownUser: OWN, conceal: (text) => ({ text }), ids: () => 'id', scheduler: schedulerOf(clock) });
  const lamp = (user: string, offHook = true) => news$.next({ type: 'event', targetId: user, data: hook(offHook) });
  const own = (offHook = true) => news$.next({ type: 'event', targetId: OWN, data: hook(offHook) });
  const users = (i: number) => entries[i]!.events.map((e) => e.monitoredUser ?? 'own');
  return { clock, feed, entries, lamp, own, users, news$ };
}

const microtasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('domain feed: the pace of lamp news (issue 14)', () => {
  it('logs the first lamp news at once with its chunk, and what follows within the interval when it ends', async () => {
    const f = feedOnClock();
    f.lamp('bob@lab.test');
    f.lamp('carol@lab.test'); // same chunk
    await microtasks();
    expect(f.entries).toHaveLength(1);
    expect(f.users(0)).toEqual(['bob@lab.test', 'carol@lab.test']);
    f.clock.advance(30);
    f.lamp('dave@lab.test');
    await microtasks();
    f.clock.advance(30);
    f.lamp('erin@lab.test');
    await microtasks();
    expect(f.entries).toHaveLength(1); // held: the interval has not ended
    f.clock.advance(LAMP_NEWS_EVERY_MS - 60 - 1);
    await microtasks();
    expect(f.entries).toHaveLength(1);
    f.clock.advance(1);
    await microtasks();
    expect(f.entries).toHaveLength(2);
    expect(f.users(1)).toEqual(['dave@lab.test', 'erin@lab.test']);
    expect(f.entries[1]!.at).toBe(1_000_000 + LAMP_NEWS_EVERY_MS);
    // A quiet spell: the next lamp news goes at once again.
    f.clock.advance(LAMP_NEWS_EVERY_MS);
    f.lamp('bob@lab.test', false);
    await microtasks();
    expect(f.entries).toHaveLength(3);
  });

  it('logs the own line at once, after the lamp news held before it (order of arrival)', async () => {
    const f = feedOnClock();
    f.lamp('bob@lab.test');
    await microtasks();
    f.clock.advance(10);
    f.lamp('carol@lab.test');
    await microtasks();
    f.own();
    await microtasks();
    expect(f.entries.map((_, i) => f.users(i))).toEqual([['bob@lab.test'], ['carol@lab.test', 'own']]);
    // Nothing is logged twice when the held news' timer would have ended.
    f.clock.advance(LAMP_NEWS_EVERY_MS);
    await microtasks();
    expect(f.entries).toHaveLength(2);
  });

  it('paces a large list more slowly: 10 µs per monitored user beyond 10,000', async () => {
    expect([0, 1_000, 10_000, 20_000].map(lampNewsIntervalMs)).toEqual([100, 100, 100, 200]);
    const f = feedOnClock();
    f.news$.next({ type: 'monitored', users: Array.from({ length: 20_000 }, (_, i) => `u${i}@lab.test`), note: null });
    await microtasks();
    expect(f.entries).toHaveLength(1); // the list itself is no lamp news: at once
    f.lamp('u1@lab.test');
    await microtasks();
    f.clock.advance(150);
    f.lamp('u2@lab.test');
    await microtasks();
    f.clock.advance(49);
    await microtasks();
    expect(f.entries).toHaveLength(2);
    f.clock.advance(1);
    await microtasks();
    expect(f.entries).toHaveLength(3);
    expect(f.entries[2]!.at - f.entries[1]!.at).toBe(200);
  });

  it('a burst of lamp news makes one entry per interval, batches of at most DOMAIN_BATCH_LIMIT, nothing lost', async () => {
    const f = feedOnClock();
    const sent: string[] = [];
    for (let tick = 0; tick < 10; tick++) {
      for (let i = 0; i < 300; i++) {
        const user = `u${tick}-${i}@lab.test`;
        sent.push(user);
        f.lamp(user);
      }
      await microtasks();
      f.clock.advance(20);
    }
    await microtasks();
    f.feed.close();
    const logged = f.entries.flatMap((_, i) => f.users(i));
    expect(logged).toEqual(sent);
    // 200 ms of arrivals: the leading chunk, then one release per 100 ms (each within the batch limit),
    // and what was still held at close.
    expect(f.entries.length).toBeLessThanOrEqual(5);
    expect(Math.max(...f.entries.map((e) => e.events.length))).toBeLessThanOrEqual(1000);
  });
});

// schedulerOf(clock): RxJS timers on the session's time source, so a VirtualClock drives them.
import { interval, take, timeout, timer, toArray, firstValueFrom, NEVER, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../src/effects/time-source-scheduler.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';

describe('schedulerOf (one time source for the effects)', () => {
  it('fires a timer when the virtual clock reaches it, never before', () => {
    const clock = new VirtualClock(1_000);
    const fired: number[] = [];
    timer(10_000, schedulerOf(clock)).subscribe(() => fired.push(clock.now()));
    clock.advance(9_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([11_000]);
    expect(clock.pendingCount()).toBe(0);
  });

  it('repeats an interval on virtual time and stops when unsubscribed', async () => {
    const clock = new VirtualClock();
    const ticks = lastValueFrom(interval(5_000, schedulerOf(clock)).pipe(take(3), toArray()));
    clock.advance(15_000);
    expect(await ticks).toEqual([0, 1, 2]);
    expect(clock.pendingCount()).toBe(0);
  });

  it('times out on virtual time (a request timeout of the links)', async () => {
    const clock = new VirtualClock();
    const answer = firstValueFrom(NEVER.pipe(timeout({ first: 30_000, scheduler: schedulerOf(clock) })));
    clock.advance(30_000);
    await expect(answer).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('clears a timer that is unsubscribed before it is due', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const subscription = timer(1_000, schedulerOf(clock)).subscribe(() => fired.push(1));
    subscription.unsubscribe();
    expect(clock.pendingCount()).toBe(0);
    clock.advance(5_000);
    expect(fired).toEqual([]);
  });

  it('runs zero-delay work without anyone advancing time', async () => {
    const clock = new VirtualClock();
    await expect(firstValueFrom(timer(0, schedulerOf(clock)))).resolves.toBe(0);
    expect(clock.now()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createActor, setup } from 'xstate';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';

describe('VirtualClock', () => {
  it('fires due timers in due-time order, ties in scheduling order', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.setTimeout(() => fired.push('d@30'), 30);
    clock.advance(25);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(25);
    clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20', 'd@30']);
  });

  it('fires timers scheduled during an advance when they fall due within it', () => {
    const clock = new VirtualClock();
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => {
      fired.push(['first', clock.now()]);
      clock.setTimeout(() => {
        fired.push(['second', clock.now()]);
        clock.setTimeout(() => fired.push(['third', clock.now()]), 100);
      }, 15);
    }, 10);
    clock.advance(50);
    expect(fired).toEqual([
      ['first', 10],
      ['second', 25],
    ]);
    expect(clock.pendingCount()).toBe(1);
    expect(clock.nextDueTime()).toBe(125);
  });

  it('lets a zero-delay timer scheduled during an advance fire at the same instant', () => {
    const clock = new VirtualClock(1000);
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 0), 5);
    clock.advance(5);
    expect(fired).toEqual([1005]);
  });

  it('never fires a cleared timer', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const id = clock.setTimeout(() => fired.push('cleared'), 10);
    clock.setTimeout(() => fired.push('kept'), 10);
    clock.clearTimeout(id);
    clock.advance(100);
    expect(fired).toEqual(['kept']);
  });

  it('refuses to move backwards', () => {
    const clock = new VirtualClock(10);
    expect(() => clock.advanceTo(5)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('runs XState delayed transitions, including chains started during the advance', () => {
    const machine = setup({ delays: { tick: 1000 } }).createMachine({
      initial: 'a',
      states: { a: { after: { tick: 'b' } }, b: { after: { tick: 'c' } }, c: {} },
    });
    const clock = new VirtualClock();
    const actor = createActor(machine, { clock }).start();
    clock.advance(1999);
    expect(actor.getSnapshot().value).toBe('b');
    clock.advance(1);
    expect(actor.getSnapshot().value).toBe('c');
  });

  test.prop([fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { maxLength: 30 }), fc.nat(3000)])(
    'every timer fires exactly once, at its due time, in (due, scheduling) order',
    (specs, horizon) => {
      const clock = new VirtualClock();
      const fired: Array<{ index: number; due: number; at: number }> = [];
      specs.forEach(([delay, childDelay], index) => {
        clock.setTimeout(() => {
          fired.push({ index, due: delay, at: clock.now() });
          // A nested timer, scheduled while advancing.
          clock.setTimeout(() => fired.push({ index: index + 1000, due: delay + childDelay, at: clock.now() }), childDelay);
        }, delay);
      });
      clock.advance(horizon);
      for (const f of fired) expect(f.at).toBe(f.due);
      for (let i = 1; i < fired.length; i++) expect(fired[i]!.at).toBeGreaterThanOrEqual(fired[i - 1]!.at);
      const expectedCount =
        specs.filter(([d]) => d <= horizon).length + specs.filter(([d, c]) => d + c <= horizon).length;
      expect(fired.length).toBe(expectedCount);
    },
  );
});

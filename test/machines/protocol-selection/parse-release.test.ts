import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatRelease, parseRelease } from '../../../src/machines/protocol-selection/index.ts';
import { wellFormedRelease } from './arbitraries.ts';

describe('parseRelease', () => {
  it.each([
    ['17sp4', 17, 4],
    ['20.0', 20, null],
    ['21sp1', 21, 1],
    ['21.sp1', 21, 1],
    ['22', 22, null],
    ['R24', 24, null],
    ['24.0.944.ip1', 24, null],
    ['Release 21.sp1', 21, 1],
    ['  release 21 SP2 ', 21, 2],
    ['BroadWorks R22', 22, null],
    ['Rel_21.sp1_1.551', 21, 1],
    ['r 16', 16, null],
    ['22V2', 22, null],
  ])('reads %j as major %i, service pack %j', (text, major, sp) => {
    expect(parseRelease(text)).toEqual({ ok: true, release: { major, sp } });
  });

  it.each(['', '   ', 'garbage', 'sp1', 'R', 'version 22', '2024', '.22', '-21', 'x21sp1'])(
    'refuses %j: there is no leading release number',
    (text) => {
      const parsed = parseRelease(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
    },
  );

  it('does not take "sp" inside another word for a service pack', () => {
    expect(parseRelease('22 esp9')).toEqual({ ok: true, release: { major: 22, sp: null } });
  });

  it('refuses a value that is not text, and overlong text', () => {
    expect(parseRelease(22).ok).toBe(false);
    expect(parseRelease(`21${' '.repeat(300)}`).ok).toBe(false);
  });

  it('formats a release the way support writes it', () => {
    expect(formatRelease({ major: 21, sp: 1 })).toBe('R21sp1');
    expect(formatRelease({ major: 22, sp: null })).toBe('R22');
  });

  test.prop([wellFormedRelease])('recovers the major and service pack of every well-formed form', (r) => {
    expect(parseRelease(r.text)).toEqual({ ok: true, release: { major: r.major, sp: r.sp } });
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 60 })])('never throws, and a parsed major is an integer from 0 to 999', (text) => {
    const parsed = parseRelease(text);
    if (parsed.ok) {
      expect(Number.isInteger(parsed.release.major)).toBe(true);
      expect(parsed.release.major).toBeGreaterThanOrEqual(0);
      expect(parsed.release.major).toBeLessThanOrEqual(999);
      expect(parsed.release.sp === null || Number.isInteger(parsed.release.sp)).toBe(true);
    }
  });

  test.prop([fc.string({ maxLength: 30 })])('refuses text that does not begin with a digit or a release prefix', (text) => {
    fc.pre(!/^\s*(broadworks|rel|r|\d)/i.test(text));
    expect(parseRelease(text).ok).toBe(false);
  });
});

describe('parseRelease leniency', () => {
  test.prop([fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', '\t', ' \n '), fc.boolean()])(
    'ignores surrounding whitespace and letter case',
    (text, pad, upper) => {
      const variant = `${pad}${upper ? text.toUpperCase() : text.toLowerCase()}${pad}`;
      const outcome = (t: string) => {
        const parsed = parseRelease(t);
        return parsed.ok ? parsed.release : 'refused';
      };
      expect(outcome(variant)).toEqual(outcome(text));
    },
  );
});

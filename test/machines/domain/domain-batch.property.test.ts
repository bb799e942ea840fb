// A DOMAIN.BATCH (issue 14: the events of one socket chunk as one log entry) gives the state its
// events give one by one, cut anywhere; a malformed member is skipped as it would be alone; a
// batch over the limit, or with nothing well-formed in it, leaves the very same state.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DOMAIN_BATCH_LIMIT, type DomainEvent } from '../../../src/machines/domain/contract.ts';
import { INITIAL_DOMAIN_STATE } from '../../../src/machines/domain/domain-state.ts';
import { foldDomain, reduceDomain } from '../../../src/machines/domain/reduce-domain.ts';
import { structuralDigest } from '../../../src/machines/log/digest.ts';
import { domainEvent } from './arbitraries.ts';

describe('domain batches', () => {
  test.prop([fc.array(domainEvent, { minLength: 1, maxLength: 60 }), fc.array(fc.nat({ max: 60 }), { maxLength: 6 })])('a batch, cut anywhere, folds to the state of its events one by one', (events, cuts) => {
    const bounds = [...new Set([0, ...cuts.map((c) => c % (events.length + 1)), events.length])].sort((a, b) => a - b);
    let batched = INITIAL_DOMAIN_STATE;
    for (let i = 1; i < bounds.length; i++) batched = reduceDomain(batched, { type: 'DOMAIN.BATCH', events: events.slice(bounds[i - 1], bounds[i]) });
    expect(structuralDigest(batched)).toBe(structuralDigest(foldDomain(events)));
    expect(batched).toEqual(foldDomain(events));
  });

  it('skips a malformed member, and leaves the same state for an empty, malformed or oversized batch', () => {
    const ring: DomainEvent = { type: 'CALL.CHANGED', call: { callId: 'c1', state: 'alerting', direction: 'incoming', remote: {} } };
    const s = reduceDomain(INITIAL_DOMAIN_STATE, { type: 'DOMAIN.BATCH', events: [{ type: 'CALL.CHANGED' }, ring] as never });
    expect(Object.keys(s.calls)).toEqual(['c1']);
    for (const events of [[], [{ type: 'nonsense' }], 'x', Array.from({ length: DOMAIN_BATCH_LIMIT + 1 }, () => ring)]) {
      expect(reduceDomain(s, { type: 'DOMAIN.BATCH', events } as never)).toBe(s);
    }
  });

  test.prop([fc.jsonValue(), fc.jsonValue()])('the structural digest tells values apart as their canonical JSON does', (a, b) => {
    const same = JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
    expect(structuralDigest(deepFreeze(a)) === structuralDigest(deepFreeze(b))).toBe(same);
  });

  // A record of more than 256 members is digested as a multiset of (key, member) parts: the same
  // verdict as canonical JSON for a changed member, a key gone or added, two members swapped.
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.constant('idle'), fc.constant('busy'), fc.nat({ max: 3 })) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 4 }) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  );
  test.prop([fc.integer({ min: 257, max: 700 }), fc.array(edit, { maxLength: 3 })])('a large record is told apart from its edits as canonical JSON tells them', (size, edits) => {
    const base: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) base[`user${i}@lab.test`] = { state: i % 3 === 0 ? 'busy' : 'idle', calls: i % 5 };
    const edited: Record<string, unknown> = structuredClone(base);
    const keyAt = (n: number): string => Object.keys(edited)[n % Object.keys(edited).length]!;
    for (const e of edits) {
      if (e.kind === 'set') edited[keyAt(e.at)] = { state: e.value, calls: 0 };
      else if (e.kind === 'delete') delete edited[keyAt(e.at)];
      else if (e.kind === 'add') edited[e.key] = { state: 'idle', calls: 0 };
      else {
        const [x, y] = [keyAt(e.at), keyAt(e.other)];
        [edited[x], edited[y]] = [edited[y], edited[x]];
      }
    }
    const same = JSON.stringify(sortKeys(base)) === JSON.stringify(sortKeys(edited));
    expect(structuralDigest(deepFreeze(structuredClone(base))) === structuralDigest(deepFreeze(edited))).toBe(same);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

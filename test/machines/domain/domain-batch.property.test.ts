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

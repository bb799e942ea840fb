// The outbox is pure: queued messages stay in order until settled, a re-queued id is not doubled.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { emptyOutbox, enqueue, isQueued, settle, type Outbox } from '../../../src/adapters/kemp/outbox.ts';

type Op = { op: 'enqueue'; id: string } | { op: 'settle'; id: string };
const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const ops = fc.array(fc.oneof(ids.map((id): Op => ({ op: 'enqueue', id })), ids.map((id): Op => ({ op: 'settle', id }))), { maxLength: 40 });

describe('outbox (kakapo.md §3.3)', () => {
  test.prop([ops], { numRuns: 200 })('matches a model: each id at most once, in first-queued order, gone once settled', (script) => {
    let outbox: Outbox<string> = emptyOutbox();
    const model: string[] = [];
    for (const step of script) {
      if (step.op === 'enqueue') {
        outbox = enqueue(outbox, step.id, `body of ${step.id}`);
        if (!model.includes(step.id)) model.push(step.id);
      } else {
        outbox = settle(outbox, step.id);
        model.splice(model.indexOf(step.id) >>> 0, model.includes(step.id) ? 1 : 0);
      }
      expect(outbox.entries.map((e) => e.id)).toEqual(model);
    }
    for (const id of ['a', 'b', 'c', 'd', 'e']) expect(isQueued(outbox, id)).toBe(model.includes(id));
  });

  it('never changes the value it was given', () => {
    const before = enqueue(emptyOutbox<string>(), 'x', 'hello');
    const frozen = JSON.stringify(before);
    enqueue(before, 'y', 'more');
    settle(before, 'x');
    expect(JSON.stringify(before)).toBe(frozen);
    expect(enqueue(before, 'x', 'other body')).toBe(before); // same id: unchanged, same value
  });
});

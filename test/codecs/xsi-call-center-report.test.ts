import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeCallCenterReport, encodeCallCenterReport, type CallCenterReport } from '../../src/codecs/xsi/call-center-report.ts';

const count = fc.integer({ min: 0, max: 1_000_000 });
const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && !/[\x00-\x1f\ud800-\udfff\ufffe\uffff]/.test(s));
const report: fc.Arbitrary<CallCenterReport> = fc.record({
  callCenterId: name,
  from: fc.integer({ min: 0, max: 2 ** 45 }),
  to: fc.integer({ min: 0, max: 2 ** 45 }),
  queue: fc.record({
    callsReceived: count,
    callsAnswered: count,
    callsAbandoned: count,
    callsInQueue: count,
    averageWaitSeconds: count,
    longestWaitSeconds: count,
    averageHandlingSeconds: count,
  }),
  agents: fc.array(fc.record({ userId: name, state: name, callsAnswered: count, talkSeconds: count }), { maxLength: 4 }),
});

describe('CallCenterReport codec (cti-xsi.md §4.4, PROJECT)', () => {
  test.prop([report], { numRuns: 100 })('decodes what it encodes', (r) => {
    const xml = encodeCallCenterReport(r);
    expect(xml.ok).toBe(true);
    expect(xml.ok && decodeCallCenterReport(xml.value)).toEqual({ ok: true, value: r });
  });

  it('matches children by namespace, not by prefix', () => {
    const body = '<callCenterId>x</callCenterId><from>1</from><to>2</to><queue/><agents/>';
    const foreign = decodeCallCenterReport(`<CallCenterReport xmlns="urn:other">${body}</CallCenterReport>`);
    expect(!foreign.ok && foreign.error.code).toBe('UNKNOWN_TYPE');
    const queue = '<callsReceived>1</callsReceived><callsAnswered>1</callsAnswered><callsAbandoned>0</callsAbandoned><callsInQueue>0</callsInQueue><averageWaitSeconds>2</averageWaitSeconds><longestWaitSeconds>3</longestWaitSeconds><averageHandlingSeconds>4</averageHandlingSeconds>';
    const prefixed = (queueNs: string) =>
      `<r:CallCenterReport xmlns:r="http://schema.broadsoft.com/xsi" xmlns:o="urn:other"><r:callCenterId>x</r:callCenterId><r:from>1</r:from><r:to>2</r:to>` +
      `<${queueNs}:queue>${queue.replace(/<(\/?)/g, `<$1${queueNs}:`)}</${queueNs}:queue><r:agents/></r:CallCenterReport>`;
    expect(decodeCallCenterReport(prefixed('r'))).toMatchObject({ ok: true, value: { callCenterId: 'x', queue: { callsReceived: 1, averageHandlingSeconds: 4 }, agents: [] } });
    const foreignQueue = decodeCallCenterReport(prefixed('o'));
    expect(!foreignQueue.ok && foreignQueue.error).toMatchObject({ code: 'MISSING_FIELD', detail: { field: 'queue' } });
  });

  it('refuses a non-numeric counter and a value XML cannot carry, with typed errors', () => {
    const bad = decodeCallCenterReport('<CallCenterReport xmlns="http://schema.broadsoft.com/xsi"><callCenterId>x</callCenterId><from>1</from><to>2</to><queue><callsReceived>many</callsReceived></queue><agents/></CallCenterReport>');
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_FIELD', detail: { field: 'callsReceived' } });
    const r: CallCenterReport = { callCenterId: 'a\u0001', from: 0, to: 1, queue: { callsReceived: 0, callsAnswered: 0, callsAbandoned: 0, callsInQueue: 0, averageWaitSeconds: 0, longestWaitSeconds: 0, averageHandlingSeconds: 0 }, agents: [] };
    expect(encodeCallCenterReport(r)).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
    expect(encodeCallCenterReport({ ...r, callCenterId: 'a', from: Number.NaN })).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
  });
});

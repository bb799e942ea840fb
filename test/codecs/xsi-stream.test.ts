import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeXsiChunk, type XsiDocument } from '../../src/codecs/xsi/documents.ts';
import { createXsiStreamDecoder } from '../../src/codecs/xsi/stream.ts';
import { xsiDocumentArb } from './xsi-arbitrary.ts';

function chunk(doc: XsiDocument): Uint8Array {
  const r = encodeXsiChunk(doc);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('XSI-Events channel stream', () => {
  it('yields the same documents for every way the HTTP chunks cut the same bytes', () => {
    fc.assert(
      fc.property(fc.array(xsiDocumentArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 15 }), (docs, cuts) => {
        const parts = docs.map(chunk);
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        parts.reduce((o, p) => (bytes.set(p, o), o + p.length), 0);
        const decoder = createXsiStreamDecoder();
        const got: unknown[] = [];
        let last = 0;
        for (const p of [...new Set(cuts.map((c) => c % (bytes.length + 1))), bytes.length].sort((a, b) => a - b)) {
          const r = decoder.push(bytes.subarray(last, p));
          expect(r.ok).toBe(true);
          if (r.ok) got.push(...r.value);
          last = p;
        }
        expect(decoder.end()).toEqual({ ok: true, value: undefined });
        expect(got).toEqual(docs.map((d) => ({ ok: true, value: d })));
      }),
      { numRuns: 100 },
    );
  });

  it('reads the real opening of a channel: Channel, a heartbeat, then ChannelTerminatedEvent; a cut body is TRUNCATED', () => {
    const first = chunk({ root: 'Channel', body: { channelId: 'c-1', expires: 3600 } });
    const beat = chunk({ root: 'ChannelHeartBeat', body: {} });
    const last = chunk({ root: 'Event', event: { type: 'ChannelTerminatedEvent', channelId: 'c-1', reason: 'ExplicitDelete' } });
    const decoder = createXsiStreamDecoder();
    const r = decoder.push(new Uint8Array([...first, ...beat, ...last.subarray(0, 50)]));
    expect(r.ok && r.value.map((d) => (d.ok ? d.value.root : d.error.code))).toEqual(['Channel', 'ChannelHeartBeat']);
    const end = decoder.end();
    expect(end.ok ? 'ended' : end.error.code).toBe('TRUNCATED');
  });
});

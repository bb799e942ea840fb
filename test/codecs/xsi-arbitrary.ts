// Test helper: fast-check arbitraries derived from a field codec's shape, so every document type
// gets generated values without a hand-written generator per type.
import fc from 'fast-check';
import type { Shape } from '../../src/codecs/xsi/fields.ts';
import { XSI_BODY_CODECS, type XsiBodyRoot } from '../../src/codecs/xsi/bodies.ts';
import type { XsiDocument } from '../../src/codecs/xsi/documents.ts';
import { EVENT_DATA_CODECS, subscriptionEnvelopeCodec, XSI_EVENT_TYPES, type XsiEvent } from '../../src/codecs/xsi/events.ts';

// Characters that exercise escaping, whitespace preservation, CR handling and non-ASCII.
const CHARS = Array.from('abcXYZ019 <>&"\'\r\n\t:@/+-_.é€😀');
export const xmlText = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 });

export function arbitraryFor(shape: Shape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case 'text':
      return xmlText;
    case 'int':
      return fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.constant(1_700_000_000_123), fc.constant(2147483647));
    case 'bool':
    case 'flag':
      return fc.boolean();
    case 'oneOf':
      return fc.constantFrom(...shape.values);
    case 'textWithAttrs': {
      const attrs: Record<string, fc.Arbitrary<string>> = {};
      for (const a of shape.attrs) attrs[a] = xmlText;
      return fc.record({ value: xmlText, ...attrs }, { requiredKeys: ['value'] });
    }
    case 'opt':
      return arbitraryFor(shape.inner); // optionality comes from the enclosing record
    case 'default':
      return arbitraryFor(shape.inner);
    case 'many':
      return fc.array(arbitraryFor(shape.inner), { maxLength: 2 });
    case 'obj': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, s] of shape.fields) {
        model[key] = arbitraryFor(s);
        if (s.kind !== 'opt') required.push(key);
      }
      return fc.record(model, { requiredKeys: required });
    }
  }
}

export const eventArb: fc.Arbitrary<XsiEvent> = fc.oneof(
  fc
    .tuple(arbitraryFor(subscriptionEnvelopeCodec.shape), fc.constantFrom(...XSI_EVENT_TYPES))
    .chain(([envelope, type]) =>
      arbitraryFor(EVENT_DATA_CODECS[type].shape).map(
        (data) => ({ type: 'SubscriptionEvent', ...(envelope as object), eventData: { type, ...(data as object) } }) as XsiEvent,
      ),
    ),
  fc.record({ type: fc.constant('ChannelTerminatedEvent' as const), channelId: xmlText, reason: xmlText }),
  fc.record({ type: fc.constant('ErrorEvent' as const), errorCode: xmlText, errorMessage: xmlText }, { requiredKeys: ['type'] }),
);

export const xsiDocumentArb: fc.Arbitrary<XsiDocument> = fc.oneof(
  eventArb.map((event) => ({ root: 'Event', event }) as XsiDocument),
  fc
    .constantFrom(...(Object.keys(XSI_BODY_CODECS) as XsiBodyRoot[]))
    .chain((root) => arbitraryFor(XSI_BODY_CODECS[root].shape).map((body) => ({ root, body }) as XsiDocument)),
);


// Test helper: fast-check arbitraries derived from a field codec's shape, so every document type
// gets generated values without a hand-written generator per type. Values keep to what the encoder
// accepts (the schema's facets: PositiveInt ≥ 1, non-empty collapsed tokens, enumerations,
// required elements present, minOccurs), so decode(encode(v)) = v can be asserted for all of them.
import fc from 'fast-check';
import type { Shape } from '../../src/codecs/xsi/fields.ts';
import { XSI_BODY_CODECS, type XsiBodyRoot } from '../../src/codecs/xsi/bodies.ts';
import type { XsiDocument } from '../../src/codecs/xsi/documents.ts';
import { CHANNEL_TERMINATED_REASONS, EVENT_DATA_CODECS, subscriptionEnvelopeCodec, XSI_EVENT_TYPES, type XsiEvent } from '../../src/codecs/xsi/events.ts';

// Characters that exercise escaping, whitespace preservation, CR handling and non-ASCII.
const CHARS = Array.from('abcXYZ019 <>&"\'\r\n\t:@/+-_.é€😀');
export const xmlText = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 });
/** A non-empty xs:token value as written: no leading, trailing or repeated spaces, no tab/CR/LF. */
export const xmlToken = (maxLength = 12, minLength = 1): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.constantFrom(...Array.from('abcXYZ019 <>&"\':@/+-_.é€😀')), minLength, maxLength: Math.max(minLength, Math.min(maxLength, 12)) })
    .map((s) => s.replace(/ +/g, ' ').replace(/^ | $/g, ''))
    .filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
/** Canonical base64 of a few bytes. */
export const base64Text = fc.uint8Array({ maxLength: 9 }).map((b) => Buffer.from(b).toString('base64'));

export function arbitraryFor(shape: Shape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case 'text':
      return xmlText;
    case 'nonEmpty':
      return xmlText.filter((s) => s !== '' && [...s].length <= (shape.maxLength ?? Infinity));
    case 'token':
      return xmlToken(shape.maxLength, shape.minLength);
    case 'base64':
      return base64Text;
    case 'int':
      if (shape.values) return fc.constantFrom(...shape.values);
      if (shape.min !== undefined || shape.max !== undefined) return fc.integer({ min: shape.min ?? -5, max: shape.max ?? 2147483647 });
      return fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.constant(1_700_000_000_123), fc.constant(2147483647));
    case 'bool':
    case 'flag':
      return fc.boolean();
    case 'oneOf':
      return fc.constantFrom(...shape.values);
    case 'textWithAttrs': {
      const attrs: Record<string, fc.Arbitrary<string>> = {};
      for (const a of shape.attrs) {
        const type = shape.attrTypes?.[a];
        attrs[a] = type === 'positiveInt' ? fc.constantFrom('1', '44', '353') : type === 'boolean' ? fc.constantFrom('true', 'false') : xmlText;
      }
      return fc.record({ value: shape.token ? xmlToken(shape.maxLength) : xmlText, ...attrs }, { requiredKeys: ['value'] });
    }
    case 'opt':
      // An optional marker is absent or true: `false` and absent are the same document.
      if (shape.inner.kind === 'flag') return fc.constant(true);
      return arbitraryFor(shape.inner); // optionality comes from the enclosing record
    case 'need':
    case 'default':
      return arbitraryFor(shape.inner);
    case 'many':
      return fc.array(arbitraryFor(shape.inner), { minLength: shape.min ?? 0, maxLength: Math.max(2, shape.min ?? 0) });
    case 'obj': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, s] of shape.fields) {
        model[key] = arbitraryFor(s);
        if (s.kind !== 'opt') required.push(key);
      }
      const record = fc.record(model, { requiredKeys: required });
      const choices = shape.choices ?? [];
      if (choices.length === 0) return record;
      // xs:choice groups: keep one branch (the first present; a required choice gets its first key).
      return fc.tuple(record, fc.record(Object.fromEntries(shape.fields.map(([k, s]) => [k, arbitraryFor(s)])))).map(([value, fill]) => {
        const v = { ...(value as Record<string, unknown>) };
        for (const c of choices) {
          const present = c.keys.filter((k) => v[k] !== undefined);
          for (const k of present.slice(1)) delete v[k];
          if (c.required && present.length === 0) v[c.keys[0]!] = (fill as Record<string, unknown>)[c.keys[0]!];
        }
        return v;
      });
    }
  }
}

const envelopeArb = arbitraryFor(subscriptionEnvelopeCodec.shape) as fc.Arbitrary<Record<string, unknown>>;

export const eventArb: fc.Arbitrary<XsiEvent> = fc.oneof(
  fc
    .tuple(envelopeArb, fc.constantFrom(...XSI_EVENT_TYPES))
    .chain(([envelope, type]) =>
      arbitraryFor(EVENT_DATA_CODECS[type].shape).map(
        (data) => ({ type: 'SubscriptionEvent', ...(envelope as object), eventData: { type, ...(data as object) } }) as XsiEvent,
      ),
    ),
  fc.record({ type: fc.constant('ChannelTerminatedEvent' as const), channelId: xmlText.filter((s) => s !== ''), reason: fc.constantFrom(...CHANNEL_TERMINATED_REASONS) }),
  fc.record({ type: fc.constant('ErrorEvent' as const), errorCode: fc.integer({ min: -2147483648, max: 2147483647 }), errorMessage: xmlText }),
);

export const xsiBodyArb = (root: XsiBodyRoot): fc.Arbitrary<XsiDocument> =>
  arbitraryFor(XSI_BODY_CODECS[root].shape).map((body) => ({ root, body }) as XsiDocument);

export const xsiDocumentArb: fc.Arbitrary<XsiDocument> = fc.oneof(
  eventArb.map((event) => ({ root: 'Event', event }) as XsiDocument),
  fc.constantFrom(...(Object.keys(XSI_BODY_CODECS) as XsiBodyRoot[])).chain(xsiBodyArb),
);

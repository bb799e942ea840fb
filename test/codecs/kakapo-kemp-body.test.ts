import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../src/codecs/kakapo/cipher.ts';
import {
  decodeKempBody,
  encodeKempBody,
  openKempBody,
  sealKempBody,
  type KempBody,
} from '../../src/codecs/kakapo/kemp-body.ts';
import { createKempFrameParser, encodeKempFrame, type KempMethod } from '../../src/codecs/kakapo/kemp-frame.ts';
import { xmlText } from './xsi-arbitrary.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
const enc = new TextEncoder();
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const nonce = new Uint8Array(12).fill(9);

const bodyArb: fc.Arbitrary<KempBody> = fc.oneof(
  fc
    .tuple(
      xmlText,
      fc.oneof(xmlText.map((groupId) => ({ groupId })), xmlText.map((enterpriseId) => ({ enterpriseId }))),
      fc.option(xmlText, { nil: undefined }),
    )
    .map(([loginId, org, impToken]) => ({ type: 'register', loginId, ...org, ...(impToken !== undefined ? { impToken } : {}) }) as KempBody),
  fc.record({ type: fc.constant('registered' as const), sessionId: xmlText }),
  fc.record({
    type: fc.constant('message' as const),
    id: xmlText,
    from: xmlText,
    to: xmlText,
    sent: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    body: xmlText,
  }),
  fc.record({ type: fc.constant('bye' as const), reason: xmlText }),
);

const methodFor = (b: KempBody): KempMethod => (b.type === 'register' || b.type === 'registered' ? 'REGISTER' : b.type === 'message' ? 'MESSAGE' : 'BYE');

describe('KEMP bodies (kakapo.md §3.2)', () => {
  it('writes the PROJECT element forms', () => {
    const forms: Array<[KempBody, string]> = [
      [{ type: 'register', loginId: 'alice@example.com', groupId: 'g1', impToken: 't0k' }, '<register><loginId>alice@example.com</loginId><groupId>g1</groupId><impToken>t0k</impToken></register>'],
      [{ type: 'register', loginId: 'bob@example.com', enterpriseId: 'ent' }, '<register><loginId>bob@example.com</loginId><enterpriseId>ent</enterpriseId></register>'],
      [{ type: 'registered', sessionId: 's-1' }, '<registered sessionId="s-1"/>'],
      [
        { type: 'message', id: 'm-1', from: 'alice@example.com', to: 'bob@example.com', sent: 1700000000000, body: 'Hi <Bob> & co' },
        '<message id="m-1" from="alice@example.com" to="bob@example.com" sent="1700000000000"><body>Hi &lt;Bob&gt; &amp; co</body></message>',
      ],
      [{ type: 'bye', reason: 'logout' }, '<bye reason="logout"/>'],
    ];
    for (const [body, xml] of forms) {
      const r = encodeKempBody(body);
      expect(r.ok && dec(r.value)).toBe(xml);
    }
  });

  it('round-trips every body type through encode, seal, a KEMP frame on the wire, parse, open and decode', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat({ max: 1_000_000 }), (body, seq) => {
        const method = methodFor(body);
        const sealed = sealKempBody(cipher, method, body, { keyId: DEVELOPMENT_KEY_ID, nonce });
        if (!sealed.ok) throw new Error(sealed.error.code);
        const frame = encodeKempFrame({ kind: 'request', method, target: 'im.unityclient.com', seq, ...sealed.value });
        if (!frame.ok) throw new Error(frame.error.code);
        const parsed = createKempFrameParser().push(frame.value);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const [f] = parsed.value;
        expect(openKempBody(cipher, method, f!, body.type)).toEqual({ ok: true, value: body });
      }),
      { numRuns: 200 },
    );
  });

  it('gives ENVELOPE_AUTH when a body is opened under another method (AAD) or a byte is tampered', () => {
    const sealed = sealKempBody(cipher, 'MESSAGE', { type: 'bye', reason: 'x' }, { keyId: DEVELOPMENT_KEY_ID, nonce });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const r = openKempBody(cipher, 'BYE', sealed.value, 'bye');
    expect(r.ok ? 'opened' : r.error.code).toBe('ENVELOPE_AUTH');
    const tampered = { ...sealed.value, body: sealed.value.body.slice() };
    tampered.body[0]! ^= 1;
    const t = openKempBody(cipher, 'MESSAGE', tampered, 'bye');
    expect(t.ok ? 'opened' : t.error.code).toBe('ENVELOPE_AUTH');
  });

  it('names an unexpected body type, a missing body and malformed plaintext with typed errors', () => {
    const sealed = sealKempBody(cipher, 'REGISTER', { type: 'registered', sessionId: 's' }, { keyId: DEVELOPMENT_KEY_ID, nonce });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const wrong = openKempBody(cipher, 'REGISTER', sealed.value, 'register');
    expect(wrong.ok ? 'opened' : wrong.error.code).toBe('UNKNOWN_TYPE');
    const empty = openKempBody(cipher, 'REGISTER', { body: new Uint8Array() }, 'register');
    expect(empty.ok ? 'opened' : empty.error.code).toBe('MISSING_FIELD');
    const cases: Array<[string, string]> = [
      ['<register><loginId>a</loginId></register>', 'INVALID_FIELD'],
      ['<register><loginId>a</loginId><groupId>g</groupId><enterpriseId>e</enterpriseId></register>', 'INVALID_FIELD'],
      ['<message id="1" from="a" to="b" sent="soon"><body/></message>', 'INVALID_FIELD'],
      ['<message id="1" from="a" sent="1"><body/></message>', 'MISSING_FIELD'],
      ['<subscribe/>', 'UNKNOWN_TYPE'],
      ['<!DOCTYPE x [<!ENTITY a "aaaa">]><bye reason="&a;"/>', 'DOCTYPE_REFUSED'],
      ['<bye reason="x">', 'TRUNCATED'],
    ];
    for (const [xml, code] of cases) {
      const r = decodeKempBody(enc.encode(xml));
      expect([xml, r.ok ? 'decoded' : r.error.code]).toEqual([xml, code]);
    }
    const notUtf8 = decodeKempBody(new Uint8Array([0x3c, 0xff, 0x3e]));
    expect(notUtf8.ok ? 'decoded' : notUtf8.error.code).toBe('BAD_ENCODING');
  });
});

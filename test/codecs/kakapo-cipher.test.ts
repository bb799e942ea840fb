import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCipheriv } from 'node:crypto';
import {
  createEnvelopeCipher,
  DEVELOPMENT_KEY_ID,
  DEVELOPMENT_KEY_RING,
} from '../../src/codecs/kakapo/cipher.ts';
import { base64Decode, base64Encode } from '../../src/codecs/kakapo/base64.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
const nonceArb = fc.uint8Array({ minLength: 12, maxLength: 12 });
const aadArb = fc.constantFrom('GetBranding', 'RequestLicense', 'REGISTER', 'MESSAGE', 'BYE');

function mustSeal(aad: string, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const sealed = cipher.seal({ keyId: DEVELOPMENT_KEY_ID, nonce, aad, plaintext });
  if (!sealed.ok) throw new Error(sealed.error.code);
  return sealed.value;
}

describe('kakapo envelope cipher', () => {
  it('matches an independent AES-256-GCM (node:crypto) with the operation as AAD', () => {
    fc.assert(
      fc.property(nonceArb, aadArb, fc.uint8Array({ maxLength: 300 }), (nonce, aad, plaintext) => {
        const sealed = mustSeal(aad, nonce, plaintext);
        const reference = createCipheriv('aes-256-gcm', DEVELOPMENT_KEY_RING[DEVELOPMENT_KEY_ID]!, nonce);
        reference.setAAD(new TextEncoder().encode(aad));
        const expected = Buffer.concat([reference.update(plaintext), reference.final(), reference.getAuthTag()]);
        expect(Buffer.from(sealed).equals(expected)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('opens what it sealed', () => {
    fc.assert(
      fc.property(nonceArb, aadArb, fc.uint8Array({ maxLength: 300 }), (nonce, aad, plaintext) => {
        const ciphertextWithTag = mustSeal(aad, nonce, plaintext);
        expect(ciphertextWithTag.length).toBe(plaintext.length + 16);
        const opened = cipher.open({ keyId: DEVELOPMENT_KEY_ID, nonce, aad, ciphertextWithTag });
        expect(opened).toEqual({ ok: true, value: plaintext });
      }),
      { numRuns: 50 },
    );
  });

  it('gives ENVELOPE_AUTH when any ciphertext or tag byte is tampered', () => {
    fc.assert(
      fc.property(
        nonceArb,
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (nonce, plaintext, position, flip) => {
          const sealed = mustSeal('GetBranding', nonce, plaintext);
          sealed[position % sealed.length]! ^= flip;
          const opened = cipher.open({ keyId: DEVELOPMENT_KEY_ID, nonce, aad: 'GetBranding', ciphertextWithTag: sealed });
          expect(opened.ok ? 'opened' : opened.error.code).toBe('ENVELOPE_AUTH');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives ENVELOPE_AUTH when opened as another operation, with another nonce or another key', () => {
    const nonce = new Uint8Array(12).fill(7);
    const ciphertextWithTag = mustSeal('GetBranding', nonce, new TextEncoder().encode('<BrandingRequest/>'));
    const attempts = [
      { keyId: DEVELOPMENT_KEY_ID, nonce, aad: 'RequestLicense', ciphertextWithTag },
      { keyId: DEVELOPMENT_KEY_ID, nonce: new Uint8Array(12).fill(8), aad: 'GetBranding', ciphertextWithTag },
      { keyId: 'dev-2026-02', nonce, aad: 'GetBranding', ciphertextWithTag },
      { keyId: DEVELOPMENT_KEY_ID, nonce, aad: 'GetBranding', ciphertextWithTag: ciphertextWithTag.subarray(0, 10) },
    ];
    for (const attempt of attempts) {
      const opened = cipher.open(attempt);
      expect(opened.ok ? 'opened' : opened.error.code).toBe('ENVELOPE_AUTH');
      if (!opened.ok) expect(opened.error.message).not.toContain('BrandingRequest');
    }
  });

  it('names an unknown key id, a wrong-size nonce and a bad key apart from ENVELOPE_AUTH', () => {
    const what = (r: { ok: boolean; error?: { code: string; detail?: { field?: string } } }) =>
      r.ok ? 'ok' : `${r.error?.code}:${r.error?.detail?.field}`;
    expect(what(cipher.seal({ keyId: 'prod-1', nonce: new Uint8Array(12), aad: 'PING', plaintext: new Uint8Array() }))).toBe(
      'UNKNOWN_KEY:keyId',
    );
    expect(
      what(cipher.open({ keyId: '__proto__', nonce: new Uint8Array(12), aad: 'PING', ciphertextWithTag: new Uint8Array(16) })),
    ).toBe('UNKNOWN_KEY:keyId');
    expect(what(cipher.seal({ keyId: DEVELOPMENT_KEY_ID, nonce: new Uint8Array(8), aad: 'PING', plaintext: new Uint8Array() }))).toBe(
      'INVALID_FIELD:nonce',
    );
    const badKeyRing = createEnvelopeCipher({ k: new Uint8Array(16) });
    expect(what(badKeyRing.seal({ keyId: 'k', nonce: new Uint8Array(12), aad: 'PING', plaintext: new Uint8Array() }))).toBe(
      'INVALID_FIELD:key',
    );
  });
});

describe('base64 (platform-neutral)', () => {
  it('agrees with node Buffer both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64Decode(text)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses text that is not canonical padded base64', () => {
    for (const bad of ['A', 'AB=', 'A===', 'AB=C', 'AB C', 'QR==', 'QUJ=', '****', 'QUJD\n']) {
      expect(base64Decode(bad)).toBeNull();
    }
  });
});

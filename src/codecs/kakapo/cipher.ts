// The Kakapo envelope cipher (kakapo.md §1): AES-256-GCM, 12-byte nonce, 16-byte tag, key named by
// a keyId, AAD = the operation name. This is the one seam that a deployment with the real
// (proprietary) cipher replaces. Randomness comes from outside: the caller supplies the nonce.
import { gcm } from '@noble/ciphers/aes.js';
import { hexToBytes } from '@noble/ciphers/utils.js';
import { err, ok, type Result } from '../result.ts';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** keyId → 32-byte AES key. Supplied by configuration (kakapo.md §1). */
export type KeyRing = Readonly<Record<string, Uint8Array>>;

export interface SealInput {
  keyId: string;
  nonce: Uint8Array; // 12 bytes, fresh per message, chosen by the caller
  aad: string; // the operation: GetBranding, RequestLicense or the KEMP method
  plaintext: Uint8Array;
}

export interface OpenInput {
  keyId: string;
  nonce: Uint8Array;
  aad: string;
  ciphertextWithTag: Uint8Array;
}

export interface EnvelopeCipher {
  /** Returns ciphertext || 16-byte tag. */
  seal(input: SealInput): Result<Uint8Array>;
  /** Returns the plaintext; ENVELOPE_AUTH when anything (key, nonce, AAD, a byte) is off. */
  open(input: OpenInput): Result<Uint8Array>;
}

const textEncoder = new TextEncoder();

/**
 * @example
 * const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
 */
export function createEnvelopeCipher(keyRing: KeyRing): EnvelopeCipher {
  const keyFor = (keyId: string): Result<Uint8Array> => {
    // Own-property lookup only: a keyId such as "__proto__" or "toString" is simply unknown.
    const key = Object.prototype.hasOwnProperty.call(keyRing, keyId) ? keyRing[keyId] : undefined;
    // The keyId is not secret (it travels in clear in k:KeyId / Key-Id), but keep it short in messages.
    if (key === undefined) return err('UNKNOWN_KEY', `unknown key id "${keyId.slice(0, 64)}"`, { field: 'keyId' });
    if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES)
      return err('INVALID_FIELD', `key "${keyId.slice(0, 64)}" is not ${KEY_BYTES} bytes`, { field: 'key' });
    return ok(key);
  };
  const checkNonce = (nonce: Uint8Array): Result<Uint8Array> =>
    nonce instanceof Uint8Array && nonce.length === NONCE_BYTES
      ? ok(nonce)
      : err('INVALID_FIELD', `nonce must be ${NONCE_BYTES} bytes`, { field: 'nonce', limit: NONCE_BYTES });

  return {
    seal({ keyId, nonce, aad, plaintext }) {
      const key = keyFor(keyId);
      if (!key.ok) return key;
      const n = checkNonce(nonce);
      if (!n.ok) return n;
      return ok(gcm(key.value, nonce, textEncoder.encode(aad)).encrypt(plaintext));
    },
    open({ keyId, nonce, aad, ciphertextWithTag }) {
      const key = keyFor(keyId);
      if (!key.ok) return key;
      const n = checkNonce(nonce);
      if (!n.ok) return n;
      if (ciphertextWithTag.length < TAG_BYTES) return err('ENVELOPE_AUTH', 'envelope shorter than its tag');
      try {
        return ok(gcm(key.value, nonce, textEncoder.encode(aad)).decrypt(ciphertextWithTag));
      } catch {
        // kakapo.md §1: a document that fails to decrypt is a typed error; its bytes are never shown.
        return err('ENVELOPE_AUTH', 'envelope failed authentication (wrong key, nonce, operation or tampered bytes)');
      }
    },
  };
}

/**
 * DEVELOPMENT KEY RING — for the lab, the demo and the tests ONLY. NEVER use it in production:
 * these keys are public (they are in this source file). kakapo.md §1: "The lab and the demo use a
 * documented development key ring; a production key is never committed."
 */
export const DEVELOPMENT_KEY_ID = 'dev-2026-01';
export const DEVELOPMENT_KEY_RING: KeyRing = Object.freeze({
  [DEVELOPMENT_KEY_ID]: hexToBytes('6b616b61706f2d6465762d6b65792d312d6e6f742d666f722d70726f64212121'),
  'dev-2026-02': hexToBytes('6b616b61706f2d6465762d6b65792d322d6e6f742d666f722d70726f64212121'),
});

// SASL SCRAM-SHA-1 client (RFC 5802), without channel binding (gs2 header "n,,"). PBKDF2 and HMAC
// run in Node's native crypto (xmpp.md step 3). The client nonce comes from the caller, so the
// engine holds no randomness of its own; the server's signature is verified (mutual auth, §3).
import { createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { saslprep } from './saslprep.ts';

const GS2_HEADER = 'n,,';
/** A bound on the server-chosen PBKDF2 cost, so a hostile server cannot stall the client. */
export const MAX_SCRAM_ITERATIONS = 1_000_000;

export type ScramError =
  | 'malformed-server-first'
  | 'nonce-mismatch'
  | 'iteration-count-out-of-range'
  | 'malformed-server-final'
  | 'server-error'
  | 'server-signature-mismatch';

export class ScramFailure extends Error {
  constructor(readonly code: ScramError, message: string) {
    super(message);
    this.name = 'ScramFailure';
  }
}

/** RFC 5802 §5.1: `=` and `,` in the user name are escaped as =3D and =2C. */
function saslName(username: string): string {
  return saslprep(username).replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) continue;
    attributes.set(part.slice(0, 1), part.slice(2));
  }
  return attributes;
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha1', key).update(data, 'utf8').digest();
}

export interface ScramClientFirst {
  /** The message to send in <auth/> (before base64). */
  message: string;
  /**
   * Answer the server-first message: the client-final message and the expected server signature.
   * PBKDF2 runs on libuv's thread pool, so many logins at once do not stall the event loop.
   */
  respond(serverFirst: string, password: string): Promise<ScramClientFinal>;
}

export interface ScramClientFinal {
  message: string;
  /** Check the server-final message (`v=...`); throws ScramFailure when the server is not verified. */
  verify(serverFinal: string): void;
}

/** RFC 5802 §3: start an exchange with a printable client nonce (no comma). */
export function scramSha1Start(username: string, clientNonce: string): ScramClientFirst {
  if (clientNonce.length === 0 || clientNonce.includes(',')) throw new Error('the SCRAM client nonce must be printable and have no comma');
  const firstBare = `n=${saslName(username)},r=${clientNonce}`;
  return {
    message: GS2_HEADER + firstBare,
    async respond(serverFirst: string, password: string): Promise<ScramClientFinal> {
      const attributes = parseAttributes(serverFirst);
      const nonce = attributes.get('r');
      const saltB64 = attributes.get('s');
      const iterationsText = attributes.get('i');
      if (attributes.has('m') || nonce === undefined || saltB64 === undefined || iterationsText === undefined) {
        throw new ScramFailure('malformed-server-first', 'the SCRAM server-first message is malformed');
      }
      // §5.1: the server's nonce must start with ours, or someone replays another exchange.
      if (!nonce.startsWith(clientNonce) || nonce.length === clientNonce.length) {
        throw new ScramFailure('nonce-mismatch', 'the SCRAM server nonce does not extend the client nonce');
      }
      const iterations = /^[1-9][0-9]{0,9}$/.test(iterationsText) ? Number(iterationsText) : Number.NaN;
      if (!(iterations >= 1 && iterations <= MAX_SCRAM_ITERATIONS)) {
        throw new ScramFailure('iteration-count-out-of-range', `the SCRAM iteration count is out of range`);
      }
      const salt = Buffer.from(saltB64, 'base64');
      const normalized = saslprep(password);
      const saltedPassword = await new Promise<Buffer>((resolve, reject) =>
        pbkdf2(normalized, salt, iterations, 20, 'sha1', (error, key) => (error ? reject(error) : resolve(key))),
      );
      const clientKey = hmac(saltedPassword, 'Client Key');
      const storedKey = createHash('sha1').update(clientKey).digest();
      const finalWithoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
      const authMessage = `${firstBare},${serverFirst},${finalWithoutProof}`;
      const clientSignature = hmac(storedKey, authMessage);
      const proof = Buffer.alloc(clientKey.length);
      for (let i = 0; i < proof.length; i++) proof[i] = (clientKey[i] ?? 0) ^ (clientSignature[i] ?? 0);
      const serverSignature = hmac(hmac(saltedPassword, 'Server Key'), authMessage);
      return {
        message: `${finalWithoutProof},p=${proof.toString('base64')}`,
        verify(serverFinal: string): void {
          const final = parseAttributes(serverFinal);
          const error = final.get('e');
          if (error !== undefined) throw new ScramFailure('server-error', `the SCRAM server reported: ${error}`);
          const v = final.get('v');
          if (v === undefined) throw new ScramFailure('malformed-server-final', 'the SCRAM server-final message has no signature');
          const received = Buffer.from(v, 'base64');
          if (received.length !== serverSignature.length || !timingSafeEqual(received, serverSignature)) {
            throw new ScramFailure('server-signature-mismatch', 'the SCRAM server signature does not match');
          }
        },
      };
    },
  };
}

// SASL SCRAM client (RFC 5802) for SCRAM-SHA-1, SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-512, with or
// without channel binding (the -PLUS variants, RFC 5802 §6). PBKDF2 and HMAC run in Node's native
// crypto, on libuv's thread pool. The client nonce comes from the caller, so the engine holds no
// randomness of its own; the server's signature is verified (mutual authentication, RFC 5802 §3).
import { createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import type { TlsChannelBindingType } from '../../effects/tls-channel-binding.ts';
import { saslprep } from './saslprep.ts';

export type ScramHash = 'SHA-1' | 'SHA-256' | 'SHA-512';

const NODE_HASH: Record<ScramHash, { name: string; bytes: number }> = {
  'SHA-1': { name: 'sha1', bytes: 20 },
  'SHA-256': { name: 'sha256', bytes: 32 },
  'SHA-512': { name: 'sha512', bytes: 64 },
};

/**
 * The GS2 channel-binding flag (RFC 5802 §7 gs2-cbind-flag):
 * - `n`: this client does not support channel binding (or not on this connection);
 * - `y`: it does, but believes the server does not (no -PLUS offered): a server that does support
 *   it then knows the offer was stripped and fails the login (downgrade protection, RFC 5802 §6);
 * - `p`: it binds to the connection with `type`, whose `data` goes into the client-final message.
 */
export type ScramChannelBinding = { flag: 'n' } | { flag: 'y' } | { flag: 'p'; type: TlsChannelBindingType; data: Uint8Array };

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
  constructor(
    readonly code: ScramError,
    message: string,
  ) {
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

/** RFC 5802 §7 gs2-header; no authzid (the login acts as itself). */
function gs2Header(binding: ScramChannelBinding): string {
  return binding.flag === 'p' ? `p=${binding.type},,` : `${binding.flag},,`;
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

export interface ScramStartOptions {
  hash: ScramHash;
  username: string;
  /** Printable, without a comma (RFC 5802 §7 `nonce`). */
  clientNonce: string;
  /** Default `{ flag: 'n' }`. */
  channelBinding?: ScramChannelBinding;
}

/**
 * RFC 5802 §3: start an exchange.
 *
 * @example
 * const first = scramStart({ hash: 'SHA-256', username: 'user', clientNonce: 'rOprNGfwEbeRWgbNEkqO' });
 * first.message; // 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO'
 * const final = await first.respond(serverFirst, 'pencil'); // final.message = 'c=biws,r=…,p=…'
 * final.verify(serverFinal); // throws ScramFailure unless the server knew the password
 */
export function scramStart(options: ScramStartOptions): ScramClientFirst {
  const { clientNonce } = options;
  if (clientNonce.length === 0 || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) {
    throw new Error('the SCRAM client nonce must be printable and have no comma');
  }
  const hash = NODE_HASH[options.hash];
  const binding = options.channelBinding ?? { flag: 'n' };
  const header = gs2Header(binding);
  const firstBare = `n=${saslName(options.username)},r=${clientNonce}`;
  const hmac = (key: Buffer, data: string): Buffer => createHmac(hash.name, key).update(data, 'utf8').digest();
  return {
    message: header + firstBare,
    async respond(serverFirst: string, password: string): Promise<ScramClientFinal> {
      const attributes = parseAttributes(serverFirst);
      const nonce = attributes.get('r');
      const saltB64 = attributes.get('s');
      const iterationsText = attributes.get('i');
      // RFC 5802 §5.1: a mandatory extension (m=) this client does not know fails the exchange.
      if (attributes.has('m') || nonce === undefined || saltB64 === undefined || iterationsText === undefined) {
        throw new ScramFailure('malformed-server-first', 'the SCRAM server-first message is malformed');
      }
      // RFC 5802 §5.1: the server's nonce must start with ours, or someone replays another exchange.
      if (!nonce.startsWith(clientNonce) || nonce.length === clientNonce.length) {
        throw new ScramFailure('nonce-mismatch', 'the SCRAM server nonce does not extend the client nonce');
      }
      const iterations = /^[1-9][0-9]{0,9}$/.test(iterationsText) ? Number(iterationsText) : Number.NaN;
      if (!(iterations >= 1 && iterations <= MAX_SCRAM_ITERATIONS)) {
        throw new ScramFailure('iteration-count-out-of-range', 'the SCRAM iteration count is out of range');
      }
      const salt = Buffer.from(saltB64, 'base64');
      const normalized = saslprep(password);
      const saltedPassword = await new Promise<Buffer>((resolve, reject) =>
        pbkdf2(normalized, salt, iterations, hash.bytes, hash.name, (error, key) => (error ? reject(error) : resolve(key))),
      );
      const clientKey = hmac(saltedPassword, 'Client Key');
      const storedKey = createHash(hash.name).update(clientKey).digest();
      // RFC 5802 §7 channel-binding: base64 of the GS2 header, followed by the binding data for `p`.
      const cbindInput = binding.flag === 'p' ? Buffer.concat([Buffer.from(header), Buffer.from(binding.data)]) : Buffer.from(header);
      const finalWithoutProof = `c=${cbindInput.toString('base64')},r=${nonce}`;
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
          if (error !== undefined) throw new ScramFailure('server-error', `the SCRAM server reported: ${error.slice(0, 100)}`);
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

/**
 * SCRAM-SHA-1 without channel binding (gs2 header `n,,`), as RFC 5802 §5 shows it.
 *
 * @example
 * scramSha1Start('user', 'fyko+d2lbbFgONRv9qkxdawL').message; // 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL'
 */
export function scramSha1Start(username: string, clientNonce: string): ScramClientFirst {
  return scramStart({ hash: 'SHA-1', username, clientNonce });
}

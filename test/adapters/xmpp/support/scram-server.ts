// A hand-written SCRAM server side (RFC 5802 §5, §6, §7) for the mechanisms and channel bindings
// the installed Prosody 0.12 cannot offer (SCRAM-SHA-512, -PLUS with every binding type from a
// server that also supports SHA-512). Written from the RFC with node:crypto, independently of the
// client's src/adapters/xmpp/scram.ts; the binding data comes from the server's own TLS socket.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { ScriptIo, ScriptStep } from './scripted-server.ts';

const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;

export interface ScramServerOptions {
  username: string;
  password: string;
  /** The binding types this server supports; empty: it does not support channel binding. */
  bindings: Array<'tls-unique' | 'tls-exporter' | 'tls-server-end-point'>;
  /** The server certificate (for tls-server-end-point; the lab's is ecdsa-with-SHA256 → SHA-256). */
  certPem: string;
  iterations?: number;
  /** Called with what the server saw, for assertions. */
  seen?: (facts: { mechanism: string; gs2Header: string; result: 'success' | string }) => void;
}

/** The binding data of `type`, as the server computes it from its side of the connection. */
function serverBinding(socket: TLSSocket, type: string, certPem: string): Buffer | null {
  switch (type) {
    case 'tls-unique':
      // RFC 5929 §3.1: the first Finished of a full handshake is the client's (the server's peer).
      return socket.getProtocol() === 'TLSv1.3' ? null : (socket.getPeerFinished() ?? null);
    case 'tls-exporter':
      return socket.getProtocol() === 'TLSv1.3' ? socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0)) : null;
    case 'tls-server-end-point':
      return createHash('sha256').update(new X509Certificate(certPem).raw).digest();
    default:
      return null;
  }
}

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const failure = (condition: string, text?: string): string =>
  `<failure xmlns='${SASL}'><${condition}/>${text ? `<text>${text}</text>` : ''}</failure>`;

/** Steps answering <auth/> and the client-final <response/>, for a scripted server after STARTTLS. */
export function scramServerSteps(options: ScramServerOptions): ScriptStep[] {
  let state: { hash: string; firstBare: string; serverFirst: string; gs2Header: string; cbType: string | null; nonce: string; salted: Buffer; mechanism: string } | null = null;
  const iterations = options.iterations ?? 4096;
  const fail = (io: ScriptIo, mechanism: string, gs2Header: string, condition: string, text?: string): void => {
    options.seen?.({ mechanism, gs2Header, result: condition });
    io.write(failure(condition, text));
  };
  return [
    {
      when: /<auth[^>]*mechanism=["']([A-Z0-9-]+)["'][^>]*>([^<]*)<\/auth>/,
      reply: (m, io) => {
        const mechanism = m[1] ?? '';
        const parsed = /^SCRAM-(SHA-1|SHA-256|SHA-512)(-PLUS)?$/.exec(mechanism);
        const clientFirst = Buffer.from(m[2] ?? '', 'base64').toString('utf8');
        // RFC 5802 §7: gs2-header = gs2-cbind-flag "," [ authzid ] ","
        const header = /^(n|y|p=([A-Za-z0-9.-]+)),(a=[^,]*)?,/.exec(clientFirst);
        if (parsed === null || header === null) return fail(io, mechanism, '', 'malformed-request');
        const gs2Header = header[0];
        const flag = header[1]!.charAt(0);
        const plus = parsed[2] !== undefined;
        const canBind = options.bindings.length > 0;
        // RFC 5802 §6: -PLUS needs "p"; "p" needs -PLUS; "y" to a server that binds is a downgrade.
        if (plus !== (flag === 'p')) return fail(io, mechanism, gs2Header, 'malformed-request', 'GS2 flag does not match the mechanism');
        if (flag === 'y' && canBind) return fail(io, mechanism, gs2Header, 'malformed-request', 'server supports channel binding');
        const cbType = flag === 'p' ? (header[2] ?? '') : null;
        if (cbType !== null && !options.bindings.includes(cbType as never)) return fail(io, mechanism, gs2Header, 'malformed-request', 'unsupported channel binding type');
        const firstBare = clientFirst.slice(gs2Header.length);
        const bare = /^n=([^,]*),r=([^,]+)/.exec(firstBare);
        if (bare === null || bare[1] !== options.username) return fail(io, mechanism, gs2Header, 'not-authorized');
        const hash = HASHES[parsed[1] as keyof typeof HASHES];
        const salt = randomBytes(16);
        const nonce = `${bare[2]}${randomBytes(12).toString('base64url')}`;
        const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`;
        const salted = pbkdf2Sync(options.password, salt, iterations, createHash(hash).digest().length, hash);
        state = { hash, firstBare, serverFirst, gs2Header, cbType, nonce, salted, mechanism };
        io.write(`<challenge xmlns='${SASL}'>${b64(serverFirst)}</challenge>`);
      },
    },
    {
      when: /<response[^>]*>([^<]*)<\/response>/,
      reply: (m, io) => {
        if (state === null) return;
        const { hash, salted, mechanism, gs2Header } = state;
        const clientFinal = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
        const parts = /^c=([^,]*),r=([^,]*)(,.*)?,p=([^,]*)$/.exec(clientFinal);
        if (parts === null) return fail(io, mechanism, gs2Header, 'malformed-request');
        let expected = Buffer.from(gs2Header);
        if (state.cbType !== null) {
          const socket = io.tls();
          const data = socket === null ? null : serverBinding(socket, state.cbType, options.certPem);
          if (data === null) return fail(io, mechanism, gs2Header, 'malformed-request', 'no such binding on this connection');
          expected = Buffer.concat([expected, data]);
        }
        if (!Buffer.from(parts[1] ?? '', 'base64').equals(expected)) return fail(io, mechanism, gs2Header, 'malformed-request', 'Invalid channel binding value.');
        if (parts[2] !== state.nonce) return fail(io, mechanism, gs2Header, 'malformed-request', 'Wrong nonce');
        const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
        const authMessage = `${state.firstBare},${state.serverFirst},${withoutProof}`;
        const clientKey = createHmac(hash, salted).update('Client Key').digest();
        const storedKey = createHash(hash).update(clientKey).digest();
        const signature = createHmac(hash, storedKey).update(authMessage).digest();
        const proof = Buffer.from(parts[4] ?? '', 'base64');
        const recovered = Buffer.from(signature.map((b, i) => b ^ (proof[i] ?? 0)));
        if (proof.length !== signature.length || !timingSafeEqual(createHash(hash).update(recovered).digest(), storedKey)) {
          return fail(io, mechanism, gs2Header, 'not-authorized');
        }
        const serverSignature = createHmac(hash, createHmac(hash, salted).update('Server Key').digest()).update(authMessage).digest();
        options.seen?.({ mechanism, gs2Header, result: 'success' });
        io.write(`<success xmlns='${SASL}'>${b64(`v=${serverSignature.toString('base64')}`)}</success>`);
      },
    },
  ];
}

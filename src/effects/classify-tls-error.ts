// Maps an error raised while a TLS handshake is in progress to a NetFailure kind.
// Codes observed from Node 20 / OpenSSL 3 against loopback servers (test/effects/tls-upgrade.test.ts).
import type { TlsVersion } from '../machines/protocol-selection/types.ts';
import { messages, type Where } from './failure-messages.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import { nodeErrorFacts } from './node-error.ts';

export interface HandshakeContext extends Where {
  servername: string;
  version: TlsVersion | undefined;
}

// The peer refuses our protocol version, or we refuse its (seed §4.1: the version is pinned).
const VERSION_CODES = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_VERSION_TOO_HIGH',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK',
]);
// The local TLS library refuses an obsolete version unless explicitly allowed (RFC 8996).
const OBSOLETE_CODES = new Set(['ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED', 'ERR_SSL_NO_CIPHERS_AVAILABLE']);
const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_CHAIN_TOO_LONG',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
]);
const EXPIRED_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
// Node reports a peer that closes (FIN or RST) before the handshake ends as ECONNRESET.
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED']);

const isObsolete = (version: TlsVersion | undefined): boolean => version === 'TLSv1' || version === 'TLSv1.1';

export function classifyTlsHandshakeError(error: unknown, ctx: HandshakeContext): NetFailure {
  const { code, message, reason } = nodeErrorFacts(error);
  const detail = reason ?? message.split('\n')[0] ?? 'unknown';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return netFailure('tls-certificate-name', ctx, messages.certificateName(ctx, ctx.servername, reason), code);
  }
  if (code !== undefined && EXPIRED_CODES.has(code)) {
    return netFailure('tls-certificate-expired', ctx, messages.certificateExpired(ctx, code), code);
  }
  if (code !== undefined && UNTRUSTED_CODES.has(code)) {
    return netFailure('tls-certificate-untrusted', ctx, messages.certificateUntrusted(ctx, code), code);
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    // Documented choice: a plain server answering our ClientHello in plain text looks, to OpenSSL,
    // like a record of an unknown version. Reported as tls-version, the message names both causes.
    return netFailure('tls-version', ctx, messages.tlsNotTls(ctx, ctx.version), code);
  }
  if (code !== undefined && VERSION_CODES.has(code)) {
    return netFailure('tls-version', ctx, messages.tlsVersionRefused(ctx, ctx.version, detail), code);
  }
  if (code !== undefined && OBSOLETE_CODES.has(code) && isObsolete(ctx.version)) {
    return netFailure('tls-version', ctx, messages.tlsObsoleteRefused(ctx, ctx.version, detail), code);
  }
  if (code !== undefined && CLOSED_CODES.has(code)) {
    return netFailure('tls-handshake-closed', ctx, messages.handshakeClosed(ctx, ctx.version), code);
  }
  return netFailure('tls-alert', ctx, messages.tlsAlert(ctx, detail), code ?? detail);
}

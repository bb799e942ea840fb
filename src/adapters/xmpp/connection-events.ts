// Translating what the XMPP engine and the effects report into the connection machine's vocabulary
// (src/machines/connection/contract.ts). Messages name hosts and conditions, never credentials.
import { isNetFailure, type NetFailure } from '../../effects/net-failure.ts';
import type { TlsFailure, TransportFailure, TransportFailureKind } from '../../machines/connection/contract.ts';
import { XmppFailure, type XmppStreamEnd } from './failure.ts';

const TRANSPORT_KIND: Partial<Record<NetFailure['kind'], TransportFailureKind>> = {
  dns: 'unreachable',
  refused: 'refused',
  timeout: 'timeout',
  reset: 'reset',
  closed: 'peer-closed',
  'tls-expected': 'tls-required',
};

export function transportFailureOf(error: unknown): TransportFailure {
  if (isNetFailure(error)) return { kind: TRANSPORT_KIND[error.kind] ?? 'peer-closed', message: error.message };
  if (error instanceof XmppFailure) {
    if (error.code === 'step-timeout' || error.code === 'ping-timeout') return { kind: 'timeout', message: error.message };
    if (error.end !== undefined) return transportFailureOfEnd(error.end);
    return { kind: 'peer-closed', message: error.message };
  }
  return { kind: 'peer-closed', message: 'the XMPP connection failed' };
}

export function transportFailureOfEnd(end: XmppStreamEnd): TransportFailure {
  switch (end.reason) {
    case 'socket-error':
      return isNetFailure(end.cause) ? transportFailureOf(end.cause) : { kind: 'reset', message: 'the XMPP connection broke' };
    case 'ping-timeout':
      return { kind: 'timeout', message: 'the XMPP server did not answer a ping (XEP-0199); the link is dead' };
    case 'stream-error':
      return { kind: 'peer-closed', message: end.message };
    case 'protocol-error':
      return { kind: 'peer-closed', message: `the XMPP stream was broken: ${end.detail}` };
    case 'socket-closed':
      return { kind: 'peer-closed', message: 'the XMPP server closed the connection' };
    case 'client-close':
      return { kind: 'peer-closed', message: 'the XMPP connection was closed' };
  }
}

/** seed §5.2 causes: wrong certificate host, untrusted certificate, wrong protocol version. */
export function tlsFailureOf(error: unknown): TlsFailure {
  const cause = error instanceof XmppFailure ? error.cause : error;
  const message = error instanceof Error ? error.message : isNetFailure(error) ? error.message : 'the TLS upgrade failed';
  if (isNetFailure(cause)) {
    switch (cause.kind) {
      case 'tls-version':
        return { cause: 'version-refused', message };
      case 'tls-certificate-name':
        return { cause: 'certificate-name-mismatch', message };
      case 'tls-certificate-untrusted':
      case 'tls-certificate-expired':
        return { cause: 'certificate-untrusted', message };
      default:
        return { cause: 'handshake-closed', message };
    }
  }
  // No STARTTLS offered or refused: the connection cannot be secured (xmpp.md step 2).
  return { cause: 'handshake-closed', message };
}

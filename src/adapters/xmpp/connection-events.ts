// Translating what the XMPP engine and the effects report into the connection machine's vocabulary
// (src/machines/connection/contract.ts). Effect failures go through the one transport and TLS tables
// every protocol uses (../shared); only XMPP's own stream ends are read here. Messages name hosts
// and conditions, never credentials.
import { isNetFailure } from '../../effects/net-failure.ts';
import type { TlsFailure, TransportFailure } from '../../machines/connection/contract.ts';
import { netTlsFailure } from '../shared/tls-failure.ts';
import { netTransportFailure } from '../shared/transport-failure.ts';
import { XmppFailure, type XmppStreamEnd } from './failure.ts';

export function transportFailureOf(error: unknown): TransportFailure {
  if (isNetFailure(error)) return netTransportFailure(error);
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
  if (isNetFailure(cause)) return netTlsFailure(cause);
  // No STARTTLS offered or refused: the connection cannot be secured (xmpp.md step 2).
  return { cause: 'handshake-closed', message: error instanceof Error ? error.message : 'the TLS upgrade failed' };
}

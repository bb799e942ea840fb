// NetFailure (effects) → the connection machine's TransportFailure (contract.ts). One table, so
// every effect failure has exactly one meaning whichever link or driver reports it.
import type { ByteSocketInfo } from '../../effects/byte-socket.ts';
import { isNetFailure, type NetFailure, type NetFailureKind } from '../../effects/net-failure.ts';
import type { TransportFailure, TransportFailureKind } from '../../machines/connection/contract.ts';

const TRANSPORT_KIND: Record<NetFailureKind, TransportFailureKind> = {
  refused: 'refused',
  timeout: 'timeout',
  dns: 'unreachable',
  reset: 'reset',
  closed: 'peer-closed',
  // seed §5.2: a TLS-only server answered the plain connection with TLS records.
  'tls-expected': 'tls-required',
  'tls-version': 'reset',
  'tls-certificate-name': 'reset',
  'tls-certificate-untrusted': 'reset',
  'tls-certificate-expired': 'reset',
  'tls-handshake-closed': 'peer-closed',
  'tls-alert': 'reset',
  http: 'reset',
};

/** A failure of a TCP connect or of an established socket. */
export function netTransportFailure(failure: NetFailure): TransportFailure {
  return { kind: TRANSPORT_KIND[failure.kind], message: failure.message };
}

/** A socket error as a NetFailure (effects always give one; anything else is read as a reset). */
export function failureOfSocketError(error: unknown, where: Pick<ByteSocketInfo, 'host' | 'port'>): NetFailure {
  return isNetFailure(error) ? error : { kind: 'reset', message: `the connection to ${where.host}:${where.port} broke`, host: where.host, port: where.port };
}

// NetFailure (effects) → the connection machine's TransportFailure / TlsFailure. One table per
// target, so every effect failure has exactly one meaning.
import type { NetFailure, NetFailureKind } from '../../effects/net-failure.ts';
import type { TlsFailure, TlsFailureCause } from '../../machines/connection/contract.ts';

/** A failure of a TCP connect or of an established socket: the one table in ../shared. */
export { netTransportFailure as transportFailureOf } from '../shared/transport-failure.ts';

const TLS_CAUSE: Partial<Record<NetFailureKind, TlsFailureCause>> = {
  'tls-version': 'version-refused',
  'tls-alert': 'version-refused', // seed §4.1: the server closes the connection if the wrong protocol is used
  'tls-certificate-name': 'certificate-name-mismatch',
  'tls-certificate-untrusted': 'certificate-untrusted',
  'tls-certificate-expired': 'certificate-untrusted',
  'tls-handshake-closed': 'handshake-closed',
  closed: 'handshake-closed',
  reset: 'handshake-closed',
  timeout: 'handshake-closed',
};

/** A failure of the TLS upgrade: a TLS cause, or (a plain failure mid-handshake) the socket broke. */
export function tlsFailureOf(failure: NetFailure): { type: 'TLS.FAILED'; failure: TlsFailure } {
  const cause = TLS_CAUSE[failure.kind] ?? 'handshake-closed';
  return { type: 'TLS.FAILED', failure: { cause, message: failure.message } };
}

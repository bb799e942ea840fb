// NetFailure (effects) of a TLS upgrade → the connection machine's TlsFailure (contract.ts). One
// table for every protocol (OCI, CTI, IM&P, XMPP's STARTTLS), so the same TLS failure gets the same
// cause, and so the same advice, whichever connection met it.
import type { NetFailure, NetFailureKind } from '../../effects/net-failure.ts';
import type { TlsFailure, TlsFailureCause } from '../../machines/connection/contract.ts';

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

/** A failed TLS upgrade: its cause, or (a plain failure mid-handshake) the handshake broke off. */
export function netTlsFailure(failure: NetFailure): TlsFailure {
  return { cause: TLS_CAUSE[failure.kind] ?? 'handshake-closed', message: failure.message };
}

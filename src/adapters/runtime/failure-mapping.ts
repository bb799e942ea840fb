// NetFailure (effects) → the connection machine's TransportFailure / TlsFailure: the one table of
// each, in ../shared, used by every driver (XMPP included).
import type { NetFailure } from '../../effects/net-failure.ts';
import type { TlsFailure } from '../../machines/connection/contract.ts';
import { netTlsFailure } from '../shared/tls-failure.ts';

/** A failure of a TCP connect or of an established socket: the one table in ../shared. */
export { netTransportFailure as transportFailureOf } from '../shared/transport-failure.ts';

/** A failure of the TLS upgrade: a TLS cause, or (a plain failure mid-handshake) the socket broke. */
export function tlsFailureOf(failure: NetFailure): { type: 'TLS.FAILED'; failure: TlsFailure } {
  return { type: 'TLS.FAILED', failure: netTlsFailure(failure) };
}

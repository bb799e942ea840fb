// How a link's socket stream ended, and how that is told to the connection machine (contract.ts
// TransportFailure). Shared by the CTI, KEMP, OCI and CAP links.
import type { CodecError } from '../../codecs/errors.ts';
import type { ByteSocketInfo } from '../../effects/byte-socket.ts';
import type { NetFailure } from '../../effects/net-failure.ts';
import type { TransportFailure } from '../../machines/connection/contract.ts';
import { netTransportFailure } from './transport-failure.ts';
import { badAnswerKindOf } from './bad-answer-kind.ts';

export type LinkEnd =
  | { readonly reason: 'peer-closed' }
  | { readonly reason: 'failed'; readonly failure: NetFailure }
  /** The inbound bytes can no longer be split into messages: the connection is unusable. */
  | { readonly reason: 'unframeable'; readonly error: CodecError }
  | { readonly reason: 'local' };

/** How the messages name the peer and what it sent, e.g. `{ server: 'the CTI server', unframed: 'bytes' }`. */
export interface LinkEndWording {
  readonly server: string;
  readonly unframed: string;
}

/** Why a request still waiting for its answer failed when the stream ended (`service`: 'CTI', 'OCI', …). */
export function unansweredAtEnd(end: LinkEnd | null, service: string): { readonly kind: 'closed'; readonly message: string; readonly failure?: NetFailure } {
  if (end?.reason === 'failed') return { kind: 'closed', message: end.failure.message, failure: end.failure };
  return { kind: 'closed', message: end?.reason === 'local' ? `the ${service} connection was closed` : `the ${service} server closed the connection before answering` };
}

export function transportFailureOfEnd(end: LinkEnd, where: Pick<ByteSocketInfo, 'host' | 'port'>, wording: LinkEndWording): TransportFailure {
  const at = `${where.host}:${where.port}`;
  switch (end.reason) {
    case 'failed':
      return netTransportFailure(end.failure);
    case 'unframeable':
      return {
        kind: badAnswerKindOf(end.error.code),
        message: `${wording.server} at ${at} sent ${wording.unframed} the client cannot frame (${end.error.code}); the connection was closed`,
      };
    case 'peer-closed':
    case 'local':
      return { kind: 'peer-closed', message: `${wording.server} at ${at} closed the connection` };
  }
}

// How a link's socket ended, and how that is told to the connection machine (contract.ts
// TransportFailureKind). Shared by the CTI and KEMP links.
import type { ByteSocketInfo } from '../../effects/byte-socket.ts';
import { isNetFailure, type NetFailure, type NetFailureKind } from '../../effects/net-failure.ts';
import type { TransportFailure, TransportFailureKind } from '../../machines/connection/contract.ts';

export type LinkEnd =
  | { readonly reason: 'peer-closed' }
  | { readonly reason: 'failed'; readonly failure: NetFailure }
  /** The inbound bytes can no longer be split into messages: the connection is unusable. */
  | { readonly reason: 'unframeable'; readonly code: string }
  | { readonly reason: 'local' };

const BY_NET_KIND: Partial<Record<NetFailureKind, TransportFailureKind>> = {
  refused: 'refused',
  timeout: 'timeout',
  dns: 'unreachable',
  reset: 'reset',
  closed: 'peer-closed',
  'tls-expected': 'tls-required',
};

/** A socket error as a NetFailure (effects always give one; anything else is read as a reset). */
export function failureOfSocketError(error: unknown, where: Pick<ByteSocketInfo, 'host' | 'port'>): NetFailure {
  return isNetFailure(error) ? error : { kind: 'reset', message: `the connection to ${where.host}:${where.port} broke`, host: where.host, port: where.port };
}

export function transportFailureOf(end: LinkEnd, where: Pick<ByteSocketInfo, 'host' | 'port'>, service: string): TransportFailure {
  const at = `${where.host}:${where.port}`;
  switch (end.reason) {
    case 'failed':
      return { kind: BY_NET_KIND[end.failure.kind] ?? 'reset', message: end.failure.message };
    case 'unframeable':
      return { kind: 'reset', message: `the ${service} server at ${at} sent bytes the client cannot frame (${end.code}); the connection was closed` };
    case 'peer-closed':
    case 'local':
      return { kind: 'peer-closed', message: `the ${service} server at ${at} closed the connection` };
  }
}

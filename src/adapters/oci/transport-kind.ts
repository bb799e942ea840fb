// How a dropped OCS connection is told to the connection machine (contract.ts TransportFailureKind).
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import type { ByteSocketInfo } from '../../effects/byte-socket.ts';
import type { NetFailureKind } from '../../effects/net-failure.ts';
import type { BroadsoftStreamEnd } from './broadsoft-stream.ts';

const BY_NET_KIND: Partial<Record<NetFailureKind, TransportFailureKind>> = {
  refused: 'refused',
  timeout: 'timeout',
  dns: 'unreachable',
  reset: 'reset',
  closed: 'peer-closed',
  'tls-expected': 'tls-required',
};

export function transportKindOf(end: BroadsoftStreamEnd, where: Pick<ByteSocketInfo, 'host' | 'port'>): { kind: TransportFailureKind; message: string } {
  const at = `${where.host}:${where.port}`;
  switch (end.reason) {
    case 'failed':
      return { kind: BY_NET_KIND[end.failure.kind] ?? 'reset', message: end.failure.message };
    case 'unframeable':
      // The stream cannot be split into documents any more: the connection is unusable.
      return { kind: 'reset', message: `the server at ${at} sent a document the client cannot frame (${end.error.code}); the connection was closed` };
    case 'peer-closed':
    case 'local':
      return { kind: 'peer-closed', message: `the server at ${at} closed the connection` };
  }
}

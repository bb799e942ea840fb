// Opens a real connection to the lab's OCS (plain TCP, or TLS with the lab CA) through the project's
// effects, and records every byte the client writes (to prove what went on the wire).
import { firstValueFrom } from 'rxjs';
import { connectTcp, createHostMapResolver, upgradeTls, type ByteSocket } from '../../../../src/effects/index.ts';
import type { Lab } from '../../../../src/lab/index.ts';
import { openBroadsoftStream, type BroadsoftStream } from '../../../../src/adapters/oci/broadsoft-stream.ts';

export interface OcsConnection {
  stream: BroadsoftStream;
  /** Everything the client wrote, decoded as latin1 (OCI default encoding). */
  written(): string;
}

function recording(socket: ByteSocket, sink: Uint8Array[]): ByteSocket {
  return {
    data$: socket.data$,
    info: socket.info,
    write(data) {
      sink.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      socket.write(data);
    },
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  };
}

export async function openOcs(lab: Lab, options: { tls?: boolean; servername?: string } = {}): Promise<OcsConnection> {
  const endpoint = options.tls ? lab.services['oci-tls']! : lab.services['oci']!;
  const resolver = createHostMapResolver(lab.hostMap);
  let socket = await firstValueFrom(connectTcp({ host: endpoint.host, port: endpoint.port, resolver, timeoutMs: 5_000 }));
  if (options.tls) {
    socket = await firstValueFrom(upgradeTls(socket, { servername: options.servername ?? endpoint.host, ca: [lab.caCertPem], timeoutMs: 5_000 }));
  }
  const sink: Uint8Array[] = [];
  const stream = openBroadsoftStream(recording(socket, sink));
  return { stream, written: () => sink.map((b) => Buffer.from(b).toString('latin1')).join('') };
}

export function sequentialIds(prefix = 'test-session'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

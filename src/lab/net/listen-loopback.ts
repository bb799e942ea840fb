// One lab listener on the loopback address: resolves once it listens (a bind error rejects, e.g.
// EADDRINUSE when re-listening on a fixed port); later errors go to `onError`.
import * as net from 'node:net';
import { LAB_LOOPBACK } from './hosts.ts';

export async function listenOnLoopback(
  port: number,
  onConnection: (raw: net.Socket) => void,
  onError?: (error: Error) => void,
): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LAB_LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => onError?.(error));
  return { server, port: (server.address() as net.AddressInfo).port };
}

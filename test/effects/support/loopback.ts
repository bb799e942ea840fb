// Loopback servers for effect tests: 127.0.0.1 only, ephemeral ports, closed after each test.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions, type TLSSocket } from 'node:tls';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { RequestListener } from 'node:http';

export interface LoopbackServer {
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Sockets accepted so far, in order. */
  sockets: Socket[];
  /** The index-th accepted socket, once accepted (0-based). */
  socket: (index: number) => Promise<Socket>;
  close: () => Promise<void>;
}

const opened = new Set<LoopbackServer>();

async function listen(server: Server): Promise<LoopbackServer> {
  const sockets: Socket[] = [];
  const waiting: Array<() => void> = [];
  server.on('connection', (socket: Socket) => {
    sockets.push(socket);
    for (const wake of waiting.splice(0)) wake();
    socket.on('error', () => {}); // a client going away mid-test is not a test failure
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle: LoopbackServer = {
    port: (server.address() as AddressInfo).port,
    connections: () => sockets.length,
    sockets,
    socket: (index) =>
      new Promise<Socket>((resolve) => {
        const check = (): void => {
          const socket = sockets[index];
          if (socket) resolve(socket);
          else waiting.push(check);
        };
        check();
      }),
    close: async () => {
      opened.delete(handle);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  opened.add(handle);
  return handle;
}

export function plainServer(onConnection: (socket: Socket) => void = () => {}): Promise<LoopbackServer> {
  return listen(createServer(onConnection));
}

export function tlsServer(options: TlsOptions, onSecure: (socket: TLSSocket) => void = () => {}): Promise<LoopbackServer> {
  const server = createTlsServer(options, onSecure);
  server.on('tlsClientError', () => {}); // the client refusing us is what many tests provoke
  return listen(server);
}

export function httpsServer(options: ServerOptions, handler: RequestListener): Promise<LoopbackServer> {
  const server = createHttpsServer(options, handler);
  server.on('tlsClientError', () => {});
  return listen(server);
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = await plainServer();
  await server.close();
  return server.port;
}

export async function closeAllServers(): Promise<void> {
  await Promise.all([...opened].map((server) => server.close()));
}

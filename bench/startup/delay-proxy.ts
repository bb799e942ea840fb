// A delaying TCP proxy for the start-up benchmark (issue 5 "Benchmark": "an injected per-hop
// latency"): every byte is held `oneWayDelayMs` in each direction, in order. It forwards raw TCP,
// so TLS passes through untouched and the client still verifies the real server's certificate.
//
// The kernel completes the client's TCP handshake with the proxy at once, so the connect's round
// trip would go missing. With `emulateHandshake` (default) the proxy puts it back: the upstream
// connect starts one delay after accept (the SYN's trip), and the client's first bytes reach the
// server no sooner than 3 × delay after accept (SYN, SYN-ACK, then the data) — what a client that
// waited for its connect to complete would see.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { DelayedPipe } from './delayed-pipe.ts';

export interface DelayProxyOptions {
  target: { host: string; port: number };
  oneWayDelayMs: number;
  emulateHandshake?: boolean;
  /** Default 127.0.0.1. */
  listenHost?: string;
}

export interface DelayProxy {
  readonly host: string;
  readonly port: number;
  readonly target: { host: string; port: number };
  /** Connections accepted so far (proves the client took the proxied path). */
  readonly connections: number;
  /** The one-way delay of connections accepted from now on. */
  oneWayDelayMs: number;
  close(): Promise<void>;
}

export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  let delay = options.oneWayDelayMs;
  const handshake = options.emulateHandshake ?? true;
  const open = new Set<Socket>();
  let connections = 0;

  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    connections++;
    track(client);
    const hop = delay; // a connection keeps the delay it was accepted with
    const upstream = new DelayedPipe(hop, handshake ? performance.now() + 3 * hop : 0);
    const downstream = new DelayedPipe(hop, 0);
    let target: Socket | null = null;
    // A reset on either side resets the other at once (no bytes are owed after an error).
    const reset = (): void => {
      upstream.dispose();
      downstream.dispose();
      client.destroy();
      target?.destroy();
    };
    client.on('data', (chunk: Buffer) => upstream.push(chunk));
    client.on('end', () => upstream.end());
    client.on('close', (hadError) => (hadError ? reset() : upstream.close()));
    client.on('error', reset);
    downstream.attach(client);
    const dial = (): void => {
      if (client.destroyed) return;
      const s = connect({ host: options.target.host, port: options.target.port, allowHalfOpen: true, noDelay: true });
      target = s;
      track(s);
      s.on('data', (chunk: Buffer) => downstream.push(chunk));
      s.on('end', () => downstream.end());
      s.on('close', (hadError) => (hadError ? reset() : downstream.close()));
      s.on('error', reset);
      s.once('connect', () => upstream.attach(s));
    };
    if (handshake) setTimeout(dial, hop);
    else dial();
  });

  const host = options.listenHost ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the delay proxy has no TCP address');

  return {
    host,
    port: address.port,
    target: options.target,
    get connections() {
      return connections;
    },
    get oneWayDelayMs() {
      return delay;
    },
    set oneWayDelayMs(ms: number) {
      delay = ms;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}

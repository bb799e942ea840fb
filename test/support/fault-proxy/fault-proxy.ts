// A fault-injecting TCP proxy for the tests (issue 10 item 6): client → proxy → lab server, over
// real loopback sockets. It forwards raw bytes, so TLS passes through untouched and the client
// verifies the lab's certificate as usual. Faults, each on demand:
//   cut          every open connection now: a TCP reset (RFC 793 §3.4), or a FIN with 'close'
//   halfOpen     stop forwarding one or both directions without closing (a dead link)
//   refuse       stop listening (connects are refused), for a time on the injected clock or until clear
//   cutMidTls    the next connection(s): cut after k bytes of the TLS handshake (both directions)
//   cutMidLogin  the next connection(s): forward the client's first request, cut before its answer
// Timers (refuse for N ms) run on the injected clock, so a test on a VirtualClock stays virtual.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startsTlsHandshake, TlsRequestDetector } from './tls-records.ts';

/** `up`: client → server; `down`: server → client. */
export type ProxyDirection = 'up' | 'down' | 'both';

/** Where the "first request" of cutMidLogin is: the first plain bytes, or the first request inside TLS. */
export type LoginPhase = 'auto' | 'plain' | 'tls';

export interface ProxyClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: never): void;
}

export interface FaultProxyOptions {
  /** For messages: `oci`, `cti-tls`, … */
  name?: string;
  target: { host: string; port: number };
  /** Where to listen; default 127.0.0.2 on an ephemeral port. */
  listen?: { host?: string; port?: number };
  /** Runs refuse(ms)'s timer; default the wall clock. */
  clock?: ProxyClock;
}

export interface ProxyStats {
  /** Connections accepted since start. */
  accepted: number;
  /** Connections open now. */
  open: number;
  /** Connections ended by a fault (cut, mid-TLS, mid-login). */
  cut: number;
  /** Bytes forwarded client → server and server → client. */
  up: number;
  down: number;
  /** Bytes swallowed by half-open. */
  swallowed: number;
}

export interface FaultProxy {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly target: { host: string; port: number };
  readonly listening: boolean;
  readonly stats: Readonly<ProxyStats>;
  /** Ends every open connection now; returns how many. */
  cut(how?: 'reset' | 'close'): number;
  /** Stops forwarding `direction` on open and new connections until clear(). */
  halfOpen(direction?: ProxyDirection): void;
  /** Stops listening; with `forMs`, listens again after that long on the proxy's clock. */
  refuse(forMs?: number): Promise<void>;
  /** The next `count` connections are cut after `afterBytes` bytes of their TLS handshake. */
  cutMidTls(afterBytes: number, count?: number): void;
  /** The next `count` connections are cut after the client's first request, before any answer. */
  cutMidLogin(options?: { count?: number; phase?: LoginPhase }): void;
  /** Every fault off; listening again if refused. */
  clear(): Promise<void>;
  /** Resolves once the proxy listens (after refuse(ms) ran out, or clear()). */
  whenListening(): Promise<void>;
  close(): Promise<void>;
}

interface Armed<T> {
  left: number;
  value: T;
}

const WALL_CLOCK: ProxyClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as unknown as ReturnType<typeof setTimeout>),
};

/** Takes one use of an armed fault for a new connection. */
function take<T>(armed: Armed<T> | null): T | null {
  if (armed === null || armed.left <= 0) return null;
  armed.left -= 1;
  return armed.value;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const name = options.name ?? `${options.target.host}:${options.target.port}`;
  const host = options.listen?.host ?? '127.0.0.2';
  const clock = options.clock ?? WALL_CLOCK;
  const stats: ProxyStats = { accepted: 0, open: 0, cut: 0, up: 0, down: 0, swallowed: 0 };
  const halfOpen = { up: false, down: false };
  let midTls: Armed<number> | null = null;
  let midLogin: Armed<LoginPhase> | null = null;
  const pairs = new Set<{ cut(how: 'reset' | 'close'): void }>();
  let server: Server | null = null;
  let port = options.listen?.port ?? 0;
  let refuseTimer: unknown = null;
  let listeningNow: Promise<void> = Promise.resolve();
  let closed = false;

  const onConnection = (client: Socket): void => {
    stats.accepted += 1;
    stats.open += 1;
    const cutAfterTlsBytes = take(midTls);
    const loginPhase = take(midLogin);
    const upstream = connect({ host: options.target.host, port: options.target.port, noDelay: true, allowHalfOpen: true });
    client.setNoDelay(true);
    let ended = false;
    let tlsStarted = false;
    let handshakeBytes = 0;
    let sawClientBytes = false;
    let cutOnAnswer = false;
    let loginTls: boolean | null = loginPhase === null ? null : loginPhase === 'tls' ? true : loginPhase === 'plain' ? false : null;
    const detector = new TlsRequestDetector();
    const pending: Buffer[] = []; // client bytes that arrived before the upstream connect completed
    let upstreamReady = false;

    const pair = {
      cut(how: 'reset' | 'close'): void {
        if (ended) return;
        ended = true;
        stats.cut += 1;
        if (how === 'reset') {
          client.resetAndDestroy();
          upstream.resetAndDestroy();
        } else {
          client.end();
          upstream.end();
        }
      },
    };
    pairs.add(pair);
    const finish = (): void => {
      if (!pairs.delete(pair)) return;
      stats.open -= 1;
    };

    const writeUp = (bytes: Buffer): void => {
      stats.up += bytes.length;
      if (upstreamReady) upstream.write(bytes);
      else pending.push(bytes);
    };

    /** Forwards `bytes`, cutting once the TLS handshake reaches `cutAfterTlsBytes`; false when cut. */
    const forward = (bytes: Buffer, write: (b: Buffer) => void): boolean => {
      if (cutAfterTlsBytes === null || !tlsStarted) {
        write(bytes);
        return true;
      }
      const room = cutAfterTlsBytes - handshakeBytes;
      if (bytes.length < room) {
        handshakeBytes += bytes.length;
        write(bytes);
        return true;
      }
      if (room > 0) write(bytes.subarray(0, room));
      handshakeBytes = cutAfterTlsBytes;
      pair.cut('reset');
      return false;
    };

    client.on('data', (chunk: Buffer) => {
      if (ended) return;
      if (halfOpen.up) {
        stats.swallowed += chunk.length;
        return;
      }
      const first = !sawClientBytes;
      sawClientBytes = true;
      if (!tlsStarted && startsTlsHandshake(chunk)) tlsStarted = true;
      let isRequest = false;
      if (loginPhase !== null && !cutOnAnswer) {
        if (loginTls === null) loginTls = tlsStarted; // auto: the first bytes tell plain from TLS
        if (loginTls) isRequest = tlsStarted && detector.fromClient(chunk);
        else isRequest = first;
      } else if (tlsStarted) detector.fromClient(chunk);
      if (!forward(chunk, writeUp)) return;
      if (isRequest) cutOnAnswer = true;
    });
    upstream.on('data', (chunk: Buffer) => {
      if (ended) return;
      if (halfOpen.down) {
        stats.swallowed += chunk.length;
        return;
      }
      if (tlsStarted) detector.fromServer(chunk);
      if (cutOnAnswer) {
        pair.cut('reset'); // the request reached the server; its answer never reaches the client
        return;
      }
      forward(chunk, (b) => {
        stats.down += b.length;
        client.write(b);
      });
    });
    upstream.once('connect', () => {
      upstreamReady = true;
      for (const b of pending.splice(0)) upstream.write(b);
    });
    // Half-closes pass through; any error or close ends the other side too.
    client.on('end', () => !ended && upstream.end());
    upstream.on('end', () => !ended && client.end());
    const teardown = (): void => {
      finish();
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', teardown);
    upstream.on('close', teardown);
  };

  const listen = async (): Promise<void> => {
    if (server !== null || closed) return;
    const s = createServer({ allowHalfOpen: true, noDelay: true }, onConnection);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        resolve();
      });
    });
    port = (s.address() as { port: number }).port;
    server = s;
  };

  const stopListening = async (): Promise<void> => {
    const s = server;
    server = null;
    if (s === null) return;
    // close() stops accepting now; its callback waits for open connections, which stay.
    s.close();
    await new Promise((resolve) => setImmediate(resolve));
  };

  const cancelRefuseTimer = (): void => {
    if (refuseTimer !== null) clock.clearTimeout(refuseTimer as never);
    refuseTimer = null;
  };

  await listen();

  return {
    name,
    host,
    get port() {
      return port;
    },
    target: options.target,
    get listening() {
      return server !== null;
    },
    stats,
    cut(how = 'reset') {
      const open = [...pairs];
      for (const p of open) p.cut(how);
      return open.length;
    },
    halfOpen(direction = 'both') {
      if (direction !== 'down') halfOpen.up = true;
      if (direction !== 'up') halfOpen.down = true;
    },
    async refuse(forMs) {
      cancelRefuseTimer();
      await stopListening();
      if (forMs !== undefined) {
        refuseTimer = clock.setTimeout(() => {
          refuseTimer = null;
          listeningNow = listen();
        }, forMs);
      }
    },
    cutMidTls(afterBytes, count = 1) {
      midTls = { left: count, value: afterBytes };
    },
    cutMidLogin(login = {}) {
      midLogin = { left: login.count ?? 1, value: login.phase ?? 'auto' };
    },
    async clear() {
      halfOpen.up = false;
      halfOpen.down = false;
      midTls = null;
      midLogin = null;
      cancelRefuseTimer();
      listeningNow = listen();
      await listeningNow;
    },
    whenListening: () => listeningNow,
    async close() {
      closed = true;
      cancelRefuseTimer();
      for (const p of [...pairs]) p.cut('reset');
      const s = server;
      server = null;
      if (s !== null) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

// The fault-injecting TCP server base used by every lab TCP server (issue 4, "Faults").
// Listening is always a plain net.Server on 127.0.0.1; TLS endpoints hand accepted sockets to an
// unlistened tls.Server, so the base sees the raw bytes first (close-mid-tls, half-open).
import * as net from 'node:net';
import * as tls from 'node:tls';
import { LAB_LOOPBACK } from './hosts.ts';
import { applyLabFault, initialFaultFlags } from './fault-flags.ts';
import { listenOnLoopback } from './listen-loopback.ts';
import type { LabFault } from './faults.ts';
import type { LabServer } from './lab-server.ts';
import { SocketConnection, type FaultState, type LabConnectionHandler, type LabProtocolSession } from './connection.ts';

/** Node's TLS protocol names (the portal's "security protocol" values, seed §4.1). */
export type LabTlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface LabTlsOptions {
  certPem: string;
  keyPem: string;
  /** e.g. both 'TLSv1.3' for a TLS-1.3-only server (scenario tls-version-mismatch). */
  minVersion?: LabTlsVersion;
  maxVersion?: LabTlsVersion;
  /** Drop a socket whose TLS handshake has not finished after this long (Node's default: 120 s). */
  handshakeTimeoutMs?: number;
}

export interface LabTcpServerOptions {
  name: string;
  /** FQDN clients use (default 127.0.0.1). */
  host?: string;
  /** Listen in plain TCP. Default true. */
  plain?: boolean;
  /** Listen with TLS from the first byte. A TLS-only server is `{ plain: false, tls }`. */
  tls?: LabTlsOptions;
  /** Fixed ports (default 0 = ephemeral). */
  ports?: { plain?: number; tls?: number };
  onConnection: LabConnectionHandler;
  /** Called when a protocol handler throws; the connection is destroyed either way. */
  onError?: (error: unknown) => void;
  /** The protocol's part of the expire-tokens and duplicate-login faults (absent: not applicable). */
  faultHooks?: { expireTokens?(): void; duplicateLogin?(): void };
}

export interface LabTcpServer extends LabServer {
  fault(fault: LabFault): Promise<void>;
  /** Open connections (all endpoints). */
  readonly connectionCount: number;
  /** Current fault flags (for the admin API and tests). */
  readonly faults: Readonly<FaultState & { refuseNew: boolean; closeMidTls: boolean }>;
  /** Bytes that arrived on established connections and were swallowed by half-open. */
  readonly ignoredBytes: number;
  /** Runs `fn` for every established protocol connection (e.g. a server push). */
  forEachConnection(fn: (connection: SocketConnection) => void): void;
}

type EndpointKind = 'plain' | 'tls';

/**
 * @example
 * const server = await startLabTcpServer({ name: 'echo', onConnection: (conn) => ({ onData: (chunk) => conn.write(chunk), onClose() {} }) });
 */
export async function startLabTcpServer(options: LabTcpServerOptions): Promise<LabTcpServer> {
  const faults = initialFaultFlags();
  const rawSockets = new Set<net.Socket>();
  const connections = new Set<SocketConnection>();
  const listeners = new Map<EndpointKind, net.Server>();
  const ports = new Map<EndpointKind, number>();
  let nextId = 1;
  let ignoredBytes = 0;
  let stopped = false;

  const tlsServer = options.tls
    ? tls.createServer(
        {
          cert: options.tls.certPem,
          key: options.tls.keyPem,
          minVersion: options.tls.minVersion,
          maxVersion: options.tls.maxVersion,
          ...(options.tls.handshakeTimeoutMs !== undefined ? { handshakeTimeout: options.tls.handshakeTimeoutMs } : {}),
        },
        (secure) => startSession('tls', secure),
      )
    : undefined;
  // A failed handshake (wrong version, client rejects our certificate) only ends that socket.
  tlsServer?.on('tlsClientError', (_error, socket) => socket.destroy());

  function startSession(endpoint: EndpointKind, stream: net.Socket): void {
    const connection = new SocketConnection(nextId++, endpoint, stream, faults);
    connections.add(connection);
    let session: LabProtocolSession | undefined;
    const fail = (error: unknown): void => {
      options.onError?.(error);
      connection.destroy();
    };
    stream.on('error', () => connection.destroy());
    stream.on('close', () => {
      connections.delete(connection);
      try {
        session?.onClose?.();
      } catch (error) {
        options.onError?.(error);
      }
    });
    try {
      session = options.onConnection(connection);
    } catch (error) {
      fail(error);
      return;
    }
    stream.on('data', (chunk: Buffer) => {
      if (faults.halfOpen) {
        ignoredBytes += chunk.length; // half-open: never read
        return;
      }
      if (connection.closed) return;
      try {
        session?.onData(chunk);
      } catch (error) {
        fail(error);
      }
    });
  }

  function accept(endpoint: EndpointKind, raw: net.Socket): void {
    rawSockets.add(raw);
    raw.on('close', () => rawSockets.delete(raw));
    raw.on('error', () => raw.destroy());
    raw.setNoDelay(true);
    if (faults.halfOpen) {
      raw.pause(); // accepted, never read, never answered
      return;
    }
    if (endpoint === 'tls') {
      if (faults.closeMidTls) {
        raw.once('data', () => raw.destroy()); // the ClientHello arrived: hang up mid-handshake
        return;
      }
      tlsServer?.emit('connection', raw);
      return;
    }
    startSession('plain', raw);
  }

  async function listen(endpoint: EndpointKind, port: number): Promise<void> {
    const listening = await listenOnLoopback(port, (raw) => accept(endpoint, raw), options.onError);
    listeners.set(endpoint, listening.server);
    ports.set(endpoint, listening.port);
  }

  /** Closes the listening sockets now; the promise settles once their accepted sockets are gone. */
  function stopListening(): Promise<void> {
    const closing = [...listeners.values()].map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    listeners.clear();
    return Promise.all(closing).then(() => undefined);
  }

  function dropAll(): void {
    for (const connection of connections) connection.destroy();
    for (const raw of rawSockets) raw.destroy();
  }

  if (options.plain !== false) await listen('plain', options.ports?.plain ?? 0);
  if (options.tls) await listen('tls', options.ports?.tls ?? 0);
  if (ports.size === 0) throw new Error(`${options.name}: neither plain nor TLS endpoint requested`);

  const endpoints: LabServer['endpoints'] = {};
  const plainPort = ports.get('plain');
  const tlsPort = ports.get('tls');
  if (plainPort !== undefined) endpoints.plain = { port: plainPort };
  if (tlsPort !== undefined) endpoints.tls = { port: tlsPort };

  return {
    name: options.name,
    host: options.host ?? LAB_LOOPBACK,
    endpoints,
    faults,
    get ignoredBytes() {
      return ignoredBytes;
    },
    get connectionCount() {
      return [...rawSockets].filter((raw) => !raw.destroyed).length;
    },
    forEachConnection(fn) {
      for (const connection of connections) if (!connection.closed) fn(connection);
    },
    async fault(fault) {
      if (stopped) return;
      await applyLabFault(faults, fault, {
        name: options.name,
        ...options.faultHooks,
        dropAll,
        async stopListening() {
          // Only the listeners close (the port is released at once); open connections stay —
          // break them with drop-all. Not awaited: close() settles when those connections end.
          void stopListening();
          await new Promise((resolve) => setImmediate(resolve));
        },
        async listenAgain() {
          for (const [endpoint, port] of ports) if (!listeners.has(endpoint)) await listen(endpoint, port);
        },
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const closing = stopListening();
      dropAll();
      await closing;
    },
  };
}

// A fault-injecting HTTPS server for the lab's HTTP services (Kakapo portal, XSI). Like lab/net's
// TCP base it listens with a plain net.Server and hands accepted sockets to an unlistened
// https.Server, so it can hang up mid-handshake or never answer (issue 4, "Faults").
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as net from 'node:net';
import { applyLabFault, initialFaultFlags, takeInjectedAnswer, type FaultFlags } from '../net/fault-flags.ts';
import { listenOnLoopback } from '../net/listen-loopback.ts';
import type { LabFault } from '../net/faults.ts';
import type { LabServer } from '../net/lab-server.ts';
import { writeInjectedHttpAnswer } from '../net/injected-http-answer.ts';

type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface LabHttpsServerOptions {
  name: string;
  host: string;
  certPem: string;
  keyPem: string;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  port?: number;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Which requests the `answer` fault applies to (default: all), e.g. not the portal's admin API. */
  injectsInto?: (req: IncomingMessage) => boolean;
  onError?: (error: unknown) => void;
}

export interface LabHttpsServer extends LabServer {
  fault(fault: LabFault): Promise<void>;
  readonly port: number;
  readonly faults: Readonly<FaultFlags>;
  /** TCP connections accepted since start (tests check that clients reuse their connections). */
  readonly acceptedConnections: number;
}

/**
 * @example
 * const server = await startLabHttpsServer({ name: 'portal', host: 'portal.lab.test', certPem, keyPem, handler: (req, res) => res.end('ok') });
 */
export async function startLabHttpsServer(options: LabHttpsServerOptions): Promise<LabHttpsServer> {
  const faults = initialFaultFlags();
  const sockets = new Set<net.Socket>();
  let listener: net.Server | undefined;
  let stopped = false;

  const server = https.createServer(
    { cert: options.certPem, key: options.keyPem, minVersion: options.minVersion, maxVersion: options.maxVersion },
    (req, res) => {
      if (faults.halfOpen) return; // accepted, never answered
      if (faults.closeMidLogin) {
        req.socket.destroy(); // the request was read; hang up before any answer
        return;
      }
      // The `answer` fault: this request gets a bad answer instead of the server's own.
      const injected = options.injectsInto?.(req) === false ? null : takeInjectedAnswer(faults);
      const run = (): void => {
        if (injected !== null) return writeInjectedHttpAnswer(res, injected);
        try {
          options.handler(req, res);
        } catch (error) {
          options.onError?.(error);
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        }
      };
      if (faults.delayMs > 0) setTimeout(run, faults.delayMs);
      else run();
    },
  );
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  server.on('clientError', (_error, socket) => socket.destroy());

  let accepted = 0;
  const accept = (raw: net.Socket): void => {
    accepted++;
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => raw.destroy());
    if (faults.halfOpen) {
      raw.pause();
      return;
    }
    if (faults.closeMidTls) {
      raw.once('data', () => raw.destroy());
      return;
    }
    server.emit('connection', raw);
  };

  let port = options.port ?? 0;
  const listen = async (): Promise<void> => {
    const listening = await listenOnLoopback(port, accept, options.onError);
    port = listening.port;
    listener = listening.server;
  };
  const stopListening = (): void => {
    listener?.close();
    listener = undefined;
  };
  const dropAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  await listen();

  return {
    name: options.name,
    host: options.host,
    get port() {
      return port;
    },
    get endpoints() {
      return { tls: { port } };
    },
    get acceptedConnections() {
      return accepted;
    },
    faults,
    async fault(fault) {
      if (stopped) return;
      await applyLabFault(faults, fault, { name: options.name, dropAll, stopListening, listenAgain: listen });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const closing = listener ? new Promise<void>((resolve) => listener!.close(() => resolve())) : Promise.resolve();
      listener = undefined;
      dropAll();
      await closing;
    },
  };
}

/** Reads a request body up to `limit` bytes; null when it is larger (the caller answers 413). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

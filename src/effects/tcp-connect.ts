// TCP connect effect: resolve through the injected resolver, connect to the address, give up after
// timeoutMs on the injected scheduler. seed §5.2: a connection is first made on the given port;
// securing it is a separate step (upgradeTls).
import { connect as netConnect, type Socket } from 'node:net';
import { asyncScheduler, Observable, type SchedulerLike } from 'rxjs';
import type { ByteSocket } from './byte-socket.ts';
import { classifySocketError } from './classify-socket-error.ts';
import { messages } from './failure-messages.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import { NodeByteSocket } from './node-byte-socket.ts';
import { resolveAddress } from './resolve-address.ts';
import type { Resolver } from './resolver.ts';

/** Opens a not-yet-connected-or-connecting socket to address:port; tests inject one that never connects. */
export type SocketFactory = (address: string, port: number) => Socket;

export interface ConnectTcpOptions {
  host: string;
  port: number;
  resolver: Resolver;
  /** Covers resolution and the TCP handshake. */
  timeoutMs: number;
  scheduler?: SchedulerLike;
  createSocket?: SocketFactory;
  /** Report TLS bytes as the server's first answer as 'tls-expected'. Default true. */
  detectTls?: boolean;
}

const defaultSocketFactory: SocketFactory = (address, port) => netConnect({ host: address, port, noDelay: true });

/** Emits one connected ByteSocket and completes, or errors with a NetFailure. Unsubscribing early aborts. */
export function connectTcp(options: ConnectTcpOptions): Observable<ByteSocket> {
  const { host, port, resolver, timeoutMs } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const createSocket = options.createSocket ?? defaultSocketFactory;
  const where = { host, port };

  return new Observable<ByteSocket>((subscriber) => {
    let settled = false;
    let socket: Socket | undefined;

    const fail = (failure: NetFailure): void => {
      if (settled) return;
      settled = true;
      timer.unsubscribe();
      socket?.destroy();
      subscriber.error(failure);
    };
    const timer = scheduler.schedule(() => fail(netFailure('timeout', where, messages.connectTimeout(where, timeoutMs), 'CONNECT_TIMEOUT')), timeoutMs);

    const onError = (error: Error): void => fail(classifySocketError(error, where));
    const onClose = (): void => fail(netFailure('closed', where, messages.closed(where, 'while connecting'), 'CLOSED'));

    // A port from a mistyped portal setting must not reach the socket layer (it would throw).
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      fail(netFailure('refused', where, messages.badPort(where), 'BAD_PORT'));
      return;
    }
    void resolveAddress(resolver, host, port).then((resolution) => {
      if (settled) return;
      if (!resolution.ok) return fail(resolution.failure);
      const address = resolution.address;
      try {
        socket = createSocket(address, port);
      } catch (error) {
        return fail(classifySocketError(error, where));
      }
      const opened = socket;
      opened.once('error', onError);
      opened.once('close', onClose);
      opened.once('connect', () => {
        if (settled) return;
        settled = true;
        timer.unsubscribe();
        opened.off('error', onError);
        opened.off('close', onClose);
        const byteSocket = new NodeByteSocket(opened, { host, address, port, tls: null }, { detectTls: options.detectTls ?? true });
        subscriber.next(byteSocket);
        subscriber.complete();
      });
    });

    return () => {
      if (settled) return; // a delivered socket belongs to the subscriber
      settled = true;
      timer.unsubscribe();
      socket?.destroy();
    };
  });
}

// TLS upgrade of an ESTABLISHED connection (seed §5.2: connect on the given port first, then secure
// it; DESIGN.md: tls.connect({ socket, servername, minVersion, maxVersion, ca })). No plain fallback.
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { asyncScheduler, Observable, type SchedulerLike } from 'rxjs';
import type { ByteSocket } from './byte-socket.ts';
import { duplexOf } from './byte-socket-duplex.ts';
import { classifyTlsHandshakeError, type HandshakeContext } from './classify-tls-error.ts';
import { messages } from './failure-messages.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import { NodeByteSocket } from './node-byte-socket.ts';
import { channelBindingOf } from './tls-channel-binding.ts';
import { tlsConnectionOptions, type TlsControls } from './tls-options.ts';

export interface UpgradeTlsOptions extends TlsControls {
  /** The handshake must finish within this time, on the scheduler. */
  timeoutMs: number;
  scheduler?: SchedulerLike;
}

/**
 * Secures an established plain ByteSocket. Emits the TLS ByteSocket (info.tls set) and completes, or
 * errors with a NetFailure; the connection is closed on failure and when unsubscribed mid-handshake.
 * From the moment of subscription the plain socket is spent (for connectTcp sockets: its data$
 * completes and writes are ignored; any other ByteSocket is read and written through the TLS layer).
 */
export function upgradeTls(socket: ByteSocket, options: UpgradeTlsOptions): Observable<ByteSocket> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const ctx: HandshakeContext = { host: socket.info.host, port: socket.info.port, servername: options.servername, version: options.version };

  return new Observable<ByteSocket>((subscriber) => {
    // A Node-backed socket hands over its handle (native TLS on the same connection); any other
    // ByteSocket is bridged through a Duplex.
    let raw: Duplex;
    if (socket instanceof NodeByteSocket) {
      const released = socket.releaseForUpgrade();
      if (!released.ok) {
        subscriber.error(released.failure);
        return;
      }
      raw = released.socket;
    } else {
      raw = duplexOf(socket);
    }
    raw.on('error', () => {}); // the TLS socket reports errors of the connection it now owns

    let secure: TLSSocket;
    try {
      secure = tlsConnect({ socket: raw, ...tlsConnectionOptions(options) });
    } catch (error) {
      raw.destroy();
      subscriber.error(classifyTlsHandshakeError(error, ctx));
      return;
    }

    let settled = false;
    const fail = (failure: NetFailure): void => {
      if (settled) return;
      settled = true;
      timer.unsubscribe();
      secure.destroy();
      raw.destroy();
      subscriber.error(failure);
    };
    const timer = scheduler.schedule(
      () => fail(netFailure('timeout', ctx, messages.handshakeTimeout(ctx, options.timeoutMs), 'HANDSHAKE_TIMEOUT')),
      options.timeoutMs,
    );
    const onError = (error: Error): void => fail(classifyTlsHandshakeError(error, ctx));
    const onClose = (): void => fail(netFailure('tls-handshake-closed', ctx, messages.handshakeClosed(ctx, options.version), 'CLOSED'));
    secure.on('error', onError); // stays attached: later errors after a failure must not escape
    secure.once('close', onClose);
    secure.once('secureConnect', () => {
      if (settled) return;
      // rejectUnauthorized makes Node fail instead; checked again so no unverified socket ever escapes.
      if (!secure.authorized) {
        const code = String(secure.authorizationError ?? 'UNAUTHORIZED');
        return fail(netFailure('tls-certificate-untrusted', ctx, messages.certificateUntrusted(ctx, code), code));
      }
      settled = true;
      timer.unsubscribe();
      secure.off('error', onError);
      secure.off('close', onClose);
      const info = { ...socket.info, tls: { version: secure.getProtocol() ?? 'unknown', servername: options.servername } };
      subscriber.next(new NodeByteSocket(secure, info, { detectTls: false, channelBinding: (type) => channelBindingOf(secure, type) }));
      subscriber.complete();
    });

    return () => {
      if (settled) return;
      settled = true;
      timer.unsubscribe();
      secure.destroy();
      raw.destroy();
    };
  });
}

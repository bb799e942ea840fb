// ByteSocket over a Node net.Socket or tls.TLSSocket.
import type { Socket } from 'node:net';
import { Observable, type Subscriber } from 'rxjs';
import type { ByteSocket, ByteSocketInfo } from './byte-socket.ts';
import { classifySocketError } from './classify-socket-error.ts';
import { messages } from './failure-messages.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import type { TlsChannelBindingType } from './tls-channel-binding.ts';
import { looksLikeTlsRecord } from './tls-record.ts';

/** Above this many unclaimed bytes the socket stops reading until someone subscribes. */
const BACKLOG_HIGH_WATER = 1 << 20;

type Ending = { kind: 'complete' } | { kind: 'error'; failure: NetFailure };

export interface NodeByteSocketOptions {
  /** Plain sockets: report a TLS record as the first bytes as 'tls-expected' (seed §5.2). */
  detectTls: boolean;
  /** TLS sockets: the connection's channel bindings (RFC 5056). */
  channelBinding?: (type: TlsChannelBindingType) => Uint8Array | null;
}

export class NodeByteSocket implements ByteSocket {
  readonly data$: Observable<Uint8Array>;
  readonly info: ByteSocketInfo;
  #socket: Socket;
  #detectTls: boolean;
  #backlog: Uint8Array[] = [];
  #backlogBytes = 0;
  #subscribers = new Set<Subscriber<Uint8Array>>();
  #ending: Ending | null = null;
  #sawFirstBytes = false;
  #released = false;
  #channelBinding: ((type: TlsChannelBindingType) => Uint8Array | null) | undefined;

  constructor(socket: Socket, info: ByteSocketInfo, options: NodeByteSocketOptions) {
    this.#socket = socket;
    this.info = info;
    this.#detectTls = options.detectTls;
    this.#channelBinding = options.channelBinding;
    this.data$ = new Observable<Uint8Array>((subscriber) => this.#subscribe(subscriber));
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
  }

  channelBinding(type: TlsChannelBindingType): Uint8Array | null {
    return this.#channelBinding?.(type) ?? null;
  }

  write(data: Uint8Array | string): void {
    if (this.#released || this.#ending !== null || this.#socket.destroyed || this.#socket.writableEnded) return;
    this.#socket.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  end(): void {
    if (this.#released || this.#socket.destroyed || this.#socket.writableEnded) return;
    this.#socket.end();
  }

  destroy(): void {
    if (this.#released) return; // the TLS socket made from it owns the connection now
    this.#socket.destroy();
  }

  /**
   * Hands the underlying socket to a TLS upgrade: our listeners come off, and bytes that no
   * subscriber has taken yet go back into the socket's own buffer, which Node's TLS layer reads first
   * (tls.connect with an existing socket) — so the byte stream is never cut. Current subscribers
   * complete: the plain stream has ended. Returns a NetFailure when the socket is already closed.
   */
  releaseForUpgrade(): { ok: true; socket: Socket } | { ok: false; failure: NetFailure } {
    const where = { host: this.info.host, port: this.info.port };
    if (this.#released) {
      return { ok: false, failure: netFailure('closed', where, messages.closed(where, 'before TLS: the socket was already upgraded'), 'ALREADY_UPGRADED') };
    }
    if (this.#ending !== null || this.#socket.destroyed || this.#socket.readableEnded) {
      return {
        ok: false,
        failure: this.#ending?.kind === 'error' ? this.#ending.failure : netFailure('closed', where, messages.closed(where, 'before TLS could start'), 'CLOSED'),
      };
    }
    this.#released = true;
    const socket = this.#socket;
    socket.pause();
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('error', this.#onError);
    socket.off('close', this.#onClose);
    if (this.#backlog.length > 0) socket.unshift(Buffer.concat(this.#backlog));
    this.#backlog = [];
    this.#backlogBytes = 0;
    this.#finish({ kind: 'complete' });
    return { ok: true, socket };
  }

  #subscribe(subscriber: Subscriber<Uint8Array>): () => void {
    this.#subscribers.add(subscriber);
    // The first subscriber takes the backlog, in order; it may unsubscribe midway.
    while (this.#backlog.length > 0 && !subscriber.closed) {
      const chunk = this.#backlog.shift() as Uint8Array;
      this.#backlogBytes -= chunk.byteLength;
      subscriber.next(chunk);
    }
    if (this.#backlog.length === 0 && this.#ending !== null) this.#deliverEnding(subscriber, this.#ending);
    if (!this.#released && this.#socket.isPaused() && this.#backlogBytes < BACKLOG_HIGH_WATER) this.#socket.resume();
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  #onData = (chunk: Buffer): void => {
    if (this.#detectTls && !this.#sawFirstBytes) {
      this.#sawFirstBytes = true;
      // seed §5.2: a TLS-only port answers a plain client with a TLS alert record.
      if (looksLikeTlsRecord(chunk)) {
        const where = { host: this.info.host, port: this.info.port };
        this.#finish({ kind: 'error', failure: netFailure('tls-expected', where, messages.tlsExpected(where), 'TLS_RECORD_ON_PLAIN_SOCKET') });
        this.#socket.destroy();
        return;
      }
    }
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#subscribers.size === 0) {
      this.#backlog.push(bytes);
      this.#backlogBytes += bytes.byteLength;
      if (this.#backlogBytes >= BACKLOG_HIGH_WATER) this.#socket.pause();
      return;
    }
    for (const subscriber of [...this.#subscribers]) subscriber.next(bytes);
  };

  #onEnd = (): void => this.#finish({ kind: 'complete' });

  #onError = (error: Error): void => {
    this.#finish({ kind: 'error', failure: classifySocketError(error, { host: this.info.host, port: this.info.port }) });
  };

  // A close without 'end' or 'error' is our own destroy(): the stream simply ends.
  #onClose = (): void => this.#finish({ kind: 'complete' });

  #finish(ending: Ending): void {
    if (this.#ending !== null) return;
    this.#ending = ending;
    if (this.#backlog.length > 0) return; // delivered after the backlog, to the next subscriber
    for (const subscriber of [...this.#subscribers]) this.#deliverEnding(subscriber, ending);
  }

  #deliverEnding(subscriber: Subscriber<Uint8Array>, ending: Ending): void {
    if (ending.kind === 'complete') subscriber.complete();
    else subscriber.error(ending.failure);
  }
}

// A connection as effects hand it to drivers: bytes in as an Observable, bytes out through write().
import type { Observable } from 'rxjs';
import type { TlsChannelBindingType } from './tls-channel-binding.ts';

export interface ByteSocketTlsInfo {
  /** The negotiated protocol as Node reports it, e.g. 'TLSv1.2' (a TlsVersion in practice). */
  version: string;
  /** The name the certificate was checked against (the certificate host, else the FQDN). */
  servername: string;
}

export interface ByteSocketInfo {
  /** The FQDN asked for. */
  host: string;
  /** The IP address connected to. */
  address: string;
  port: number;
  tls: null | ByteSocketTlsInfo;
}

export interface ByteSocket {
  /**
   * Received bytes. Bytes arriving while nobody is subscribed are kept for the next subscriber, so
   * nothing is lost between connect and subscribe. Completes when the peer closes (or after destroy(),
   * or when the socket is upgraded to TLS); errors with a NetFailure on a reset.
   */
  readonly data$: Observable<Uint8Array>;
  /** Queues bytes (strings as UTF-8). A no-op once the socket is closed. */
  write(data: Uint8Array | string): void;
  /** Half-closes after queued writes are flushed. */
  end(): void;
  /** Closes at once. */
  destroy(): void;
  readonly info: ByteSocketInfo;
  /**
   * A TLS socket's channel binding of `type` (RFC 5056; tls-channel-binding.ts), or null when the
   * type is undefined for this connection. Absent on plain sockets.
   */
  channelBinding?(type: TlsChannelBindingType): Uint8Array | null;
}

// What a protocol driver implements for the generic connection runner (connection-runner.ts).
// The runner owns the attempt bookkeeping and turns each step's answer into the connection
// machine's event (machines/connection/contract.ts); a driver only speaks its protocol.
import type { ByteSocket } from '../../effects/byte-socket.ts';
import type {
  CloseReason,
  ConnectionEffect,
  TlsFailure,
  TlsVersion,
  TransportFailure,
} from '../../machines/connection/contract.ts';

/** One attempt of one connection: the socket so far, and how the driver reports the link's end. */
export interface AttemptContext {
  readonly attempt: number;
  /** The established socket (plain, then TLS after securing); null before connect. */
  socket: ByteSocket | null;
  /** True once the runner closed this attempt (user close, failure, reconnect): results are stale. */
  readonly closed: boolean;
  /** The established link broke (reported once per attempt, never after a local close). */
  dropped(failure: TransportFailure): void;
  /**
   * The server ended the session (pushed logout, unRegister, stream end). `replaced`: another login
   * took this very session over (XMPP `conflict`); the connection then waits for the user.
   */
  sessionEnded(reason: string, options?: { replaced?: boolean }): void;
}

export type ConnectStep = { type: 'TRANSPORT.CONNECTED' } | { type: 'TRANSPORT.FAILED'; failure: TransportFailure };
export type SecureStep =
  | { type: 'TLS.SECURED'; version: TlsVersion }
  | { type: 'TLS.FAILED'; failure: TlsFailure }
  | { type: 'TRANSPORT.DROPPED'; failure: TransportFailure };
export type AuthStep =
  | { type: 'AUTH.OK' }
  | { type: 'AUTH.FAILED'; message: string }
  | { type: 'TRANSPORT.DROPPED'; failure: TransportFailure };

export type ConnectEffect = Extract<ConnectionEffect, { type: 'effect.connect' }>;
export type SecureEffect = Extract<ConnectionEffect, { type: 'effect.secure' }>;

export interface ConnectionDriver {
  /**
   * Own transport (CAP rides on OCI's socket) or more than TCP (XMPP opens its stream). Default: a
   * TCP connect through the resolver; `tcp` runs that default, so a driver can build on it.
   */
  connect?(ctx: AttemptContext, effect: ConnectEffect, tcp: () => Promise<ConnectStep>): Promise<ConnectStep>;
  /** Own TLS step (XMPP's STARTTLS). Default: upgradeTls of ctx.socket. */
  secure?(ctx: AttemptContext, effect: SecureEffect): Promise<SecureStep>;
  /** Log in on ctx.socket with the credentials from the store. */
  authenticate(ctx: AttemptContext): Promise<AuthStep>;
  /** One keepalive; true when the server answered (or, for fire-and-forget protocols, it was sent). */
  keepalive(ctx: AttemptContext): Promise<boolean>;
  /** Release the session; `user` is a polite logout. Resolves when done (never rejects). */
  close(ctx: AttemptContext, reason: CloseReason): Promise<void>;
  /** The session is over: end what the driver keeps across attempts (streams of messages, outboxes). */
  dispose?(): void;
}

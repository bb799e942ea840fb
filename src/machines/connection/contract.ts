// The contract between the generic connection machine and the outside world (drivers, effects).
// The machine does no I/O: it asks for work by emitting `effect.*` requests (subscribe with
// `actor.on('effect.connect', …)`, or `actor.on('*', …)`), and learns the results from the events
// below. A driver answers each request with exactly one of the listed events.
// Passwords never appear here: a driver takes credentials from its own store when asked to
// authenticate (DESIGN.md "Secrets never enter events").
import type { Endpoint, TlsVersion } from '../protocol-selection/types.ts';

export type { Endpoint, TlsVersion };

/** Which persistent connection an instance drives (seed §1: OCI/CAP, CTI, Kakapo IM&P, XMPP). */
export type ConnectionName = 'oci' | 'cap' | 'cti' | 'imp' | 'xmpp';

/** seed §1: "Unity will attempt to reconnect every 15 seconds until the connection is re-established". */
export const RECONNECT_DELAY_MS = 15_000;

export interface ConnectionInput {
  name: ConnectionName;
  endpoint: Endpoint;
  /** Quiet time after which a keepalive is sent (seed §4.1: the portal suggests 300 s). */
  keepaliveMs: number;
  /** A keepalive left unanswered this long means the link is dead. */
  keepaliveTimeoutMs: number;
  /** Wait after an unexpected drop before reconnecting; default RECONNECT_DELAY_MS. */
  reconnectDelayMs?: number;
  /**
   * Whether a failure before the connection was ever online is retried like a drop (default false:
   * the connection goes to `failed`). Start-up uses false (seed §1.1: CTI unreachable stops start-up;
   * seed §5.2: a TLS-only server on a plain port stops it immediately).
   */
  retryInitialFailure?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Failures, as drivers report them and as the machine records them.

/** Why a TCP connect or an established socket failed. */
export type TransportFailureKind =
  | 'refused' // connection refused (nothing listens, or a firewall rejects): seed §5.1
  | 'timeout' // no answer in time (a firewall silently dropping is the usual cause): seed §5.1
  | 'unreachable' // name does not resolve, or no route to the host
  | 'reset' // the peer reset the connection
  | 'peer-closed' // the peer closed the connection
  | 'tls-required' // a TLS-only server answered a plain connection (seed §5.2)
  // The server answered, but not with a session (issue 10: each a drop, retried every 15 s):
  | 'server-error' // an error answer that is no refusal of the credentials (a 5xx, an OCI ErrorResponse, a busy server)
  | 'garbled' // an answer that is not well-formed (XML, framing, decryption)
  | 'too-large' // an answer over the reader's size limit
  | 'doctype' // an answer with a DOCTYPE declaration (refused by every strict reader)
  | 'unexpected'; // a well-formed answer of the wrong kind for the request, or one nobody asked for

export interface TransportFailure {
  kind: TransportFailureKind;
  message: string;
}

/** Why a TLS upgrade failed (seed §5.2: wrong certificate host or wrong security protocol). */
export type TlsFailureCause =
  | 'version-refused' // the server does not accept the configured TLS version
  | 'certificate-name-mismatch' // the certificate does not name the expected server name
  | 'certificate-untrusted' // the certificate chain is not trusted
  | 'handshake-closed'; // the server closed the connection during the handshake

export interface TlsFailure {
  cause: TlsFailureCause;
  message: string;
}

/** Where in the lifecycle a failure happened. */
export type ConnectionPhase = 'connecting' | 'securing' | 'authenticating' | 'online';

/**
 * A named outcome: every way a connection attempt or an online connection can end badly.
 * `peer-closed` with phase `securing`/`authenticating` is "the peer closed mid-handshake".
 */
export type ConnectionOutcome =
  | { kind: TransportFailureKind; phase: ConnectionPhase; message: string }
  | { kind: 'tls'; cause: TlsFailureCause; phase: 'securing'; message: string }
  | { kind: 'auth'; phase: 'authenticating'; message: string }
  | { kind: 'keepalive-timeout'; phase: 'online'; message: string }
  | { kind: 'session-ended'; phase: 'online'; message: string }
  /** Another login took this session over (XMPP `conflict`): not retried without the user. */
  | { kind: 'session-replaced'; phase: 'online'; message: string };

// ---------------------------------------------------------------------------------------------
// Effect requests (emitted by the machine).

export type ConnectionEffect =
  /** Open a TCP connection. Answer: TRANSPORT.CONNECTED or TRANSPORT.FAILED (echo `attempt`). */
  | { type: 'effect.connect'; connection: ConnectionName; attempt: number; host: string; port: number }
  /** Upgrade the established socket to TLS. Answer: TLS.SECURED or TLS.FAILED. */
  | { type: 'effect.secure'; connection: ConnectionName; attempt: number; servername: string; version: TlsVersion }
  /** Log in with the stored credentials. Answer: AUTH.OK or AUTH.FAILED. */
  | { type: 'effect.authenticate'; connection: ConnectionName; attempt: number }
  /** Send keepalive number `seq`. Answer: KEEPALIVE.ACK with the same seq (or nothing). */
  | { type: 'effect.keepalive'; connection: ConnectionName; attempt: number; seq: number }
  /** Close the socket (or abandon the attempt). No answer expected. */
  | { type: 'effect.close'; connection: ConnectionName; attempt: number; reason: CloseReason };

export type CloseReason = 'user' | 'auth-failed' | 'failed' | 'keepalive-timeout' | 'session-ended';

export type ConnectionEffectType = ConnectionEffect['type'];

// ---------------------------------------------------------------------------------------------
// Events the machine accepts. `attempt` (optional on network events) is the number from the
// effect request being answered; when present and not the current attempt, the event is stale
// (an answer to an abandoned attempt) and is ignored.

export type ConnectionEvent =
  /** User: open the connection (from idle, closed, failed). */
  | { type: 'CONNECT' }
  /** User: close it; it never reconnects by itself afterwards. */
  | { type: 'CLOSE' }
  | { type: 'TRANSPORT.CONNECTED'; attempt?: number }
  | { type: 'TRANSPORT.FAILED'; attempt?: number; failure: TransportFailure }
  | { type: 'TLS.SECURED'; attempt?: number; version: TlsVersion }
  | { type: 'TLS.FAILED'; attempt?: number; failure: TlsFailure }
  | { type: 'AUTH.OK'; attempt?: number }
  | { type: 'AUTH.FAILED'; attempt?: number; message: string }
  /** New credentials were stored: an auth-failed connection tries again. */
  | { type: 'CREDENTIALS.UPDATED' }
  | { type: 'KEEPALIVE.ACK'; attempt?: number; seq: number }
  /**
   * A request or an IM sent on the online link got no answer within its timeout (issue 10): it
   * counts as a missed keepalive answer, so the link is taken for dead now, within one request
   * timeout of the first unanswered request, whatever the keepalive period.
   */
  | { type: 'REQUEST.UNANSWERED'; attempt?: number; what: string; timeoutMs: number }
  /** The established socket closed or broke (any phase after TRANSPORT.CONNECTED). */
  | { type: 'TRANSPORT.DROPPED'; attempt?: number; failure: TransportFailure }
  /**
   * The server ended the session (e.g. a pushed OCI LogoutRequest): an unexpected drop. With
   * `replaced`, another login took the session over (protocols/xmpp.md §6, `conflict`): reconnecting
   * would knock that login off in turn, so the connection fails and waits for the user's CONNECT.
   */
  | { type: 'SESSION.ENDED'; attempt?: number; reason: string; replaced?: boolean };

// ---------------------------------------------------------------------------------------------
// Notifications to the parent actor (only when the machine runs as a child).

export type ConnectionNotification =
  | { type: 'CONNECTION.ONLINE'; connection: ConnectionName }
  /** Will reconnect after `delayMs` (an unexpected drop, or a failure after having been online). */
  | { type: 'CONNECTION.RECONNECTING'; connection: ConnectionName; outcome: ConnectionOutcome; delayMs: number }
  /** Stopped trying: `outcome.kind === 'auth'` waits for CREDENTIALS.UPDATED, others for CONNECT. */
  | { type: 'CONNECTION.FAILED'; connection: ConnectionName; outcome: ConnectionOutcome }
  | { type: 'CONNECTION.CLOSED'; connection: ConnectionName };

/** Top-level state names of the connection machine. */
export type ConnectionStateName =
  | 'idle'
  | 'connecting'
  | 'securing'
  | 'authenticating'
  | 'online'
  | 'reconnecting'
  | 'authFailed'
  | 'failed'
  | 'closed';

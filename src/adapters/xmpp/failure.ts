// Typed failures of the XMPP engine. Each carries a stable `code`; messages never contain a
// password or a SASL payload (DESIGN.md "Secrets never enter events").

export type XmppFailureCode =
  /** The server did not offer STARTTLS: the engine never authenticates in the clear (xmpp.md step 2). */
  | 'starttls-not-offered'
  /** The server answered <starttls/> with <failure/> (RFC 6120 §5.4.2.2). */
  | 'starttls-refused'
  /** The TLS upgrade of the established socket failed; `cause` holds the effect's failure. */
  | 'tls-upgrade-failed'
  /** A step needing TLS (SASL) was asked for on a plain stream. */
  | 'not-secure'
  /** No offered mechanism may be used: no SCRAM this client knows, and PLAIN not allowed or not offered. */
  | 'no-supported-mechanism'
  /** SASL <failure/> (RFC 6120 §6.5): wrong credentials, a disabled account, a refused binding… Do not retry without the user. */
  | 'auth-failed'
  /** SASL <failure><temporary-auth-failure/> (RFC 6120 §6.5.10): the server could not check now; retry later. */
  | 'auth-temporary-failure'
  /** The server failed SCRAM's mutual authentication (bad nonce or signature). */
  | 'auth-server-unverified'
  /** Resource binding was refused. */
  | 'bind-failed'
  /** The server did not answer a step in time. */
  | 'step-timeout'
  /** XEP-0199: no pong within the timeout; the link is dead. */
  | 'ping-timeout'
  /** The stream ended while a step was waiting; `end` says how. */
  | 'stream-ended'
  /** Malformed or over-limit XML, or an unexpected answer. */
  | 'protocol-error'
  /** A step was called in the wrong order (e.g. bind before authenticate). */
  | 'invalid-state';

export class XmppFailure extends Error {
  readonly code: XmppFailureCode;
  /** For 'auth-failed' / 'starttls-refused' / 'bind-failed': the defined condition, e.g. `not-authorized`. */
  readonly condition: string | undefined;
  readonly end: XmppStreamEnd | undefined;

  constructor(
    code: XmppFailureCode,
    message: string,
    options: { condition?: string; end?: XmppStreamEnd; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XmppFailure';
    this.code = code;
    this.condition = options.condition;
    this.end = options.end;
  }
}

/** How a stream ended. `reconnect` is false only for a user close and `conflict` (xmpp.md step 6). */
export type XmppStreamEnd =
  | { reason: 'client-close'; reconnect: false }
  /**
   * The server sent <stream:error> (RFC 6120 §4.9): its condition, its own text, and `message`, what
   * it means for the person (stream-errors.ts). `conflict` must not auto-reconnect.
   */
  | { reason: 'stream-error'; condition: string; text: string | undefined; message: string; reconnect: boolean }
  /** The server closed the stream (</stream:stream>) or the socket ended without a stream error. */
  | { reason: 'socket-closed'; reconnect: true }
  /** The socket broke (reset, ...); `cause` is the effect's failure. */
  | { reason: 'socket-error'; cause: unknown; reconnect: true }
  /** XEP-0199: a ping went unanswered; the engine destroyed the socket. */
  | { reason: 'ping-timeout'; reconnect: true }
  /** The server sent bad XML or broke a limit; the engine closed the stream. */
  | { reason: 'protocol-error'; detail: string; reconnect: true };

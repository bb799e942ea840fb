// The XMPP driver of the generic connection machine (issue 5 "Drivers"; DESIGN.md "Effects and
// drivers"): it answers each effect request with the contract's events, one XMPP session per attempt.
//   effect.connect      → connectTcp + open the stream          → TRANSPORT.CONNECTED / FAILED
//   effect.secure       → STARTTLS + TLS upgrade (the domain)   → TLS.SECURED / TLS.FAILED
//   effect.authenticate → SASL + bind + acks + initial presence → AUTH.OK / AUTH.FAILED
//   effect.keepalive    → XEP-0199 ping                         → KEEPALIVE.ACK
//   a stream that ends by itself                                → TRANSPORT.DROPPED / SESSION.ENDED
// Messages go through an outbox kept across reconnects: a message leaves it when the server
// acknowledged it (XEP-0198), so what was sent while the link was down is sent after it returns,
// and incoming messages are de-duplicated by (sender, id) so a resend is seen once.
import { concatMap, from, map, Observable, Subject, type SchedulerLike, type Subscription } from 'rxjs';
import type { Resolver } from '../../effects/resolver.ts';
import { connectTcp } from '../../effects/tcp-connect.ts';
import type { ConnectionEffect, ConnectionEvent, TlsVersion } from '../../machines/connection/contract.ts';
import { tlsFailureOf, transportFailureOf, transportFailureOfEnd } from './connection-events.ts';
import { XmppFailure } from './failure.ts';
import { bareOf } from './jid.ts';
import { createOutbox, type OutgoingChat } from './outbox.ts';
import type { XmppCredentials } from './sasl.ts';
import { createXmppSession, type UpgradeTls, type XmppChatMessage, type XmppSession, type XmppTimeouts } from './session.ts';

export interface XmppDriverOptions {
  /** The user's XMPP id (the OCI profile's Integrated IM&P id). */
  jid: string;
  resource: string;
  resolver: Resolver;
  /** Trusted CAs for the server certificate (the lab CA in tests). */
  ca?: string[];
  connectTimeoutMs?: number;
  timeouts?: Partial<XmppTimeouts>;
  scheduler?: SchedulerLike;
  random: (size: number) => Uint8Array;
  /** The credential store, asked at each authentication; the password never enters an event. */
  credentials: () => XmppCredentials | Promise<XmppCredentials>;
  upgradeTls?: UpgradeTls;
  /** How many (sender, id) pairs are remembered to drop duplicates. Default 1000. */
  dedupeWindow?: number;
}

export interface XmppDriver {
  /** Give it every effect the connection machine emits (`actor.on('*', driver.handle)`). */
  handle(effect: ConnectionEffect): void;
  /** The answers, to send to the connection machine. */
  readonly events$: Observable<ConnectionEvent>;
  /** Incoming chat messages across reconnects, each (sender, id) once. */
  readonly messages$: Observable<XmppChatMessage>;
  /** Queues a message; it is sent now when online, else after the next successful login. */
  send(message: OutgoingChat): void;
  /** Ids the server acknowledged (or wrote, when it offers no acks). */
  readonly delivered$: Observable<string>;
  /** Ids still waiting in the outbox. */
  pending(): string[];
  /** The session of the current attempt (for inspection). */
  readonly session: XmppSession | null;
  dispose(): void;
}

/** Failures that need the user (new credentials, an administrator) instead of a retry (RFC 6120 §6.5). */
const AUTH_CODES = new Set(['auth-failed', 'auth-server-unverified', 'no-supported-mechanism']);

export function createXmppDriver(options: XmppDriverOptions): XmppDriver {
  const events = new Subject<ConnectionEvent>();
  const messages = new Subject<XmppChatMessage>();
  const outbox = createOutbox();
  const seen: string[] = [];
  const seenSet = new Set<string>();
  const dedupeWindow = options.dedupeWindow ?? 1000;

  let session: XmppSession | null = null;
  let attempt = 0;
  /** An attempt whose outcome was reported, or that the machine closed: later news is stale. */
  let settled = true;
  let subscriptions: Subscription[] = [];
  /** The current attempt reached AUTH.OK: the machine is online and hears SESSION.ENDED. */
  let online = false;

  function emit(event: ConnectionEvent, final = false): void {
    if (settled) return;
    if (final) settled = true;
    events.next(event);
  }

  function teardown(): void {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = [];
    session?.destroy();
    session = null;
  }

  function onIncoming(message: XmppChatMessage): void {
    if (message.id !== undefined && message.from !== undefined) {
      const key = `${bareOf(message.from)}\u0000${message.id}`;
      if (seenSet.has(key)) return;
      seenSet.add(key);
      seen.push(key);
      if (seen.length > dedupeWindow) seenSet.delete(seen.shift() as string);
    }
    messages.next(message);
  }

  function connect(effect: Extract<ConnectionEffect, { type: 'effect.connect' }>): void {
    teardown();
    attempt = effect.attempt;
    settled = false;
    let connected = false;
    online = false;
    const current = createXmppSession({
      jid: options.jid,
      resource: options.resource,
      random: options.random,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      ...(options.upgradeTls ? { upgradeTls: options.upgradeTls } : {}),
    });
    session = current;
    const connectOptions = {
      host: effect.host,
      port: effect.port,
      resolver: options.resolver,
      timeoutMs: options.connectTimeoutMs ?? 10_000,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    };
    subscriptions.push(
      current.messages$.subscribe(onIncoming),
      current.acked$.subscribe((id) => outbox.delivered(id)),
      current.end$.subscribe((end) => {
        if (end.reason === 'client-close') return;
        if (end.reason === 'stream-error' && online) {
          // RFC 6120 §4.9: the server ended the session on purpose; its message (stream-errors.ts)
          // carries the condition and the server's own text. `conflict` (another login took the
          // resource) is not retried without the user (`replaced`); the others reconnect.
          emit({ type: 'SESSION.ENDED', attempt: effect.attempt, reason: end.message, ...(end.reconnect ? {} : { replaced: true }) }, true);
        } else {
          // Before TRANSPORT.CONNECTED the machine (state connecting) listens for TRANSPORT.FAILED only.
          const type = connected ? 'TRANSPORT.DROPPED' : 'TRANSPORT.FAILED';
          emit({ type, attempt: effect.attempt, failure: transportFailureOfEnd(end) }, true);
        }
      }),
      connectTcp(connectOptions)
        .pipe(concatMap((socket) => current.open(socket)))
        .subscribe({
          next: () => {
            connected = true;
            emit({ type: 'TRANSPORT.CONNECTED', attempt: effect.attempt });
          },
          error: (error: unknown) => emit({ type: 'TRANSPORT.FAILED', attempt: effect.attempt, failure: transportFailureOf(error) }, true),
        }),
    );
  }

  function secure(effect: Extract<ConnectionEffect, { type: 'effect.secure' }>): void {
    const current = session;
    if (current === null || effect.attempt !== attempt) return;
    subscriptions.push(
      current.startTls({ version: effect.version }).subscribe({
        next: ({ version }) => emit({ type: 'TLS.SECURED', attempt: effect.attempt, version: (version ?? effect.version) as TlsVersion }),
        error: (error: unknown) => emit({ type: 'TLS.FAILED', attempt: effect.attempt, failure: tlsFailureOf(error) }, true),
      }),
    );
  }

  function authenticate(effect: Extract<ConnectionEffect, { type: 'effect.authenticate' }>): void {
    const current = session;
    if (current === null || effect.attempt !== attempt) return;
    subscriptions.push(
      from(Promise.resolve().then(options.credentials))
        .pipe(
          // xmpp.md step 2: a plain endpoint still gets STARTTLS before any credential is sent.
          concatMap((credentials) =>
            current.phase === 'open'
              ? current.startTls().pipe(concatMap(() => current.authenticate(credentials)))
              : current.authenticate(credentials),
          ),
          concatMap(() => current.bind()),
          concatMap(() => current.enableAcks()),
          map((acks) => {
            current.sendPresence();
            return acks;
          }),
        )
        .subscribe({
          next: (acks) => {
            online = true;
            emit({ type: 'AUTH.OK', attempt: effect.attempt });
            outbox.flush(current, acks);
          },
          error: (error: unknown) => {
            if (error instanceof XmppFailure && AUTH_CODES.has(error.code)) {
              emit({ type: 'AUTH.FAILED', attempt: effect.attempt, message: error.message }, true);
            } else {
              emit({ type: 'TRANSPORT.DROPPED', attempt: effect.attempt, failure: transportFailureOf(error) }, true);
            }
          },
        }),
    );
  }

  function keepalive(effect: Extract<ConnectionEffect, { type: 'effect.keepalive' }>): void {
    const current = session;
    if (current === null || effect.attempt !== attempt) return;
    // A missing pong is the machine's keepalive timeout (or the session's ping timeout → a drop).
    subscriptions.push(
      current.ping().subscribe({
        next: () => emit({ type: 'KEEPALIVE.ACK', attempt: effect.attempt, seq: effect.seq }),
        error: () => undefined,
      }),
    );
  }

  function close(effect: Extract<ConnectionEffect, { type: 'effect.close' }>): void {
    if (effect.attempt !== attempt) return;
    settled = true;
    const current = session;
    if (current !== null && effect.reason === 'user') {
      // RFC 6120 §4.4: close the stream politely, then the socket.
      current.close().subscribe({ complete: () => teardown(), error: () => teardown() });
    } else {
      teardown();
    }
  }

  return {
    handle(effect) {
      switch (effect.type) {
        case 'effect.connect':
          return connect(effect);
        case 'effect.secure':
          return secure(effect);
        case 'effect.authenticate':
          return authenticate(effect);
        case 'effect.keepalive':
          return keepalive(effect);
        case 'effect.close':
          return close(effect);
      }
    },
    events$: events.asObservable(),
    messages$: messages.asObservable(),
    send(message) {
      outbox.add(message);
      const current = session;
      if (current !== null && current.phase === 'online' && !settled) outbox.flush(current, current.acksEnabled);
    },
    delivered$: outbox.delivered$,
    pending: () => outbox.pending(),
    get session() {
      return session;
    },
    dispose() {
      settled = true;
      teardown();
      events.complete();
      messages.complete();
      outbox.complete();
    },
  };
}

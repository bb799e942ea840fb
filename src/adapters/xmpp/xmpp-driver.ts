// The XMPP driver on the generic connection runner (../runtime/connection-runner.ts), like every
// other protocol's: the runner owns the attempts and turns each step's answer into the connection
// machine's event; this driver only speaks XMPP, one session per attempt.
//   connect      → the runner's TCP connect, then open the stream   → TRANSPORT.CONNECTED / FAILED
//   secure       → STARTTLS + TLS upgrade (the domain)             → TLS.SECURED / TLS.FAILED
//   authenticate → SASL + bind + acks + initial presence           → AUTH.OK / AUTH.FAILED / DROPPED
//   keepalive    → XEP-0199 ping                                   → KEEPALIVE.ACK
//   a stream that ends by itself                                   → TRANSPORT.DROPPED / SESSION.ENDED
// Messages go through an outbox kept across reconnects: a message leaves it when the server
// acknowledged it (XEP-0198), so what was sent while the link was down is sent after it returns,
// and incoming messages are de-duplicated by (sender, id) so a resend is seen once.
import { concatMap, firstValueFrom, from, map, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { TlsVersion } from '../../machines/connection/contract.ts';
import type { AttemptContext, AuthStep, ConnectionDriver, ConnectStep, SecureStep } from '../runtime/connection-driver.ts';
import { loginStepOf } from '../runtime/login-failure.ts';
import { tlsFailureOf, transportFailureOf, transportFailureOfEnd } from './connection-events.ts';
import { bareOf } from './jid.ts';
import { loginFailureOfXmpp } from './login-failure.ts';
import { createOutbox, type OutgoingChat } from './outbox.ts';
import type { XmppCredentials } from './sasl.ts';
import { createXmppSession, type UpgradeTls, type XmppChatMessage, type XmppSession, type XmppTimeouts } from './session.ts';

export interface XmppDriverOptions {
  /**
   * The user's XMPP id (the OCI profile's Integrated IM&P id), or where to read it at each connect
   * (null: not known yet, the attempt fails and is retried).
   */
  jid: string | (() => string | null);
  resource: string;
  /** Trusted CAs for the server certificate (the lab CA in tests). */
  ca?: string[];
  timeouts?: Partial<XmppTimeouts>;
  /** The session's time source (step and ping timeouts, the TLS upgrade). */
  scheduler?: SchedulerLike;
  random: (size: number) => Uint8Array;
  /** The credential store, asked at each authentication; the password never enters an event. */
  credentials: () => XmppCredentials | Promise<XmppCredentials>;
  upgradeTls?: UpgradeTls;
  /** How many (sender, id) pairs are remembered to drop duplicates. Default 1000. */
  dedupeWindow?: number;
}

export interface XmppDriver extends ConnectionDriver {
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
  /** True while the current session is logged in. */
  readonly online: boolean;
  dispose(): void;
}

/**
 * @example
 * const driver = createXmppDriver({ jid: 'ann@xmpp.example.com', resource: 'unity-desk1', random, credentials });
 * const runner = createConnectionRunner({ name: 'xmpp', system, driver, net });
 * actor.on('*', (effect) => runner.handle(effect));
 */
export function createXmppDriver(options: XmppDriverOptions): XmppDriver {
  const messages = new Subject<XmppChatMessage>();
  const outbox = createOutbox();
  const seen: string[] = [];
  const seenSet = new Set<string>();
  const dedupeWindow = options.dedupeWindow ?? 1000;
  const jidOf = typeof options.jid === 'string' ? ((jid: string) => () => jid)(options.jid) : options.jid;

  /** The current attempt's session and what listens to it. */
  let current: { ctx: AttemptContext; session: XmppSession; subscriptions: Subscription[]; stepping: boolean } | null = null;
  let online = false;

  function teardown(): void {
    const c = current;
    current = null;
    online = false;
    if (c === null) return;
    for (const s of c.subscriptions) s.unsubscribe();
    c.session.destroy();
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

  /** The session of this attempt, or null when the runner has moved on. */
  const sessionOf = (ctx: AttemptContext): XmppSession | null => (current !== null && current.ctx === ctx && !ctx.closed ? current.session : null);

  return {
    async connect(ctx, _effect, tcp): Promise<ConnectStep> {
      teardown();
      const jid = jidOf();
      if (jid === null) return { type: 'TRANSPORT.FAILED', failure: { kind: 'peer-closed', message: 'no XMPP id is known for this user yet' } };
      const connected = await tcp();
      const socket = ctx.socket;
      if (connected.type !== 'TRANSPORT.CONNECTED' || socket === null || ctx.closed) return connected;
      const session = createXmppSession({
        jid,
        resource: options.resource,
        random: options.random,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        ...(options.upgradeTls ? { upgradeTls: options.upgradeTls } : {}),
      });
      let opened = false;
      const attempt = { ctx, session, subscriptions: [] as Subscription[], stepping: false };
      const subscriptions: Subscription[] = [
        session.messages$.subscribe(onIncoming),
        session.acked$.subscribe((id) => outbox.delivered(id)),
        session.end$.subscribe((end) => {
          const wasOnline = online;
          online = false;
          // Before the stream is open, and while a step runs, the step itself answers (its own
          // failure first, e.g. the TLS cause, then the stream's end).
          if (end.reason === 'client-close' || !opened || attempt.stepping) return;
          // RFC 6120 §4.9: the server ended the session on purpose; its message (stream-errors.ts)
          // carries the condition and the server's own text. `conflict` (another login took the
          // resource) is not retried without the user (`replaced`); the others reconnect.
          if (end.reason === 'stream-error' && (wasOnline || !end.reconnect)) {
            ctx.sessionEnded(end.message, end.reconnect ? {} : { replaced: true });
          } else ctx.dropped(transportFailureOfEnd(end));
        }),
      ];
      attempt.subscriptions = subscriptions;
      current = attempt;
      try {
        await firstValueFrom(session.open(socket));
        opened = true;
        return { type: 'TRANSPORT.CONNECTED' };
      } catch (error) {
        return { type: 'TRANSPORT.FAILED', failure: transportFailureOf(error) };
      }
    },

    async secure(ctx, effect): Promise<SecureStep> {
      const session = sessionOf(ctx);
      if (session === null || current === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the XMPP stream is gone' } };
      const attempt = current;
      attempt.stepping = true;
      try {
        const { version } = await firstValueFrom(session.startTls({ version: effect.version }));
        if (session.phase === 'ended') return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the XMPP stream ended after STARTTLS' } };
        return { type: 'TLS.SECURED', version: (version ?? effect.version) as TlsVersion };
      } catch (error) {
        return { type: 'TLS.FAILED', failure: tlsFailureOf(error) };
      } finally {
        attempt.stepping = false;
      }
    },

    async authenticate(ctx): Promise<AuthStep> {
      const session = sessionOf(ctx);
      if (session === null || current === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the XMPP stream is gone' } };
      const attempt = current;
      attempt.stepping = true;
      try {
        const acks = await firstValueFrom(
          from(Promise.resolve().then(options.credentials)).pipe(
            // xmpp.md step 2: a plain endpoint still gets STARTTLS before any credential is sent.
            concatMap((credentials) =>
              session.phase === 'open' ? session.startTls().pipe(concatMap(() => session.authenticate(credentials))) : session.authenticate(credentials),
            ),
            concatMap(() => session.bind()),
            concatMap(() => session.enableAcks()),
            map((enabled) => {
              session.sendPresence();
              return enabled;
            }),
          ),
        );
        if (sessionOf(ctx) !== session) return { type: 'AUTH.OK' }; // abandoned meanwhile: the runner ignores it
        // The stream ended as the last step finished (its end was the step's to tell).
        if (session.phase === 'ended') return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the XMPP stream ended during the login' } };
        online = true;
        outbox.flush(session, acks);
        return { type: 'AUTH.OK' };
      } catch (error) {
        // The one login policy (../runtime/login-failure.ts): only the server's refusal of the
        // credentials waits for new ones; anything else is a drop, retried in 15 s.
        return loginStepOf(loginFailureOfXmpp(error));
      } finally {
        attempt.stepping = false;
      }
    },

    async keepalive(ctx) {
      const session = sessionOf(ctx);
      if (session === null) return false;
      // A missing pong is the machine's keepalive timeout (or the session's ping timeout → a drop).
      return firstValueFrom(session.ping()).then(
        () => true,
        () => false,
      );
    },

    async close(ctx, reason) {
      const c = current;
      if (c === null || c.ctx !== ctx) return;
      online = false;
      if (reason === 'user') {
        // RFC 6120 §4.4: close the stream politely, then the socket.
        await firstValueFrom(c.session.close()).catch(() => undefined);
      }
      if (current === c) teardown();
    },

    messages$: messages.asObservable(),
    send(message) {
      outbox.add(message);
      const c = current;
      if (c !== null && online && !c.ctx.closed && c.session.phase === 'online') outbox.flush(c.session, c.session.acksEnabled);
    },
    delivered$: outbox.delivered$,
    pending: () => outbox.pending(),
    get session() {
      return current?.session ?? null;
    },
    get online() {
      return online;
    },
    dispose() {
      teardown();
      messages.complete();
      outbox.complete();
    },
  };
}

// The XMPP client engine (RFC 6120/6121, XEP-0199; protocols/xmpp.md) over the project's effects.
// Its steps map onto the connection machine: connect → open(socket); secure → startTls();
// authenticate → authenticate() + bind() + sendPresence(); online keepalive → ping(); a drop or a
// stream error → end$. It holds no clock (injected scheduler), no randomness (injected `random`) and
// no ids of its own for messages (the caller's, so an outbox can resend without duplicates).
import {
  asyncScheduler,
  catchError,
  concatMap,
  defer,
  EMPTY,
  map,
  Observable,
  of,
  ReplaySubject,
  Subject,
  take,
  tap,
  throwError,
  timeout,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { upgradeTls as upgradeTlsEffect } from '../../effects/tls-upgrade.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import { XmppFailure, type XmppStreamEnd } from './failure.ts';
import { parseBareJid } from './jid.ts';
import { NS_BIND, NS_CLIENT, NS_PING, NS_SM, NS_STREAM, NS_STREAM_ERRORS, NS_TLS } from './namespaces.ts';
import { authenticateSasl, type SaslMechanism, type XmppCredentials } from './sasl.ts';
import {
  bindRequest,
  chatMessage,
  initialPresence,
  iqError,
  iqResult,
  pingRequest,
  sessionRequest,
  startTlsRequest,
  streamError,
} from './stanzas.ts';
import { parseStreamFeatures, type StreamFeatures } from './stream-features.ts';
import { createStreamManagement, smAckRequest, smEnableRequest } from './stream-management.ts';
import type { StreamPort } from './stream-port.ts';
import { childElements, findChild, textOf, type XmlElement } from './xml-element.ts';
import { createXmlStreamReader, DEFAULT_XML_LIMITS, type XmlStreamEvent, type XmlStreamLimits } from './xml-stream-reader.ts';
import { STREAM_CLOSE, streamHeader } from './xml-writer.ts';

/** The shared TLS-upgrade effect, as the engine calls it (issue 5 "Effects"). */
export type UpgradeTls = (
  socket: ByteSocket,
  options: { servername: string; version?: TlsVersion; ca?: string[]; timeoutMs: number },
) => Observable<ByteSocket>;

export interface XmppTimeouts {
  /** Each negotiation answer (features, proceed, SASL, bind). */
  stepMs: number;
  /** The TLS handshake. */
  tlsMs: number;
  /** XEP-0199: a pong later than this means the link is dead. */
  pingMs: number;
  /** Waiting for the server's </stream:stream> after ours. */
  closeMs: number;
}

export const DEFAULT_XMPP_TIMEOUTS: XmppTimeouts = { stepMs: 10_000, tlsMs: 10_000, pingMs: 10_000, closeMs: 2_000 };

export interface XmppSessionOptions {
  /** The user's bare JID (the OCI profile's IMP ID): its domain is the stream `to` and the TLS name. */
  jid: string;
  resource: string;
  /** Default: the shared effect (src/effects/tls-upgrade.ts) on `scheduler`. */
  upgradeTls?: UpgradeTls;
  /** Trusted CA certificates (PEM) for the server certificate. */
  ca?: string[];
  timeouts?: Partial<XmppTimeouts>;
  scheduler?: SchedulerLike;
  /** Random bytes for the SCRAM client nonce. */
  random: (size: number) => Uint8Array;
  limits?: XmlStreamLimits;
}

export type XmppSessionPhase = 'idle' | 'open' | 'secured' | 'authenticated' | 'online' | 'ended';

export interface XmppChatMessage {
  id: string | undefined;
  from: string | undefined;
  to: string | undefined;
  type: string;
  body: string;
}

export interface XmppSession {
  readonly phase: XmppSessionPhase;
  /** The negotiated TLS version once secured (e.g. 'TLSv1.3'), else null. */
  readonly tlsVersion: string | null;
  /** The full JID the server bound, once online. */
  readonly boundJid: string | null;
  /** Starts the stream on a connected socket; emits the first features. */
  open(socket: ByteSocket): Observable<StreamFeatures>;
  /** STARTTLS then the TLS upgrade of the same socket, then a new stream; refuses when not offered. */
  startTls(options?: { version?: TlsVersion }): Observable<{ version: string | null; features: StreamFeatures }>;
  /** SASL over TLS only; emits the mechanism used once the new stream's features arrived. */
  authenticate(credentials: XmppCredentials): Observable<SaslMechanism>;
  /** Binds the resource; emits the full JID. */
  bind(): Observable<string>;
  /** RFC 6121 §4.2: initial presence, after which the server routes messages to us. */
  sendPresence(): void;
  /** A chat message with the caller's id (the same id on a resend). With acks on, an ack is requested. */
  sendMessage(message: { id: string; to: string; body: string }): void;
  /**
   * XEP-0198 acks (no resumption), after bind: emits true when the server acknowledges stanzas from
   * now on, false when it does not offer or refuses stream management.
   */
  enableAcks(): Observable<boolean>;
  /** Whether XEP-0198 acks are on. */
  readonly acksEnabled: boolean;
  /** Ids of sent messages the server acknowledged (acks on only). */
  readonly acked$: Observable<string>;
  /** Ids of sent messages not acknowledged yet (acks on only). */
  unacked(): string[];
  /** XEP-0199 ping; completes on the answer, errors with 'ping-timeout' (and ends the stream) without one. */
  ping(): Observable<void>;
  /** Every top-level stanza received. */
  readonly stanzas$: Observable<XmlElement>;
  /** Incoming chat/normal messages with a body. */
  readonly messages$: Observable<XmppChatMessage>;
  /** Emits once when the stream ends, how it ended, then completes (replayed to late subscribers). */
  readonly end$: Observable<XmppStreamEnd>;
  /** Closes the stream politely (RFC 6120 §4.4), then the socket. */
  close(): Observable<void>;
  /** Tears the socket down at once. */
  destroy(): void;
}

export function createXmppSession(options: XmppSessionOptions): XmppSession {
  const { local, domain } = parseBareJid(options.jid);
  const timeouts: XmppTimeouts = { ...DEFAULT_XMPP_TIMEOUTS, ...options.timeouts };
  const scheduler = options.scheduler ?? asyncScheduler;
  const limits = options.limits ?? DEFAULT_XML_LIMITS;
  const upgradeTls: UpgradeTls = options.upgradeTls ?? ((socket, o) => upgradeTlsEffect(socket, { ...o, scheduler }));

  const incoming = new Subject<XmlStreamEvent>();
  const stanzas = new Subject<XmlElement>();
  const messages = new Subject<XmppChatMessage>();
  const ends = new ReplaySubject<XmppStreamEnd>(1);

  let phase: XmppSessionPhase = 'idle';
  let socket: ByteSocket | null = null;
  let socketSubscription: Subscription | null = null;
  let features: StreamFeatures | null = null;
  let secure = false;
  let tlsVersion: string | null = null;
  let boundJid: string | null = null;
  let ended: XmppStreamEnd | null = null;
  let closing = false;
  let generation = 0;
  let iqCounter = 0;

  const nextIqId = (kind: string): string => `uc-${kind}-${++iqCounter}`;
  const sm = createStreamManagement((xml) => write(xml));

  /** Every stanza goes through here so XEP-0198 can count it. */
  function sendStanza(xml: string, messageId?: string): void {
    write(xml);
    sm.sent(messageId);
  }

  function write(xml: string): void {
    socket?.write(xml);
  }

  function finish(end: XmppStreamEnd, how: 'destroy' | 'end'): void {
    if (ended !== null) return;
    ended = end;
    phase = 'ended';
    generation++;
    socketSubscription?.unsubscribe();
    socketSubscription = null;
    const current = socket;
    if (current !== null) {
      if (how === 'destroy') current.destroy();
      else {
        current.end();
        // A server that never closes its side must not keep the socket alive.
        scheduler.schedule(() => current.destroy(), timeouts.closeMs);
      }
    }
    ends.next(end);
    ends.complete();
    incoming.complete();
    stanzas.complete();
    messages.complete();
    sm.complete();
  }

  function attach(next: ByteSocket): void {
    socket = next;
    restartReader();
    socketSubscription = next.data$.subscribe({
      next: (bytes) => currentReaderPush(bytes),
      error: (cause: unknown) =>
        finish(closing ? { reason: 'client-close', reconnect: false } : { reason: 'socket-error', cause, reconnect: true }, 'destroy'),
      complete: () =>
        finish(closing ? { reason: 'client-close', reconnect: false } : { reason: 'socket-closed', reconnect: true }, 'destroy'),
    });
  }

  function detach(): ByteSocket | null {
    generation++;
    socketSubscription?.unsubscribe();
    socketSubscription = null;
    const current = socket;
    socket = null;
    return current;
  }

  let currentReaderPush: (bytes: Uint8Array) => void = () => undefined;

  /** RFC 6120 §4.3.3: after TLS and after SASL both sides start a new stream from scratch. */
  function restartReader(): void {
    const mine = ++generation;
    const reader = createXmlStreamReader((event) => {
      if (mine === generation) onStreamEvent(event);
    }, limits);
    currentReaderPush = (bytes) => reader.push(bytes);
  }

  function onStreamEvent(event: XmlStreamEvent): void {
    switch (event.type) {
      case 'error':
        // RFC 6120 §4.9.3: bad XML or a broken limit is a stream error; the stream is over.
        write(streamError(/exceeded|deeper/.test(event.detail) ? 'policy-violation' : 'not-well-formed') + STREAM_CLOSE);
        finish({ reason: 'protocol-error', detail: event.detail, reconnect: true }, 'end');
        return;
      case 'stream-close':
        if (!closing) write(STREAM_CLOSE);
        finish(closing ? { reason: 'client-close', reconnect: false } : { reason: 'socket-closed', reconnect: true }, 'end');
        return;
      case 'stream-open':
        incoming.next(event);
        return;
      case 'stanza':
        if (sm.received(event.element)) return;
        onStanza(event.element);
        if (ended === null) incoming.next(event);
    }
  }

  function onStanza(stanza: XmlElement): void {
    if (stanza.ns === NS_STREAM && stanza.name === 'error') {
      // protocols/xmpp.md step 6: only `conflict` (another login took the resource) must not auto-reconnect.
      const conditionElement = childElements(stanza).find((c) => c.ns === NS_STREAM_ERRORS && c.name !== 'text');
      const condition = conditionElement?.name ?? 'undefined-condition';
      const textElement = findChild(stanza, 'text', NS_STREAM_ERRORS);
      write(STREAM_CLOSE);
      finish(
        { reason: 'stream-error', condition, text: textElement === undefined ? undefined : textOf(textElement), reconnect: condition !== 'conflict' },
        'end',
      );
      return;
    }
    if (stanza.ns === NS_CLIENT && stanza.name === 'iq') answerServerIq(stanza);
    if (stanza.ns === NS_CLIENT && stanza.name === 'message') {
      const body = findChild(stanza, 'body', NS_CLIENT);
      const type = stanza.attrs.type ?? 'normal';
      if (body !== undefined && (type === 'chat' || type === 'normal')) {
        messages.next({ id: stanza.attrs.id, from: stanza.attrs.from, to: stanza.attrs.to, type, body: textOf(body) });
      }
    }
    stanzas.next(stanza);
  }

  /** RFC 6120 §8.2.3 and XEP-0199 §4.1: answer the server's pings; refuse other requests. */
  function answerServerIq(iq: XmlElement): void {
    const type = iq.attrs.type;
    const id = iq.attrs.id;
    if ((type !== 'get' && type !== 'set') || id === undefined) return;
    if (type === 'get' && findChild(iq, 'ping', NS_PING) !== undefined) sendStanza(iqResult(id, iq.attrs.from));
    else sendStanza(iqError(id, iq.attrs.from, 'service-unavailable'));
  }

  function endedFailure(end: XmppStreamEnd): XmppFailure {
    const how = end.reason === 'stream-error' ? `stream error ${end.condition}` : end.reason;
    return new XmppFailure('stream-ended', `the XMPP stream ended (${how})`, { end });
  }

  function request<T>(
    xml: string | null,
    pick: (stanza: XmlElement) => T | undefined,
    what: string,
    timeoutMs = timeouts.stepMs,
    send: () => void = () => {
      if (xml !== null) write(xml);
    },
  ): Observable<T> {
    return new Observable<T>((subscriber) => {
      if (ended !== null) {
        subscriber.error(endedFailure(ended));
        return undefined;
      }
      const onEvents = incoming.subscribe((event) => {
        if (event.type !== 'stanza') return;
        let value: T | undefined;
        try {
          value = pick(event.element);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (value === undefined) return;
        subscriber.next(value);
        subscriber.complete();
      });
      const onEnd = ends.subscribe((end) => subscriber.error(endedFailure(end)));
      const timer = scheduler.schedule(
        () => subscriber.error(new XmppFailure('step-timeout', `no answer to ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      send();
      return () => {
        onEvents.unsubscribe();
        onEnd.unsubscribe();
        timer.unsubscribe();
      };
    });
  }

  const port: StreamPort = { write, request };

  /** Sends a stream header and waits for the server's header and features. */
  function openStream(): Observable<StreamFeatures> {
    const header = streamHeader(domain, secure ? `${local}@${domain}` : undefined);
    return request(
      header,
      (stanza) => (stanza.ns === NS_STREAM && stanza.name === 'features' ? parseStreamFeatures(stanza) : undefined),
      'the stream header',
    ).pipe(
      tap((f) => {
        features = f;
      }),
    );
  }

  function requirePhase(expected: XmppSessionPhase, step: string): Observable<never> | null {
    if (ended !== null) return throwError(() => endedFailure(ended as XmppStreamEnd));
    if (phase !== expected) return throwError(() => new XmppFailure('invalid-state', `${step} needs phase ${expected}, not ${phase}`));
    return null;
  }

  return {
    get phase() {
      return phase;
    },
    get tlsVersion() {
      return tlsVersion;
    },
    get boundJid() {
      return boundJid;
    },
    stanzas$: stanzas.asObservable(),
    messages$: messages.asObservable(),
    end$: ends.asObservable(),

    open(next: ByteSocket): Observable<StreamFeatures> {
      return defer(() => {
        const wrong = requirePhase('idle', 'open');
        if (wrong !== null) return wrong;
        attach(next);
        return openStream().pipe(
          tap(() => {
            phase = 'open';
          }),
        );
      });
    },

    startTls(tlsOptions = {}) {
      return defer(() => {
        const wrong = requirePhase('open', 'startTls');
        if (wrong !== null) return wrong;
        // protocols/xmpp.md step 2: never go on without TLS.
        if (features?.starttls == null) {
          return throwError(() => new XmppFailure('starttls-not-offered', `the XMPP server ${domain} does not offer STARTTLS; refusing to continue in the clear`));
        }
        return request(
          startTlsRequest(),
          (stanza) => {
            if (stanza.ns !== NS_TLS) return undefined;
            if (stanza.name === 'failure') throw new XmppFailure('starttls-refused', `the XMPP server ${domain} refused STARTTLS`);
            return stanza.name === 'proceed' ? true : undefined;
          },
          'STARTTLS',
        ).pipe(
          concatMap(() => {
            const plain = detach();
            if (plain === null) return throwError(() => new XmppFailure('invalid-state', 'no socket to upgrade'));
            socket = plain; // kept so finish() can destroy it if the upgrade fails
            const upgradeOptions = { servername: domain, timeoutMs: timeouts.tlsMs, ...(options.ca ? { ca: options.ca } : {}), ...(tlsOptions.version ? { version: tlsOptions.version } : {}) };
            return new Observable<ByteSocket>((subscriber) =>
              upgradeTls(plain, upgradeOptions).pipe(take(1)).subscribe({
                next: (secured) => subscriber.next(secured),
                complete: () => subscriber.complete(),
                error: (cause: unknown) => {
                  finish({ reason: 'socket-error', cause, reconnect: true }, 'destroy');
                  const detail = typeof cause === 'object' && cause !== null && 'message' in cause ? String((cause as { message: unknown }).message) : String(cause);
                  subscriber.error(new XmppFailure('tls-upgrade-failed', `TLS with ${domain} failed: ${detail}`, { cause }));
                },
              }),
            );
          }),
          concatMap((secured) => {
            socket = null;
            attach(secured);
            secure = true;
            tlsVersion = secured.info.tls?.version ?? null;
            return openStream();
          }),
          tap(() => {
            phase = 'secured';
          }),
          map((f) => ({ version: tlsVersion, features: f })),
        );
      });
    },

    authenticate(credentials: XmppCredentials) {
      return defer(() => {
        if (ended === null && phase === 'open') {
          return throwError(() => new XmppFailure('not-secure', 'refusing to authenticate before TLS (protocols/xmpp.md step 2)'));
        }
        const wrong = requirePhase('secured', 'authenticate');
        if (wrong !== null) return wrong;
        const context = { username: local, mechanisms: features?.mechanisms ?? [], secure, random: options.random };
        return authenticateSasl(port, context, credentials).pipe(
          concatMap((mechanism) => {
            restartReader();
            return openStream().pipe(map(() => mechanism));
          }),
          tap(() => {
            phase = 'authenticated';
          }),
        );
      });
    },

    bind() {
      return defer(() => {
        const wrong = requirePhase('authenticated', 'bind');
        if (wrong !== null) return wrong;
        if (!features?.bind) return throwError(() => new XmppFailure('bind-failed', 'the server does not offer resource binding'));
        const id = nextIqId('bind');
        const bound = request(
          bindRequest(id, options.resource),
          (stanza) => {
            if (stanza.name !== 'iq' || stanza.attrs.id !== id) return undefined;
            const jid = findChild(stanza, 'bind', NS_BIND);
            const jidText = jid === undefined ? undefined : findChild(jid, 'jid', NS_BIND);
            if (stanza.attrs.type !== 'result' || jidText === undefined) {
              const condition = childElements(findChild(stanza, 'error') ?? stanza)[0]?.name;
              throw new XmppFailure('bind-failed', `resource binding failed (${condition ?? 'no JID'})`, condition ? { condition } : {});
            }
            return textOf(jidText).trim();
          },
          'resource binding',
        );
        // RFC 6121 Appendix E: only an old server insists on a session request.
        const sessionId = nextIqId('session');
        const session = (jid: string): Observable<string> =>
          features?.session !== 'required'
            ? new Observable<string>((s) => {
                s.next(jid);
                s.complete();
              })
            : request(sessionRequest(sessionId, domain), (st) => (st.name === 'iq' && st.attrs.id === sessionId ? jid : undefined), 'session');
        return bound.pipe(
          concatMap(session),
          tap((jid) => {
            boundJid = jid;
            phase = 'online';
          }),
        );
      });
    },

    sendPresence() {
      if (ended !== null) throw endedFailure(ended);
      if (phase !== 'online') throw new XmppFailure('invalid-state', `presence needs phase online, not ${phase}`);
      sendStanza(initialPresence());
    },

    sendMessage(message) {
      if (ended !== null) throw endedFailure(ended);
      if (phase !== 'online') throw new XmppFailure('invalid-state', `a message needs phase online, not ${phase}`);
      sendStanza(chatMessage(message), message.id);
      if (sm.enabled) write(smAckRequest());
    },

    get acksEnabled() {
      return sm.enabled;
    },
    acked$: sm.acked$,
    unacked: () => sm.unacked(),

    enableAcks() {
      return defer(() => {
        const wrong = requirePhase('online', 'enableAcks');
        if (wrong !== null) return wrong;
        if (!features?.sm) return of(false);
        return request(
          smEnableRequest(),
          (stanza) => (stanza.ns === NS_SM && (stanza.name === 'enabled' || stanza.name === 'failed') ? stanza.name === 'enabled' : undefined),
          'XEP-0198 enable',
        ).pipe(
          tap((on) => {
            if (on) sm.enable();
          }),
        );
      });
    },

    ping() {
      return defer(() => {
        const wrong = requirePhase('online', 'ping');
        if (wrong !== null) return wrong;
        const id = nextIqId('ping');
        // XEP-0199 §4.2: a result or an error both prove the link is alive.
        return request(
          null,
          (stanza) => (stanza.name === 'iq' && stanza.attrs.id === id && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error') ? true : undefined),
          'ping',
          timeouts.pingMs,
          () => sendStanza(pingRequest(id, domain)),
        ).pipe(
          map(() => undefined),
          catchError((error: unknown) => {
            if (!(error instanceof XmppFailure) || error.code !== 'step-timeout') throw error;
            finish({ reason: 'ping-timeout', reconnect: true }, 'destroy');
            throw new XmppFailure('ping-timeout', `no XEP-0199 pong within ${timeouts.pingMs} ms; the XMPP link is dead`);
          }),
        );
      });
    },

    close() {
      return defer(() => {
        if (ended !== null) return EMPTY;
        closing = true;
        write(STREAM_CLOSE);
        return ends.pipe(
          timeout({
            first: timeouts.closeMs,
            scheduler,
            with: () => {
              finish({ reason: 'client-close', reconnect: false }, 'destroy');
              return EMPTY;
            },
          }),
          take(1),
          map(() => undefined),
        );
      });
    },

    destroy() {
      closing = true;
      finish({ reason: 'client-close', reconnect: false }, 'destroy');
    },
  };
}

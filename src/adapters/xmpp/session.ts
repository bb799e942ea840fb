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
  Subject,
  take,
  tap,
  throwError,
  timeout,
  type SchedulerLike,
} from 'rxjs';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import type { TlsChannelBindingType } from '../../effects/tls-channel-binding.ts';
import { upgradeTls as upgradeTlsEffect } from '../../effects/tls-upgrade.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import { XmppFailure, type XmppStreamEnd } from './failure.ts';
import { parseBareJid } from './jid.ts';
import { NS_BIND, NS_CLIENT, NS_PING, NS_SM, NS_STREAM, NS_TLS } from './namespaces.ts';
import { authenticateSasl, type SaslMechanism, type SaslOutcome, type XmppCredentials } from './sasl.ts';
import { bindRequest, chatMessage, initialPresence, iqError, iqResult, pingRequest, sessionRequest, startTlsRequest } from './stanzas.ts';
import { parseStreamFeatures, type StreamFeatures } from './stream-features.ts';
import { createStreamManagement, smAckRequest, smEnableRequest } from './stream-management.ts';
import { childElements, findChild, textOf, type XmlElement } from './xml-element.ts';
import { DEFAULT_XML_LIMITS, type XmlStreamLimits } from './xml-stream-reader.ts';
import { STREAM_CLOSE, streamHeader } from './xml-writer.ts';
import { createXmppStream } from './xmpp-stream.ts';

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
  /** The SASL mechanism and channel binding the login used, once authenticated. */
  readonly sasl: SaslOutcome | null;
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
  const upgradeTls: UpgradeTls = options.upgradeTls ?? ((socket, o) => upgradeTlsEffect(socket, { ...o, scheduler }));

  const stanzas = new Subject<XmlElement>();
  const messages = new Subject<XmppChatMessage>();

  let phase: XmppSessionPhase = 'idle';
  let features: StreamFeatures | null = null;
  let secure = false;
  let tlsVersion: string | null = null;
  /** The TLS socket, for its channel bindings (RFC 5056). */
  let tlsSocket: ByteSocket | null = null;
  let boundJid: string | null = null;
  let saslOutcome: SaslOutcome | null = null;
  let iqCounter = 0;

  const nextIqId = (kind: string): string => `uc-${kind}-${++iqCounter}`;
  const stream = createXmppStream({
    domain,
    limits: options.limits ?? DEFAULT_XML_LIMITS,
    scheduler,
    stepMs: timeouts.stepMs,
    closeMs: timeouts.closeMs,
    onStanza: (stanza) => {
      if (sm.received(stanza)) return true;
      onStanza(stanza);
      return false;
    },
  });
  const sm = createStreamManagement((xml) => stream.write(xml));
  stream.end$.subscribe({
    complete: () => {
      stanzas.complete();
      messages.complete();
      sm.complete();
    },
  });

  /** Every stanza goes through here so XEP-0198 can count it. */
  function sendStanza(xml: string, messageId?: string): void {
    stream.write(xml);
    sm.sent(messageId);
  }

  function onStanza(stanza: XmlElement): void {
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

  /** Sends a stream header and waits for the server's header and features. */
  function openStream(): Observable<StreamFeatures> {
    const header = streamHeader(domain, secure ? `${local}@${domain}` : undefined);
    return stream.request(
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
    const ended = stream.ended;
    if (ended !== null) return throwError(() => stream.failureOf(ended));
    if (phase !== expected) return throwError(() => new XmppFailure('invalid-state', `${step} needs phase ${expected}, not ${phase}`));
    return null;
  }

  return {
    get phase() {
      return stream.ended === null ? phase : 'ended';
    },
    get tlsVersion() {
      return tlsVersion;
    },
    get boundJid() {
      return boundJid;
    },
    get sasl() {
      return saslOutcome;
    },
    stanzas$: stanzas.asObservable(),
    messages$: messages.asObservable(),
    end$: stream.end$,

    open(next: ByteSocket): Observable<StreamFeatures> {
      return defer(() => {
        const wrong = requirePhase('idle', 'open');
        if (wrong !== null) return wrong;
        stream.attach(next);
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
        return stream.request(
          startTlsRequest(),
          (stanza) => {
            if (stanza.ns !== NS_TLS) return undefined;
            if (stanza.name === 'failure') throw new XmppFailure('starttls-refused', `the XMPP server ${domain} refused STARTTLS`);
            return stanza.name === 'proceed' ? true : undefined;
          },
          'STARTTLS',
        ).pipe(
          concatMap(() => {
            const plain = stream.release();
            if (plain === null) return throwError(() => new XmppFailure('invalid-state', 'no socket to upgrade'));
            const upgradeOptions = { servername: domain, timeoutMs: timeouts.tlsMs, ...(options.ca ? { ca: options.ca } : {}), ...(tlsOptions.version ? { version: tlsOptions.version } : {}) };
            return new Observable<ByteSocket>((subscriber) =>
              upgradeTls(plain, upgradeOptions).pipe(take(1)).subscribe({
                next: (secured) => subscriber.next(secured),
                complete: () => subscriber.complete(),
                error: (cause: unknown) => {
                  const detail = typeof cause === 'object' && cause !== null && 'message' in cause ? String((cause as { message: unknown }).message) : String(cause);
                  // The step's failure first (the TLS cause), then the stream's end.
                  subscriber.error(new XmppFailure('tls-upgrade-failed', `TLS with ${domain} failed: ${detail}`, { cause }));
                  stream.finish({ reason: 'socket-error', cause, reconnect: true }, 'destroy');
                },
              }),
            );
          }),
          concatMap((secured) => {
            stream.attach(secured);
            secure = true;
            tlsSocket = secured;
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
        if (stream.ended === null && phase === 'open') {
          return throwError(() => new XmppFailure('not-secure', `refusing to log in to the XMPP server ${domain} before TLS: the password is never sent in the clear`));
        }
        const wrong = requirePhase('secured', 'authenticate');
        if (wrong !== null) return wrong;
        const bound = tlsSocket;
        const context = {
          username: local,
          domain,
          mechanisms: features?.mechanisms ?? [],
          secure,
          tlsVersion,
          serverBindings: features?.channelBindings ?? undefined,
          channelBinding: bound?.channelBinding ? (type: TlsChannelBindingType) => bound.channelBinding?.(type) ?? null : undefined,
          random: options.random,
        };
        return authenticateSasl(stream, context, credentials).pipe(
          concatMap((outcome) => {
            saslOutcome = outcome;
            stream.restart();
            return openStream().pipe(map(() => outcome.mechanism));
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
        const bound = stream.request(
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
            : stream.request(sessionRequest(sessionId, domain), (st) => (st.name === 'iq' && st.attrs.id === sessionId ? jid : undefined), 'session');
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
      if (stream.ended !== null) throw stream.failureOf(stream.ended);
      if (phase !== 'online') throw new XmppFailure('invalid-state', `presence needs phase online, not ${phase}`);
      sendStanza(initialPresence());
    },

    sendMessage(message) {
      if (stream.ended !== null) throw stream.failureOf(stream.ended);
      if (phase !== 'online') throw new XmppFailure('invalid-state', `a message needs phase online, not ${phase}`);
      sendStanza(chatMessage(message), message.id);
      if (sm.enabled) stream.write(smAckRequest());
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
        return stream.request(
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
        return stream.request(
          null,
          (stanza) => (stanza.name === 'iq' && stanza.attrs.id === id && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error') ? true : undefined),
          'ping',
          timeouts.pingMs,
          () => sendStanza(pingRequest(id, domain)),
        ).pipe(
          map(() => undefined),
          catchError((error: unknown) => {
            if (!(error instanceof XmppFailure) || error.code !== 'step-timeout') throw error;
            stream.finish({ reason: 'ping-timeout', reconnect: true }, 'destroy');
            throw new XmppFailure('ping-timeout', `no XEP-0199 pong within ${timeouts.pingMs} ms; the XMPP link is dead`);
          }),
        );
      });
    },

    close() {
      return defer(() => {
        if (stream.ended !== null) return EMPTY;
        stream.closing();
        stream.write(STREAM_CLOSE);
        return stream.end$.pipe(
          timeout({
            first: timeouts.closeMs,
            scheduler,
            with: () => {
              stream.finish({ reason: 'client-close', reconnect: false }, 'destroy');
              return EMPTY;
            },
          }),
          take(1),
          map(() => undefined),
        );
      });
    },

    destroy() {
      stream.closing();
      stream.finish({ reason: 'client-close', reconnect: false }, 'destroy');
    },
  };
}

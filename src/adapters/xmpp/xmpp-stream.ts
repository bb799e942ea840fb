// One XMPP stream over a ByteSocket (RFC 6120 §4): feeds the socket's bytes to a fresh XML reader
// (again after TLS and after SASL, §4.3.3), turns stream errors, bad XML and the socket's end into
// one XmppStreamEnd, and offers request/answer waits with a timeout on the injected scheduler.
import { Observable, ReplaySubject, Subject, type SchedulerLike, type Subscription } from 'rxjs';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { XmppFailure, type XmppStreamEnd } from './failure.ts';
import { NS_STREAM, NS_STREAM_ERRORS } from './namespaces.ts';
import { streamError } from './stanzas.ts';
import { describeStreamError } from './stream-errors.ts';
import type { StreamPort } from './stream-port.ts';
import { childElements, findChild, textOf, type XmlElement } from './xml-element.ts';
import { createXmlStreamReader, type XmlStreamLimits } from './xml-stream-reader.ts';
import { STREAM_CLOSE } from './xml-writer.ts';

export interface XmppStreamOptions {
  /** The XMPP domain, for the messages of stream errors. */
  domain: string;
  limits: XmlStreamLimits;
  scheduler: SchedulerLike;
  /** Default wait for an answer in request(). */
  stepMs: number;
  /** After our side ended the socket, how long the server gets to close its side. */
  closeMs: number;
  /** Sees each stanza first; returning true keeps it from request() waiters. */
  onStanza: (stanza: XmlElement) => boolean;
}

export interface XmppStream extends StreamPort {
  readonly ended: XmppStreamEnd | null;
  /** Emits once, how the stream ended, then completes (replayed to late subscribers). */
  readonly end$: Observable<XmppStreamEnd>;
  /** Reads from this socket with a fresh XML reader. */
  attach(socket: ByteSocket): void;
  /** Stops reading and hands the socket over (STARTTLS); it is still destroyed if the stream ends. */
  release(): ByteSocket | null;
  /** A new stream on the same socket (after SASL success). */
  restart(): void;
  /** From now on the end of the stream is the client's own close. */
  closing(): void;
  finish(end: XmppStreamEnd, how: 'destroy' | 'end'): void;
  failureOf(end: XmppStreamEnd): XmppFailure;
}

export function createXmppStream(options: XmppStreamOptions): XmppStream {
  const answers = new Subject<XmlElement>();
  const ends = new ReplaySubject<XmppStreamEnd>(1);
  let socket: ByteSocket | null = null;
  let subscription: Subscription | null = null;
  let ended: XmppStreamEnd | null = null;
  let closingByClient = false;
  let generation = 0;
  let push: (bytes: Uint8Array) => void = () => undefined;

  const write = (xml: string): void => socket?.write(xml);
  const ownEnd = (other: XmppStreamEnd): XmppStreamEnd => (closingByClient ? { reason: 'client-close', reconnect: false } : other);

  function finish(end: XmppStreamEnd, how: 'destroy' | 'end'): void {
    if (ended !== null) return;
    ended = end;
    generation++;
    subscription?.unsubscribe();
    subscription = null;
    const current = socket;
    if (current !== null) {
      if (how === 'destroy') current.destroy();
      else {
        current.end();
        // A server that never closes its side must not keep the socket alive.
        options.scheduler.schedule(() => current.destroy(), options.closeMs);
      }
    }
    ends.next(end);
    ends.complete();
    answers.complete();
  }

  function onStanza(stanza: XmlElement): void {
    if (stanza.ns === NS_STREAM && stanza.name === 'error') {
      // RFC 6120 §4.9.2: one defined condition, an optional <text/>; only `conflict` (another login
      // took the resource) must not auto-reconnect (stream-errors.ts).
      const conditionElement = childElements(stanza).find((c) => c.ns === NS_STREAM_ERRORS && c.name !== 'text');
      const condition = conditionElement?.name ?? 'undefined-condition';
      const textElement = findChild(stanza, 'text', NS_STREAM_ERRORS);
      const text = textElement === undefined ? undefined : textOf(textElement);
      const detail = conditionElement === undefined ? undefined : textOf(conditionElement).trim() || undefined;
      const meaning = describeStreamError({ condition, text, detail, domain: options.domain });
      write(STREAM_CLOSE);
      finish({ reason: 'stream-error', condition, text, message: meaning.message, reconnect: meaning.reconnect }, 'end');
      return;
    }
    if (options.onStanza(stanza)) return;
    if (ended === null) answers.next(stanza);
  }

  function restart(): void {
    const mine = ++generation;
    const reader = createXmlStreamReader((event) => {
      if (mine !== generation) return; // a reader of a previous stream
      switch (event.type) {
        case 'error':
          // RFC 6120 §4.9.3: bad XML or a broken limit ends the stream with a stream error.
          write(streamError(event.condition) + STREAM_CLOSE);
          finish(ownEnd({ reason: 'protocol-error', detail: event.detail, reconnect: true }), 'end');
          return;
        case 'stream-close':
          if (!closingByClient) write(STREAM_CLOSE);
          finish(ownEnd({ reason: 'socket-closed', reconnect: true }), 'end');
          return;
        case 'stream-open':
          return;
        case 'stanza':
          onStanza(event.element);
      }
    }, options.limits);
    push = (bytes) => reader.push(bytes);
  }

  function failureOf(end: XmppStreamEnd): XmppFailure {
    if (end.reason === 'stream-error') return new XmppFailure('stream-ended', end.message, { end, condition: end.condition });
    return new XmppFailure('stream-ended', `the XMPP stream ended (${end.reason})`, { end });
  }

  function request<T>(
    xml: string | null,
    pick: (stanza: XmlElement) => T | undefined,
    what: string,
    timeoutMs = options.stepMs,
    send: () => void = () => {
      if (xml !== null) write(xml);
    },
  ): Observable<T> {
    return new Observable<T>((subscriber) => {
      if (ended !== null) {
        subscriber.error(failureOf(ended));
        return undefined;
      }
      const onAnswer = answers.subscribe((stanza) => {
        let value: T | undefined;
        try {
          value = pick(stanza);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (value === undefined) return;
        subscriber.next(value);
        subscriber.complete();
      });
      const onEnd = ends.subscribe((end) => subscriber.error(failureOf(end)));
      const timer = options.scheduler.schedule(
        () => subscriber.error(new XmppFailure('step-timeout', `no answer to ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      send();
      return () => {
        onAnswer.unsubscribe();
        onEnd.unsubscribe();
        timer.unsubscribe();
      };
    });
  }

  return {
    get ended() {
      return ended;
    },
    end$: ends.asObservable(),
    write,
    request,
    attach(next) {
      socket = next;
      restart();
      subscription = next.data$.subscribe({
        next: (bytes) => push(bytes),
        error: (cause: unknown) => finish(ownEnd({ reason: 'socket-error', cause, reconnect: true }), 'destroy'),
        complete: () => finish(ownEnd({ reason: 'socket-closed', reconnect: true }), 'destroy'),
      });
    },
    release() {
      generation++;
      subscription?.unsubscribe();
      subscription = null;
      return socket;
    },
    restart,
    closing() {
      closingByClient = true;
    },
    finish,
    failureOf,
  };
}

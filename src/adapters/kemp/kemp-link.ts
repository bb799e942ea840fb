// KEMP — Kakapo IM&P (kakapo.md §3) over one established (plain or TLS) connection: REGISTER,
// MESSAGE both ways, PING keepalive, BYE. Bodies are sealed with the key ring (AAD = the method,
// §1; nonce from the injected random source); every request carries this side's own `Seq` and gets
// exactly one response with the same Seq. Plain TypeScript + RxJS; nothing throws.
//
// Connection-machine steps (contract.ts): register() answers effect.authenticate (kind 'auth' →
// AUTH.FAILED); keepalive(seq) answers effect.keepalive; 'dropped' is TRANSPORT.DROPPED; a BYE from
// the server is 'session-ended' (SESSION.ENDED); close()/bye() answer effect.close.
import { asyncScheduler, Subject, type Observable, type SchedulerLike } from 'rxjs';
import { createEnvelopeCipher, NONCE_BYTES, type KeyRing } from '../../codecs/kakapo/cipher.ts';
import { openKempBody, sealKempBody, type KempBody, type KempRegister } from '../../codecs/kakapo/kemp-body.ts';
import type { KempFrame, KempMethod, KempRequest, KempResponse } from '../../codecs/kakapo/kemp-frame.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { transportFailureOfEnd, unansweredAtEnd } from '../shared/link-end.ts';
import { createPendingRequests } from '../shared/pending-requests.ts';
import type { KempFailure } from './kemp-failure.ts';
import { openKempStream } from './kemp-stream.ts';
import type { Outbox } from './outbox.ts';
import { createReceivedIds, type ReceivedIds } from './received-ids.ts';

/** `n` cryptographically random bytes (nonces); injected so the link itself stays deterministic. */
export type RandomBytes = (n: number) => Uint8Array;

export interface KempLinkOptions {
  socket: ByteSocket;
  /** kakapo.md §1: keys from configuration (DEVELOPMENT_KEY_RING only for the lab and the demo). */
  keyRing: KeyRing;
  keyId: string;
  random: RandomBytes;
  /** Ids already shown; pass the runtime's own so duplicates are dropped across reconnects. */
  received?: ReceivedIds;
  /** Per request (default 30 s), on `scheduler`. */
  requestTimeoutMs?: number;
  scheduler?: SchedulerLike;
}

/** seed §1.1: registration passes the login ID and the group or enterprise ID, nothing else; the
 * impToken is the project's addition (kakapo.md §3.2), absent only in legacy mode. */
export type KempRegisterRequest = KempRegister extends infer R ? (R extends KempRegister ? Omit<R, 'type'> : never) : never;

export interface KempRegistration {
  loginId: string;
  sessionId: string;
}

/** A message as the user queued it; its id is the outbox entry's id. */
export interface KempOutgoing {
  to: string;
  body: string;
  /** Epoch ms when the user sent it (the runtime's clock). */
  sent: number;
}

export interface KempInboundMessage {
  id: string;
  from: string;
  to: string;
  sent: number;
  body: string;
}

export interface KempFlushReport {
  /** Acknowledged with 200: settle them in the outbox. */
  delivered: string[];
  /** Refused for good (e.g. 404 unknown recipient): settle them and tell the user. */
  rejected: Array<{ id: string; status: number; message: string }>;
  /** Not answered (timeout, connection lost, not registered): they stay for the next link. */
  pending: string[];
}

export type KempLinkEvent =
  | { type: 'delivered'; id: string }
  | { type: 'rejected'; id: string; status: number; message: string }
  /** The server said BYE (e.g. shutdown): the session is over. */
  | { type: 'session-ended'; reason: string }
  | { type: 'protocol-error'; code: string; message: string }
  | { type: 'dropped'; kind: TransportFailureKind; message: string }
  /** A MESSAGE got no answer in time: issue 10 counts it as a missed keepalive answer. */
  | { type: 'unanswered'; what: string; timeoutMs: number };

export type KempSendResult = 'delivered' | 'pending' | { status: number; message: string };

export interface KempLink {
  readonly secure: boolean;
  readonly registration: KempRegistration | null;
  /** Inbound messages, each shown once (duplicates by id are acknowledged, not shown). */
  readonly messages$: Observable<KempInboundMessage>;
  readonly events$: Observable<KempLinkEvent>;
  register(request: KempRegisterRequest): Promise<Outcome<KempRegistration, KempFailure>>;
  /** Sends every queued message not already in flight on this link, with its own id. */
  flush(outbox: Outbox<KempOutgoing>): Promise<KempFlushReport>;
  /**
   * Sends one message with its own id and resolves with its own answer (kakapo.md §3.3): 200
   * delivered, another status rejected for good, no answer (timeout, connection lost, not
   * registered) pending — only then may it be sent again, on a later link.
   */
  send(id: string, message: KempOutgoing): Promise<KempSendResult>;
  /** PING → 200: the keepalive. */
  ping(): Promise<Outcome<void, KempFailure>>;
  keepalive(seq: number): Promise<Outcome<{ seq: number }, KempFailure>>;
  /** BYE, its 200, then the connection is closed. */
  bye(reason?: string): Promise<Outcome<void, KempFailure>>;
  close(): void;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request' };

export function createKempLink(options: KempLinkOptions): KempLink {
  const { socket, keyId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const cipher = createEnvelopeCipher(options.keyRing);
  const received = options.received ?? createReceivedIds();
  const stream = openKempStream(socket);
  const messages = new Subject<KempInboundMessage>();
  const events = new Subject<KempLinkEvent>();
  const pending = createPendingRequests<number, Outcome<KempResponse, KempFailure>>(scheduler);
  const inFlight = new Set<string>();
  let seq = 0;
  let registration: KempRegistration | null = null;
  let leaving = false;
  let sessionEnded = false;
  const host = socket.info.host;

  const protocolError = (code: string, message: string): void => events.next({ type: 'protocol-error', code, message });

  const write = (frame: KempFrame, body?: KempBody, aad?: KempMethod): Outcome<void, KempFailure> => {
    let out = frame;
    if (body !== undefined && aad !== undefined) {
      // kakapo.md §1: a fresh 12-byte nonce per body, AAD = the method (of the request answered).
      const sealed = sealKempBody(cipher, aad, body, { keyId, nonce: options.random(NONCE_BYTES) });
      if (!sealed.ok) return failWith({ kind: 'encode', code: sealed.error.code, message: sealed.error.message });
      out = { ...frame, keyId: sealed.value.keyId, nonce: sealed.value.nonce, body: sealed.value.body };
    }
    const written = stream.write(out);
    if (written.ok) return succeed(undefined);
    return failWith(written.error === 'closed' ? { kind: 'closed', message: 'the IM&P connection is closed' } : { kind: 'encode', code: written.error.code, message: written.error.message });
  };

  const settle = pending.settle;

  /** One request, its one response with the same Seq (kakapo.md §3.1). */
  const ask = (method: KempMethod, target: string, body?: KempBody): Promise<Outcome<KempResponse, KempFailure>> =>
    new Promise((resolve) => {
      if (stream.ended !== null) return resolve(failWith({ kind: 'closed', message: 'the IM&P connection is closed' }));
      const n = ++seq;
      pending.wait(n, resolve, timeoutMs, () => failWith({ kind: 'timeout', message: `the IM&P server did not answer ${method} within ${timeoutMs} ms` }));
      const sent = write({ kind: 'request', method, target, seq: n, body: new Uint8Array(0) }, body, body === undefined ? undefined : method);
      if (!sent.ok) settle(n, sent);
    });

  const respond = (request: KempRequest, status: number): void => {
    write({ kind: 'response', seq: request.seq, status, reason: REASONS[status] ?? 'Error', body: new Uint8Array(0) });
  };

  const onRequest = (request: KempRequest): void => {
    switch (request.method) {
      case 'MESSAGE': {
        const opened = openKempBody(cipher, 'MESSAGE', request, 'message');
        if (!opened.ok) {
          protocolError(opened.error.code, `an IM&P MESSAGE could not be opened: ${opened.error.message}`);
          return respond(request, 400);
        }
        const { id, from, to, sent, body } = opened.value;
        // kakapo.md §3.3: deliver to the user first, then 200; a duplicate id is acknowledged only.
        if (received.remember(id)) messages.next({ id, from, to, sent, body });
        return respond(request, 200);
      }
      case 'BYE': {
        const opened = request.body.length > 0 ? openKempBody(cipher, 'BYE', request, 'bye') : null;
        sessionEnded = true;
        registration = null;
        respond(request, 200);
        events.next({ type: 'session-ended', reason: opened?.ok ? opened.value.reason : 'bye' });
        return;
      }
      default:
        protocolError('UNEXPECTED_RESPONSE', `the IM&P server sent ${request.method}, which only a client sends`);
        return respond(request, 400);
    }
  };

  let heard = 0; // frames heard from the server (an unanswered MESSAGE is a verdict only in silence)
  stream.frames$.subscribe({
    next: (frame) => {
      heard++;
      if (frame.kind === 'request') return onRequest(frame);
      if (!settle(frame.seq, succeed(frame))) protocolError('UNEXPECTED_RESPONSE', `the IM&P server answered Seq ${frame.seq}, which is not outstanding`);
    },
  });

  stream.ended$.subscribe((end) => {
    pending.settleAll(failWith(unansweredAtEnd(end, 'IM&P')));
    registration = null;
    if (end.reason !== 'local' && !leaving && !sessionEnded) events.next({ type: 'dropped', ...transportFailureOfEnd(end, socket.info, { server: 'the IM&P server', unframed: 'bytes' }) });
    events.complete();
    messages.complete();
  });

  const statusFailure = (response: KempResponse, what: string): KempFailure =>
    response.status === 401 || response.status === 403
      ? { kind: 'auth', status: response.status, message: `the IM&P server refused ${what} (${response.status} ${response.reason})` }
      : { kind: 'rejected', status: response.status, message: `the IM&P server answered ${what} with ${response.status} ${response.reason}` };

  const sendOne = async (id: string, message: KempOutgoing, from: string): Promise<'delivered' | 'pending' | { status: number; message: string }> => {
    inFlight.add(id);
    const heardBefore = heard;
    const answer = await ask('MESSAGE', message.to, { type: 'message', id, from, to: message.to, sent: message.sent, body: message.body });
    inFlight.delete(id);
    if (!answer.ok) {
      // issue 10: an IM left unanswered, with nothing else heard meanwhile, is a missed keepalive answer.
      if (answer.error.kind === 'timeout' && !leaving && heard === heardBefore) events.next({ type: 'unanswered', what: 'the IM&P MESSAGE', timeoutMs });
      return 'pending';
    }
    if (answer.value.status === 200) {
      events.next({ type: 'delivered', id });
      return 'delivered';
    }
    const failure = statusFailure(answer.value, `the message to ${message.to}`);
    events.next({ type: 'rejected', id, status: answer.value.status, message: failure.message });
    return { status: answer.value.status, message: failure.message };
  };

  const ping = async (): Promise<Outcome<void, KempFailure>> => {
    const answer = await ask('PING', host);
    if (!answer.ok) return answer;
    return answer.value.status === 200 ? succeed(undefined) : failWith(statusFailure(answer.value, 'PING'));
  };

  return {
    secure: socket.info.tls !== null,
    get registration() {
      return registration;
    },
    messages$: messages.asObservable(),
    events$: events.asObservable(),

    async register(request) {
      const body: KempRegister = { type: 'register', ...request } as KempRegister;
      const answer = await ask('REGISTER', host, body);
      if (!answer.ok) return answer;
      const response = answer.value;
      if (response.status !== 200) return failWith(statusFailure(response, `the registration of ${request.loginId}`));
      const opened = openKempBody(cipher, 'REGISTER', response, 'registered');
      if (!opened.ok) {
        protocolError(opened.error.code, `the IM&P REGISTER answer could not be opened: ${opened.error.message}`);
        return failWith({ kind: 'protocol', code: opened.error.code, message: `the IM&P REGISTER answer could not be opened: ${opened.error.message}` });
      }
      registration = { loginId: request.loginId, sessionId: opened.value.sessionId };
      return succeed(registration);
    },

    async flush(outbox) {
      const report: KempFlushReport = { delivered: [], rejected: [], pending: [] };
      const from = registration?.loginId;
      const sends: Array<Promise<void>> = [];
      for (const { id, item } of outbox.entries) {
        if (inFlight.has(id)) continue; // already on its way on this link
        if (from === undefined) {
          report.pending.push(id);
          continue;
        }
        sends.push(
          sendOne(id, item, from).then((result) => {
            if (result === 'delivered') report.delivered.push(id);
            else if (result === 'pending') report.pending.push(id);
            else report.rejected.push({ id, ...result });
          }),
        );
      }
      await Promise.all(sends);
      return report;
    },

    async send(id, message) {
      const from = registration?.loginId;
      if (from === undefined || inFlight.has(id)) return 'pending';
      return sendOne(id, message, from);
    },

    ping,

    async keepalive(n) {
      const answer = await ping();
      return answer.ok ? succeed({ seq: n }) : answer;
    },

    async bye(reason = 'logout') {
      leaving = true;
      const answer = await ask('BYE', host, { type: 'bye', reason });
      registration = null;
      stream.close();
      if (!answer.ok) return answer.error.kind === 'closed' ? succeed(undefined) : answer;
      return answer.value.status === 200 ? succeed(undefined) : failWith(statusFailure(answer.value, 'BYE'));
    },

    close() {
      leaving = true;
      registration = null;
      stream.close();
    },
  };
}

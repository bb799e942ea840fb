// Request/response correlation on one CTI connection (cti-xsi.md §2.2): every request carries a
// client-chosen `requestId` and the `response` echoes it; `keepalive` is answered by a
// `keepaliveResponse` with the same requestId (§2.5, PROPOSED). Answers may come in any order and
// interleave with events. Each request carries `credentials` from the provider (§2.3): the token is
// built per request and never kept, logged or put into a failure.
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { basicCredentials } from '../../codecs/cti/credentials.ts';
import type { CtiCommand, CtiEvent, CtiResponse } from '../../codecs/cti/messages.ts';
import type { XsiBody } from '../../codecs/xsi/bodies.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { unansweredAtEnd } from '../shared/link-end.ts';
import { createPendingRequests } from '../shared/pending-requests.ts';
import { scrubSecret, type CtiFailure } from './cti-failure.ts';
import type { CtiInbound, CtiStream } from './cti-stream.ts';

/** The user's credentials, asked for per request; the password is never stored by the link. */
export type CtiCredentialProvider = () => { userId: string; password: string };

export interface CtiExchangeOptions {
  stream: CtiStream;
  sessionId: string;
  credentials: CtiCredentialProvider;
  requestTimeoutMs: number;
  scheduler?: SchedulerLike;
  /** An inbound xsp:event (acknowledging it is the caller's job). */
  onEvent(event: CtiEvent): void;
  onProtocolError(code: string, message: string): void;
}

/** What to do with the answer to a request that already timed out (issue 14: never an orphan). */
export type LateAnswerHandler = (answer: Outcome<CtiResponse, CtiFailure>) => void;

export interface CtiExchange {
  /**
   * Sends one request; resolves with the 2xx response, or a typed failure (401 → auth). With
   * `onLate`, an answer that arrives after the timeout is handed to it instead of being reported as
   * unexpected (the server acted on the request, e.g. created a subscription, after all).
   */
  request(command: CtiCommand, options?: { onLate?: LateAnswerHandler }): Promise<Outcome<CtiResponse, CtiFailure>>;
  /** xsp:keepalive with `period` seconds; resolves when the keepaliveResponse arrives. */
  keepalive(periodSeconds: number): Promise<Outcome<void, CtiFailure>>;
  /** Writes an eventResponse (no answer expected). */
  acknowledge(requestId: string, eventResponse: XsiBody<'EventResponse'>): void;
}

function failureOfStatus(response: CtiResponse, what: string, secret: string): CtiFailure {
  const info = response.payload?.root === 'ErrorInfo' ? response.payload.body : undefined;
  const summary = scrubSecret((info?.summary ?? info?.summaryEnglish ?? response.reason).trim(), secret);
  if (response.statusCode === 401) {
    return { kind: 'auth', statusCode: 401, message: `the CTI server refused the credentials for ${what} (401 ${scrubSecret(response.reason, secret)})` };
  }
  const base = { kind: 'server-error' as const, statusCode: response.statusCode, summary, message: `the CTI server answered ${what} with ${response.statusCode}: ${summary}` };
  return info?.errorCode !== undefined ? { ...base, errorCode: info.errorCode } : base;
}

/** Timed-out requests whose late answer still has a use; beyond this the oldest is forgotten. */
const LATE_ANSWERS_KEPT = 50_000;

/** A response as the request's outcome: 2xx with a readable payload, else a typed failure. */
function outcomeOf(response: CtiResponse, what: string, secret: string): Outcome<CtiResponse, CtiFailure> {
  // cti-xsi.md §2.5 (PROPOSED): statusCode mirrors the HTTP status of the wrapped XSI call.
  if (response.statusCode < 200 || response.statusCode > 299) return failWith(failureOfStatus(response, what, secret));
  // A success whose payload does not read: the element at fault is named, nothing is guessed.
  if (response.payloadProblem !== undefined) {
    return failWith({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the CTI server answered ${what} with a payload that does not read: ${scrubSecret(response.payloadProblem.message, secret)}` });
  }
  return succeed(response);
}

export function createCtiExchange(options: CtiExchangeOptions): CtiExchange {
  const { stream, sessionId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const pending = createPendingRequests<string, Outcome<CtiResponse | null, CtiFailure>>(scheduler);
  /** requestId → what to do with its answer, for requests that timed out (insertion order = age). */
  const late = new Map<string, { what: string; secret: string; handle: LateAnswerHandler }>();
  let nextRequestId = 0;

  const settle = pending.settle;

  const onInbound = (inbound: CtiInbound): void => {
    if (inbound.type === 'bad-document') {
      options.onProtocolError(inbound.error.code, `unreadable document from the CTI server: ${inbound.error.message}`);
      return;
    }
    const m = inbound.message;
    switch (m.kind) {
      case 'response': {
        if (settle(m.requestId, succeed(m))) return;
        const waiting = late.get(m.requestId);
        if (waiting !== undefined) {
          late.delete(m.requestId);
          waiting.handle(outcomeOf(m, waiting.what, waiting.secret));
          return;
        }
        options.onProtocolError('UNEXPECTED_RESPONSE', `the CTI server answered request ${m.requestId.slice(0, 32)}, which is not outstanding`);
        return;
      }
      case 'keepaliveResponse':
        if (!settle(m.requestId, succeed(null))) options.onProtocolError('UNEXPECTED_RESPONSE', 'the CTI server sent a keepaliveResponse to no keepalive');
        return;
      case 'event':
        options.onEvent(m);
        return;
      default:
        options.onProtocolError('UNEXPECTED_RESPONSE', `the CTI server sent an xsp:${m.kind}, which only a client sends`);
    }
  };

  stream.inbound$.subscribe({ next: onInbound });
  stream.ended$.subscribe((end) => {
    pending.settleAll(failWith(unansweredAtEnd(end, 'CTI')));
    // What the server did with a timed-out request ends with the connection (a channel's
    // subscriptions go with it), so nothing is left to adopt or delete.
    late.clear();
  });

  /** Registers the wait BEFORE writing, so an immediate answer cannot be missed. */
  const exchange = (
    what: string,
    write: (requestId: string) => ReturnType<CtiStream['write']>,
    onTimeout?: (requestId: string) => void,
  ): Promise<Outcome<CtiResponse | null, CtiFailure>> =>
    new Promise((resolve) => {
      if (stream.ended !== null) return resolve(failWith({ kind: 'closed', message: 'the CTI connection is closed' }));
      const requestId = String(++nextRequestId);
      pending.wait(requestId, resolve, options.requestTimeoutMs, () => {
        onTimeout?.(requestId);
        return failWith({ kind: 'timeout', message: `the CTI server did not answer ${what} within ${options.requestTimeoutMs} ms` });
      });
      const written = write(requestId);
      if (!written.ok) {
        settle(
          requestId,
          failWith(written.error === 'closed' ? { kind: 'closed', message: 'the CTI connection is closed' } : { kind: 'encode', code: written.error.code, message: written.error.message }),
        );
      }
    });

  return {
    async request(command, requestOptions) {
      const who = options.credentials();
      const onLate = requestOptions?.onLate;
      const answer = await exchange(
        command.name,
        (requestId) => stream.write({ kind: 'request', requestId, sessionId, auth: { credentials: basicCredentials(who.userId, who.password) }, command }),
        onLate === undefined
          ? undefined
          : (requestId) => {
              late.set(requestId, { what: command.name, secret: who.password, handle: onLate });
              if (late.size > LATE_ANSWERS_KEPT) late.delete(late.keys().next().value as string);
            },
      );
      if (!answer.ok) return answer;
      const response = answer.value;
      if (response === null) return failWith({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the CTI server answered ${command.name} with a keepaliveResponse` });
      return outcomeOf(response, command.name, who.password);
    },
    async keepalive(periodSeconds) {
      const answer = await exchange('keepalive', (requestId) => stream.write({ kind: 'keepalive', requestId, period: periodSeconds }));
      if (!answer.ok) return answer;
      return answer.value === null ? succeed(undefined) : failWith({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: 'the CTI server answered a keepalive with a response' });
    },
    acknowledge(requestId, eventResponse) {
      stream.write({ kind: 'eventResponse', requestId, eventResponse });
    },
  };
}

// How a link's results answer the connection machine's effect requests (contract.ts), shared by
// the CTI and KEMP links: effect.authenticate → AUTH.OK / AUTH.FAILED (credentials refused) or
// TRANSPORT.DROPPED (anything else ends the attempt); effect.keepalive → KEEPALIVE.ACK, or nothing
// (the machine's keepalive timeout decides); link events → TRANSPORT.DROPPED / SESSION.ENDED.
// Pure. Messages carry no secrets (the links never put one into a failure).
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { ConnectionEvent, TransportFailureKind } from '../../machines/connection/contract.ts';
import { loginStepOf, type LoginFailure } from '../runtime/login-failure.ts';
import { badAnswerKindOf } from '../shared/bad-answer-kind.ts';

type Failure = { readonly kind: string; readonly message: string; readonly code?: CodecErrorCode | 'UNEXPECTED_RESPONSE' };
type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

/** A link failure (CTI or KEMP) in the one login policy's terms (../runtime/login-failure.ts). */
function loginFailureOf(failure: Failure): LoginFailure {
  const { kind, message } = failure;
  if (kind === 'auth') return { kind: 'refused', message };
  if (kind === 'timeout') return { kind: 'timeout', message };
  if (kind === 'server-error' || kind === 'rejected') return { kind: 'server-error', message };
  return { kind: 'bad-answer', reason: failure.code !== undefined ? badAnswerKindOf(failure.code) : 'unexpected', message };
}

/**
 * The answer to effect.authenticate. A failure of kind 'closed' returns null: the link's own
 * 'dropped' event answers it (one answer per request).
 */
export function authAnswer(outcome: Result<unknown>, attempt: number): ConnectionEvent | null {
  if (outcome.ok) return { type: 'AUTH.OK', attempt };
  if (outcome.error.kind === 'closed') return null;
  // A timeout, a server error or an unreadable answer: this attempt is over; the machine decides
  // whether to retry (seed §1: reconnect every 15 s).
  return { ...loginStepOf(loginFailureOf(outcome.error)), attempt };
}

/** The answer to effect.keepalive: the ACK, or nothing (an unanswered keepalive is the machine's call). */
export function keepaliveAnswer(outcome: Result<{ seq: number }>, attempt: number): ConnectionEvent | null {
  return outcome.ok ? { type: 'KEEPALIVE.ACK', attempt, seq: outcome.value.seq } : null;
}

export type LinkEndEvent =
  | { readonly type: 'dropped'; readonly kind: TransportFailureKind; readonly message: string }
  | { readonly type: 'session-ended'; readonly reason: string };

/** A link's end-of-connection event as a machine event; other link events are not the machine's. */
export function linkEventAnswer(event: { readonly type: string }, attempt: number): ConnectionEvent | null {
  const e = event as LinkEndEvent;
  if (e.type === 'dropped') return { type: 'TRANSPORT.DROPPED', attempt, failure: { kind: e.kind, message: e.message } };
  if (e.type === 'session-ended') return { type: 'SESSION.ENDED', attempt, reason: e.reason };
  return null;
}

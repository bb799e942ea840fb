// An XMPP login failure (STARTTLS on a plain endpoint, SASL, bind, acks) in the terms of the one
// login policy every protocol shares (../runtime/login-failure.ts).
import { isNetFailure } from '../../effects/net-failure.ts';
import { isCodecError } from '../../codecs/errors.ts';
import type { LoginFailure } from '../runtime/login-failure.ts';
import { badAnswerKindOf } from '../shared/bad-answer-kind.ts';
import { XmppFailure } from './failure.ts';
import { transportFailureOf } from './connection-events.ts';

/**
 * RFC 6120 §6.5: the SASL <failure/> conditions that refuse these credentials. The others
 * (temporary-auth-failure, aborted, malformed-request, mechanism-too-weak, …) say nothing against
 * the password: a drop, retried.
 */
const CREDENTIAL_REFUSALS = new Set(['not-authorized', 'account-disabled', 'credentials-expired', 'invalid-authzid']);

/** The SASL failure's own message (sasl-failures.ts names the condition and carries the server's text). */
const withCondition = (error: XmppFailure): string =>
  error.condition === undefined || error.message.includes(error.condition) ? error.message : `${error.message} (${error.condition}, RFC 6120 §6.5)`;

/**
 * @example
 * loginFailureOfXmpp(new XmppFailure('auth-failed', '…', { condition: 'not-authorized' })).kind;         // 'refused'
 * loginFailureOfXmpp(new XmppFailure('auth-failed', '…', { condition: 'temporary-auth-failure' })).kind; // 'server-error'
 */
export function loginFailureOfXmpp(error: unknown): LoginFailure {
  if (isNetFailure(error)) return { kind: 'closed', message: error.message, failure: error };
  if (!(error instanceof XmppFailure)) return { kind: 'closed', message: 'the XMPP connection failed during the login' };
  switch (error.code) {
    case 'auth-failed':
      return CREDENTIAL_REFUSALS.has(error.condition ?? 'not-authorized')
        ? { kind: 'refused', message: error.message }
        : { kind: 'server-error', message: withCondition(error) };
    case 'auth-temporary-failure':
      return { kind: 'server-error', message: withCondition(error) };
    case 'no-supported-mechanism':
    case 'bind-failed':
    case 'starttls-not-offered':
    case 'starttls-refused':
      return { kind: 'server-error', message: error.message };
    case 'auth-server-unverified':
    case 'invalid-state':
    case 'not-secure':
      return { kind: 'bad-answer', reason: 'unexpected', message: error.message };
    case 'protocol-error':
      return { kind: 'bad-answer', reason: isCodecError(error.cause) ? badAnswerKindOf(error.cause.code) : 'unexpected', message: error.message };
    case 'step-timeout':
    case 'ping-timeout':
      return { kind: 'timeout', message: error.message };
    case 'stream-ended':
      // RFC 6120 §4.9.3: bad XML or a broken limit in the answer ended the stream.
      if (error.end?.reason === 'protocol-error') return { kind: 'bad-answer', reason: 'garbled', message: `the XMPP server's answer to the login was not well-formed XML (${error.end.detail})` };
    // falls through: any other end of the stream is the connection closing
    case 'tls-upgrade-failed': {
      const cause = error.cause;
      if (isNetFailure(cause)) return { kind: 'closed', message: error.message, failure: cause };
      const failure = transportFailureOf(error);
      return failure.kind === 'timeout' ? { kind: 'timeout', message: failure.message } : { kind: 'closed', message: failure.message };
    }
  }
}

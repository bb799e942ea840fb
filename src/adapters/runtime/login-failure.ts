// THE login-failure policy, once for every protocol (issue 10 item 1): only a definite refusal by
// the server itself (its own authentication error: wrong password, unknown user, refused token, a
// service the login needs that is not assigned) waits for new credentials; everything else during
// the login (a timeout, a reset, a server error, a garbled, oversized or unexpected answer) is a drop
// with its own named reason, and the connection machine reconnects every 15 s (seed §1).
// Each protocol only says which of its failures is which (loginFailureOf… in its driver); the step
// the connection machine gets is decided here.
import type { NetFailure } from '../../effects/net-failure.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import { netTransportFailure } from '../shared/transport-failure.ts';
import type { AuthStep } from './connection-driver.ts';

export type LoginFailure =
  /** The server's own refusal of this login: waits for new credentials (authFailed). */
  | { readonly kind: 'refused'; readonly message: string }
  /** There is no password to log in with (the provider gave none): waits for credentials too. */
  | { readonly kind: 'no-credentials'; readonly message: string }
  /** No answer in time. */
  | { readonly kind: 'timeout'; readonly message: string }
  /** The connection ended before the answer (`failure`: how the socket ended, when known). */
  | { readonly kind: 'closed'; readonly message: string; readonly failure?: NetFailure }
  /** An error answer that is no refusal of the credentials (5xx, busy, any other error). */
  | { readonly kind: 'server-error'; readonly message: string }
  /** An answer that is not one: not well-formed, over a limit, a DOCTYPE, or of the wrong kind. */
  | { readonly kind: 'bad-answer'; readonly reason: Extract<TransportFailureKind, 'garbled' | 'too-large' | 'doctype' | 'unexpected'>; readonly message: string };

/**
 * The connection machine's answer to effect.authenticate for a failed login.
 *
 * @example
 * loginStepOf({ kind: 'refused', message: 'invalid password' });            // { type: 'AUTH.FAILED', … }
 * loginStepOf({ kind: 'server-error', message: '503 Service Unavailable' }); // { type: 'TRANSPORT.DROPPED', failure: { kind: 'server-error', … } }
 */
export function loginStepOf(failure: LoginFailure): AuthStep {
  switch (failure.kind) {
    case 'refused':
    case 'no-credentials':
      return { type: 'AUTH.FAILED', message: failure.message };
    case 'timeout':
      return { type: 'TRANSPORT.DROPPED', failure: { kind: 'timeout', message: failure.message } };
    case 'closed':
      return { type: 'TRANSPORT.DROPPED', failure: failure.failure ? netTransportFailure(failure.failure) : { kind: 'peer-closed', message: failure.message } };
    case 'server-error':
      return { type: 'TRANSPORT.DROPPED', failure: { kind: 'server-error', message: failure.message } };
    case 'bad-answer':
      return { type: 'TRANSPORT.DROPPED', failure: { kind: failure.reason, message: failure.message } };
  }
}

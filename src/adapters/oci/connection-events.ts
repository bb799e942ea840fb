// What the OCI and CAP links report, in the connection machine's vocabulary
// (src/machines/connection/contract.ts), so a runtime answers each effect request with one event.
// Connect and secure are answered from the effects' NetFailure (connectTcp / upgradeTls) by the runtime.
import type { ConnectionEvent } from '../../machines/connection/contract.ts';
import type { CapFailure } from '../cap/cap-failure.ts';
import type { OciFailure, Outcome } from './oci-failure.ts';
import type { OciLinkEvent } from './oci-link.ts';

type WithAttempt = { attempt?: number };
const tag = (attempt: number | undefined): WithAttempt => (attempt === undefined ? {} : { attempt });

/** session-ended → SESSION.ENDED, dropped → TRANSPORT.DROPPED; a protocol error changes no state (null). */
export function connectionEventOfLink(event: OciLinkEvent, attempt?: number): ConnectionEvent | null {
  switch (event.type) {
    case 'session-ended':
      return { type: 'SESSION.ENDED', ...tag(attempt), reason: `the OCI server ended the session (${event.reason})` };
    case 'dropped':
      return { type: 'TRANSPORT.DROPPED', ...tag(attempt), failure: { kind: event.kind, message: event.message } };
    case 'protocol-error':
    case 'protocol-note':
      return null;
  }
}

/**
 * Answer to effect.authenticate from a login (or a login + registration) outcome. Only a refusal is
 * AUTH.FAILED (it waits for new credentials); a timeout or unreadable answer is a broken link
 * (TRANSPORT.DROPPED, so the machine retries), and a closed connection is already reported by the
 * link's `dropped` event (null here).
 */
export function authenticationEvent(outcome: Outcome<unknown, OciFailure | CapFailure>, attempt?: number): ConnectionEvent | null {
  if (outcome.ok) return { type: 'AUTH.OK', ...tag(attempt) };
  const f = outcome.error;
  switch (f.kind) {
    case 'auth':
    case 'server-error':
    case 'service-missing':
    case 'refused':
    case 'not-registered':
    case 'not-logged-in':
    case 'encode':
      return { type: 'AUTH.FAILED', ...tag(attempt), message: f.message };
    case 'timeout':
      return { type: 'TRANSPORT.DROPPED', ...tag(attempt), failure: { kind: 'timeout', message: f.message } };
    case 'protocol':
      return { type: 'TRANSPORT.DROPPED', ...tag(attempt), failure: { kind: 'reset', message: f.message } };
    case 'closed':
      return null;
  }
}

/**
 * Answer to effect.keepalive. OCI: SuccessResponse → KEEPALIVE.ACK; an ErrorResponse means the
 * session is no longer valid (oci-p.md §10) → SESSION.ENDED; no answer → nothing (the machine's own
 * keepalive timer decides). CAP's serverStatusRequest is never answered (cap.md §10): pass the write
 * outcome, a successful write is acknowledged at once.
 */
export function keepaliveEvent(outcome: Outcome<void, OciFailure | CapFailure>, seq: number, attempt?: number): ConnectionEvent | null {
  if (outcome.ok) return { type: 'KEEPALIVE.ACK', ...tag(attempt), seq };
  const f = outcome.error;
  if (f.kind === 'server-error' || f.kind === 'auth' || f.kind === 'not-registered' || f.kind === 'not-logged-in') {
    return { type: 'SESSION.ENDED', ...tag(attempt), reason: f.message };
  }
  return null;
}

// Turns a failure event into the named outcome the machine records (issue 2: refused, timed out,
// reset, peer closed mid-handshake, TLS failure with its cause, auth failure are distinct).
import type { ConnectionEvent, ConnectionOutcome, ConnectionPhase } from './contract.ts';

export function outcomeOf(event: ConnectionEvent, phase: ConnectionPhase): ConnectionOutcome | null {
  switch (event.type) {
    case 'TRANSPORT.FAILED':
    case 'TRANSPORT.DROPPED':
      return { kind: event.failure.kind, phase, message: event.failure.message };
    case 'TLS.FAILED':
      return { kind: 'tls', cause: event.failure.cause, phase: 'securing', message: event.failure.message };
    case 'AUTH.FAILED':
      return { kind: 'auth', phase: 'authenticating', message: event.message };
    case 'SESSION.ENDED':
      return { kind: event.replaced === true ? 'session-replaced' : 'session-ended', phase: 'online', message: event.reason };
    default:
      return null;
  }
}

export function keepaliveTimeoutOutcome(seq: number, timeoutMs: number): ConnectionOutcome {
  return {
    kind: 'keepalive-timeout',
    phase: 'online',
    message: `keepalive ${seq} was not answered within ${timeoutMs} ms; the link is considered dead`,
  };
}

/** A request on the online link went unanswered: the same verdict as a missed keepalive answer. */
export function unansweredRequestOutcome(what: string, timeoutMs: number): ConnectionOutcome {
  return {
    kind: 'keepalive-timeout',
    phase: 'online',
    message: `${what} was not answered within ${timeoutMs} ms; the link is considered dead`,
  };
}

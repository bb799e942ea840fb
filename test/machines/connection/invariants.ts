// Invariants of the connection lifecycle, stated over the observable trace (commands, effects,
// state changes, virtual time), not over the machine's internals.
import { expect } from 'vitest';
import type { ConnectionHarness, TraceEntry } from './harness.ts';

type StateEntry = Extract<TraceEntry, { kind: 'state' }>;

function lastStateEntryBefore(trace: TraceEntry[], index: number, state?: string): StateEntry | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'state' && (state === undefined || e.state === state)) return e;
  }
  return undefined;
}

export function checkConnectionInvariants(h: ConnectionHarness, reconnectDelayMs: number): void {
  const { trace } = h;
  const K = h.input.keepaliveMs;
  const T = h.input.keepaliveTimeoutMs;
  const R = reconnectDelayMs;
  const retryInitial = h.input.retryInitialFailure ?? false;

  let userClosed = false; // a CLOSE was sent and no CONNECT since
  const liveAttempts = new Set<number>();
  let onlineSinceConnect = false;
  let currentAttempt = 0;

  trace.forEach((entry, i) => {
    if (entry.kind === 'command') {
      const { event } = entry;
      if (event.type === 'CLOSE') {
        userClosed = true;
        // A user close from any active state ends in closed.
        if (entry.stateBefore !== 'idle') expect(entry.stateAfter, 'CLOSE → closed').toBe('closed');
      }
      if (event.type === 'CONNECT') {
        userClosed = false;
        if (['idle', 'closed', 'failed'].includes(entry.stateBefore)) onlineSinceConnect = false;
      }
      const current = !('attempt' in event) || event.attempt === undefined || event.attempt === currentAttempt;
      // An answer to an abandoned attempt changes nothing.
      if (!current) expect(entry.stateAfter, `stale ${event.type} ignored`).toBe(entry.stateBefore);
      if (event.type === 'TRANSPORT.FAILED' && entry.stateBefore === 'connecting' && current) {
        liveAttempts.delete(currentAttempt);
      }
      // An unexpected drop of an online connection leads straight to reconnecting.
      // issue 10: so does a request left unanswered on the online link.
      if ((event.type === 'TRANSPORT.DROPPED' || event.type === 'SESSION.ENDED' || event.type === 'REQUEST.UNANSWERED') && current && entry.stateBefore.startsWith('online')) {
        expect(entry.stateAfter, `${event.type} while online → reconnecting`).toBe('reconnecting');
      }
      // An authentication failure waits for credentials, it does not retry.
      if (event.type === 'AUTH.FAILED' && current && entry.stateBefore === 'authenticating') {
        expect(entry.stateAfter, 'AUTH.FAILED → authFailed').toBe('authFailed');
      }
    }

    if (entry.kind === 'effect' && entry.effect.type === 'effect.connect') {
      const { effect } = entry;
      // Never two connect attempts (or sockets) at once.
      expect([...liveAttempts], `connect attempt ${effect.attempt} while another is open`).toEqual([]);
      liveAttempts.add(effect.attempt);
      currentAttempt = effect.attempt;
      // Never after a user close, until the user connects again.
      expect(userClosed, 'connect after a user CLOSE without a new CONNECT').toBe(false);
      // Every attempt has a cause: the user, new credentials, or the reconnect timer.
      if (entry.cause === 'timer') {
        expect(entry.stateBefore, 'timer-driven connect comes from reconnecting').toBe('reconnecting');
        const entered = lastStateEntryBefore(trace, i, 'reconnecting');
        expect(effect.attempt > 1 && entered !== undefined).toBe(true);
        expect(entry.at - entered!.at, 'reconnect exactly after the reconnect delay').toBe(R);
      } else if (entry.cause === 'CONNECT') {
        expect(['idle', 'closed', 'failed']).toContain(entry.stateBefore);
      } else if (entry.cause === 'CREDENTIALS.UPDATED') {
        expect(entry.stateBefore).toBe('authFailed');
      } else {
        expect.fail(`effect.connect caused by ${entry.cause}`);
      }
    }
    if (entry.kind === 'effect' && entry.effect.type === 'effect.close') liveAttempts.delete(entry.effect.attempt);

    if (entry.kind === 'effect' && entry.effect.type === 'effect.keepalive') {
      // Keepalives only while online, exactly K after the link went quiet (online or last answer).
      expect(entry.cause).toBe('timer');
      expect(entry.stateBefore).toBe('online.quiet');
      const quiet = lastStateEntryBefore(trace, i, 'online.quiet');
      expect(entry.at - quiet!.at, 'keepalive interval').toBe(K);
    }

    if (entry.kind === 'state') {
      const previous = lastStateEntryBefore(trace, i);
      if (entry.state.startsWith('online')) onlineSinceConnect = true;
      // A keepalive left unanswered for T means the link is dead: reconnect.
      if (previous?.state === 'online.awaitingAck' && entry.cause === 'timer') {
        expect(entry.state, 'missed keepalive answer → reconnecting').toBe('reconnecting');
        expect(entry.at - previous.at, 'keepalive timeout').toBe(T);
        const closes = h.trace.slice(0, i).filter(
          (e) => e.kind === 'effect' && e.at === entry.at && e.effect.type === 'effect.close' && e.effect.reason === 'keepalive-timeout',
        );
        expect(closes.length).toBe(1);
      }
      // authFailed is left only by new credentials or a user close.
      if (previous?.state === 'authFailed') expect(['CREDENTIALS.UPDATED', 'CLOSE']).toContain(entry.cause);
      // closed is left only by the user.
      if (previous?.state === 'closed') expect(entry.cause).toBe('CONNECT');
      // Retry policy: before being online, a failure retries only when asked to.
      if (entry.state === 'reconnecting') expect(onlineSinceConnect || retryInitial, 'reconnecting allowed').toBe(true);
      if (entry.state === 'failed') expect(onlineSinceConnect || retryInitial, 'failed only on a first failure').toBe(false);
    }
  });

  checkNoTimerOverdue(h, R);
}

/** Liveness, checked after every step: no keepalive, keepalive timeout or reconnect is overdue. */
export function checkNoTimerOverdue(h: ConnectionHarness, reconnectDelayMs: number): void {
  const { trace } = h;
  const K = h.input.keepaliveMs;
  const T = h.input.keepaliveTimeoutMs;
  const R = reconnectDelayMs;
  const current = lastStateEntryBefore(trace, trace.length + 0);
  if (current !== undefined) {
    const waited = h.now - current.at;
    if (current.state === 'online.quiet') expect(waited, 'keepalive overdue').toBeLessThan(K);
    if (current.state === 'online.awaitingAck') expect(waited, 'keepalive timeout overdue').toBeLessThan(T);
    if (current.state === 'reconnecting') expect(waited, 'reconnect overdue').toBeLessThan(R);
  }
}

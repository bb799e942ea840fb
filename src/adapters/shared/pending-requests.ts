// Requests waiting for the answer with the same id (CTI requestId, KEMP Seq): each settles exactly
// once — by its answer, its timeout on the injected scheduler, or the end of the connection.
import type { SchedulerLike, Subscription } from 'rxjs';

export interface PendingRequests<K, T> {
  /** Registers the wait; call it BEFORE writing, so an immediate answer cannot be missed. */
  wait(key: K, resolve: (outcome: T) => void, timeoutMs: number, onTimeout: () => T): void;
  /** Settles one outstanding request; false when none has this key (an unexpected answer). */
  settle(key: K, outcome: T): boolean;
  /** Settles every outstanding request with the same outcome (the connection ended). */
  settleAll(outcome: T): void;
}

export function createPendingRequests<K, T>(scheduler: SchedulerLike): PendingRequests<K, T> {
  const pending = new Map<K, { resolve: (outcome: T) => void; timer: Subscription }>();
  const settle = (key: K, outcome: T): boolean => {
    const p = pending.get(key);
    if (p === undefined) return false;
    pending.delete(key);
    p.timer.unsubscribe();
    p.resolve(outcome);
    return true;
  };
  return {
    wait(key, resolve, timeoutMs, onTimeout) {
      const timer = scheduler.schedule(() => {
        settle(key, onTimeout());
      }, timeoutMs);
      pending.set(key, { resolve, timer });
    },
    settle,
    settleAll(outcome) {
      for (const key of [...pending.keys()]) settle(key, outcome);
    },
  };
}

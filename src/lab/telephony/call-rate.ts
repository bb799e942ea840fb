// The lab's call-rate activity (a load target for reception): at a steady rate an outside caller
// rings one of a set of users (the monitored users), the user answers after a ring and hangs up
// when the call's duration is over. Each step goes through the shared call model, so every
// monitored lamp goes ringing → busy → idle on the CTI, XSI and CAP event paths like any call.
// Time comes from an injected scheduler; the users and callers are drawn from a seeded PRNG.
import type { ActivityDriver, ActivityScheduler } from './activity.ts';
import { createPrng } from './prng.ts';
import type { LabTelephony } from './telephony.ts';
import { TelephonyError } from './types.ts';

/** The most calls per second the driver starts (one lab process, one event loop). */
export const MAX_CALLS_PER_SECOND = 1_000;
export const DEFAULT_CALL_DURATION_MS = 30_000;
/** How long a call rings before it is answered, at most (never more than half its duration). */
export const DEFAULT_RING_MS = 3_000;
/** Timer granularity: at high rates one tick places several calls. */
const MIN_TICK_MS = 10;

export interface CallRate {
  /** New calls per second, e.g. 0.5 or 50; above 0 and at most MAX_CALLS_PER_SECOND. */
  callsPerSecond: number;
  /** From ringing to hang-up, ms (default 30 s); a whole number above 0. */
  callDurationMs?: number;
  /** Ringing before the answer, ms (default the smaller of 3 s and half the duration). */
  ringMs?: number;
}

export interface CallRateOptions extends CallRate {
  telephony: LabTelephony;
  /** The users that get the calls, e.g. the monitoring user's Busy Lamp Field list. */
  users: readonly string[];
  seed: string;
  scheduler?: ActivityScheduler;
  /** A failed scheduled step is reported here; the schedule goes on. */
  onError?: (error: unknown) => void;
}

export interface CallRateDriver extends ActivityDriver {
  /** Calls placed so far. */
  readonly placed: number;
  /** Steps that found no idle user to call (every user drawn was on a call). */
  readonly skipped: number;
}

/**
 * @example
 * try { startCallRate({ telephony, users, seed: 's', callsPerSecond: 0 }); } catch (e) { if (e instanceof CallRateError) console.error(e.message); }
 */
export class CallRateError extends RangeError {
  readonly code = 'LAB_CALL_RATE';
}

const realTimers: ActivityScheduler = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.(); // the activity never keeps a process alive on its own
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Checks a call rate and fills in its defaults.
 *
 * @example
 * checkCallRate({ callsPerSecond: 5 }); // { callsPerSecond: 5, callDurationMs: 30000, ringMs: 3000 }
 */
export function checkCallRate(rate: CallRate): Required<CallRate> {
  const { callsPerSecond, callDurationMs = DEFAULT_CALL_DURATION_MS } = rate;
  if (typeof callsPerSecond !== 'number' || !(callsPerSecond > 0) || callsPerSecond > MAX_CALLS_PER_SECOND)
    throw new CallRateError(`calls per second must be a number above 0 and at most ${MAX_CALLS_PER_SECOND.toLocaleString('en-US')}, not ${String(callsPerSecond)}`);
  if (!Number.isSafeInteger(callDurationMs) || callDurationMs <= 0)
    throw new CallRateError(`the call duration must be a whole number of milliseconds above 0, not ${String(callDurationMs)}`);
  const ringMs = rate.ringMs ?? Math.min(DEFAULT_RING_MS, Math.floor(callDurationMs / 2));
  if (!Number.isSafeInteger(ringMs) || ringMs < 0 || ringMs > callDurationMs)
    throw new CallRateError(`the ring time must be a whole number of milliseconds from 0 to the call duration (${callDurationMs}), not ${String(ringMs)}`);
  return { callsPerSecond, callDurationMs, ringMs };
}

/**
 * Starts placing calls at `callsPerSecond` to idle users of `users` (a user already on a call is
 * skipped; a few draws, then the step is counted in `skipped`). Each call rings `ringMs`, is
 * answered, and is released `callDurationMs` after it started. stop() cancels the schedule and the
 * pending answers and hang-ups (calls in progress stay as they are).
 *
 * @example
 * const load = startCallRate({ telephony: lab.telephony, users: lab.users.slice(1).map((u) => u.loginId), seed: 'load', callsPerSecond: 20, callDurationMs: 10_000 });
 * // … lamps ring, go busy and go idle …
 * load.stop();
 */
export function startCallRate(options: CallRateOptions): CallRateDriver {
  const { callsPerSecond, callDurationMs, ringMs } = checkCallRate(options);
  const t = options.telephony;
  const users = [...options.users];
  const prng = createPrng(`call-rate:${options.seed}`);
  const scheduler = options.scheduler ?? realTimers;
  const tickMs = Math.max(MIN_TICK_MS, Math.ceil(1000 / callsPerSecond));
  const pending = new Set<unknown>();
  let stopped = false;
  let steps = 0;
  let placed = 0;
  let skipped = 0;
  let elapsedMs = 0;
  let due = 0;

  const later = (ms: number, fn: () => void): void => {
    const handle = scheduler.setTimeout(() => {
      pending.delete(handle);
      try {
        fn();
      } catch (error) {
        // The call may have gone another way meanwhile (released by the user); a timer callback
        // must never take the lab process down.
        if (!(error instanceof TelephonyError)) options.onError?.(error);
      }
    }, ms);
    pending.add(handle);
  };

  const idleUser = (): string | undefined => {
    for (let attempt = 0; attempt < 8 && users.length > 0; attempt++) {
      const user = users[Math.floor(prng.next() * users.length)]!;
      if (t.callCount(user) === 0) return user;
    }
    return undefined;
  };

  const step = (): string => {
    steps += 1;
    const user = idleUser();
    if (user === undefined) {
      skipped += 1;
      return 'idle';
    }
    const number = `+1555${String(prng.int(0, 9_999_999)).padStart(7, '0')}`;
    const call = t.placeIncomingCall(user, { number });
    placed += 1;
    later(ringMs, () => t.answer(user, call.callId));
    later(callDurationMs, () => t.release(user, call.callId));
    return `incoming call ${number} → ${user} for ${callDurationMs} ms`;
  };

  const tick = (): void => {
    if (stopped) return;
    elapsedMs += tickMs;
    // Calls due by now at the rate, so a fractional rate or a coarse tick keeps the average.
    const target = Math.floor((elapsedMs * callsPerSecond) / 1000 + 1e-9);
    try {
      for (; due < target && !stopped; due++) step();
    } catch (error) {
      options.onError?.(error);
      due = target;
    }
    schedule();
  };
  const schedule = (): void => {
    if (!stopped) later(tickMs, tick);
  };
  schedule();

  return {
    step,
    get steps() {
      return steps;
    },
    get placed() {
      return placed;
    },
    get skipped() {
      return skipped;
    },
    stop() {
      stopped = true;
      for (const handle of pending) scheduler.clearTimeout(handle);
      pending.clear();
    },
  };
}

// A virtual clock for tests, replay and simulations: time moves only when told to.
// It implements XState v5's Clock (setTimeout/clearTimeout), so `createActor(machine, { clock })`
// runs every `after:` delay on virtual time. Unlike XState's SimulatedClock, `advance` also fires
// timers that are scheduled *during* the advance when they fall due within it (a reconnect timer
// set by a keepalive timeout, a keepalive set on entering online, ...).
import type { TimeSource, TimerId } from './clock.ts';

interface PendingTimer {
  id: TimerId;
  due: number;
  fn: () => void;
}

/**
 * @example
 * const clock = new VirtualClock(0);
 * clock.setTimeout(() => console.log('fired'), 15_000);
 * clock.advance(15_000); // fired
 */
export class VirtualClock implements TimeSource {
  #now: number;
  #nextId = 1; // per instance: two clocks never share a counter
  readonly #pending = new Map<TimerId, PendingTimer>();

  constructor(startAt = 0) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.#nextId++;
    // Like a real timer: a negative or missing delay means "as soon as possible".
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.#pending.set(id, { id, due: this.#now + delay, fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.#pending.delete(id);
  }

  /** Number of timers waiting to fire. */
  pendingCount(): number {
    return this.#pending.size;
  }

  /** Due time of the earliest pending timer, or undefined when none is pending. */
  nextDueTime(): number | undefined {
    return this.#earliest()?.due;
  }

  /** Move time forward by `ms`, firing every timer that falls due, in due-time order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance: ms must be a non-negative number, got ${ms}`);
    this.advanceTo(this.#now + ms);
  }

  /**
   * Move time to `t`, firing due timers in due-time order (ties: scheduling order). A timer
   * scheduled by a callback fires in this same call if it falls due at or before `t`.
   */
  advanceTo(t: number): void {
    if (t < this.#now) throw new RangeError(`advanceTo: ${t} is before the current time ${this.#now}`);
    for (let next = this.#earliest(); next !== undefined && next.due <= t; next = this.#earliest()) {
      this.#pending.delete(next.id);
      this.#now = next.due;
      next.fn();
    }
    this.#now = t;
  }

  /** Fire timers until none is pending or the next one is beyond `limit` ms from now. */
  runUntilIdle(limit = Number.MAX_SAFE_INTEGER): void {
    const horizon = this.#now + limit;
    for (let next = this.#earliest(); next !== undefined && next.due <= horizon; next = this.#earliest()) {
      this.advanceTo(next.due);
    }
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    // Map iteration is insertion order, i.e. scheduling order, so `<` keeps ties stable.
    for (const timer of this.#pending.values()) {
      if (best === undefined || timer.due < best.due) best = timer;
    }
    return best;
  }
}

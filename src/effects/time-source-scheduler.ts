// The session's one time source as an RxJS scheduler (DESIGN.md "Timers in effects use an injected
// scheduler so tests and replay control time"): every effect and link timer (connect, TLS and
// request timeouts, refreshes, pings) runs on the same clock as the machines' `after:` delays — the
// wall clock live, a VirtualClock in tests, which then drives a whole session.
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import type { TimeSource, TimerId } from '../machines/clock/clock.ts';

/** One scheduled piece of work; `schedule` again from inside the work repeats it (interval). */
class TimeSourceAction<T> extends Subscription implements SchedulerAction<T> {
  #timer: TimerId | null = null;
  #queued = false;

  constructor(
    private readonly time: TimeSource,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
    this.add(() => this.#cancel());
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.#cancel();
    const run = (): void => {
      this.#timer = null;
      this.#queued = false;
      if (this.closed) return;
      this.work.call(this, state);
      // Like RxJS's own actions: work that did not schedule itself again is finished.
      if (this.#timer === null && !this.#queued) this.unsubscribe();
    };
    if (delay > 0) this.#timer = this.time.setTimeout(run, delay);
    else {
      // No time passes for a zero delay: run it as soon as the current work is done, on any clock
      // (a VirtualClock would otherwise hold it until someone advances time).
      this.#queued = true;
      queueMicrotask(() => {
        if (this.#queued) run();
      });
    }
    return this;
  }

  #cancel(): void {
    this.#queued = false;
    if (this.#timer !== null) this.time.clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * @example
 * const clock = new VirtualClock();
 * const scheduler = schedulerOf(clock);
 * timer(10_000, scheduler).subscribe(() => console.log('fired')); // when clock.advance(10_000) runs
 */
export function schedulerOf(time: TimeSource): SchedulerLike {
  return {
    now: () => time.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      return new TimeSourceAction<T>(time, work).schedule(state, delay);
    },
  };
}

// The clock of a recorded system.
//
// Why timers are log entries: in live use a wall-clock timer and a network event race; the timer
// may fire a hair after a network event that, by due time, came later. If replay re-derived timer
// order from due times it could process the two the other way round and diverge. So every timer
// fire is itself an external event: the recording clock gives each timer a deterministic id (its
// own per-instance counter, so the N-th timer the machines schedule has id N in the run and in the
// replay), and when the underlying scheduler fires it, the recorded system logs a 'timer' entry with
// that id *before* running XState's callback, in the order it actually happened. The replay clock
// (../replay/replay-clock.ts) never fires by itself: it fires timer N exactly where the log says.
import type { Clock, TimeSource, TimerId } from '../clock/clock.ts';

/**
 * Called when the underlying scheduler fires timer `id`. The handler runs `deliver` when the
 * timer's turn comes; `deliver` returns false (and does nothing) if the timer was cleared meanwhile.
 */
export type TimerFireHandler = (id: TimerId, deliver: () => boolean) => void;

/**
 * @example
 * const clock = new RecordingClock(new VirtualClock(0));
 * clock.setFireHandler((id, deliver) => deliver()); // each fire logged, then run
 */
export class RecordingClock implements TimeSource {
  #nextId = 1;
  readonly #handles = new Map<TimerId, TimerId>(); // our id → the scheduler's handle
  readonly #firing = new Set<TimerId>(); // fired by the scheduler, not yet delivered
  #onFire: TimerFireHandler = (_id, deliver) => void deliver();

  constructor(private readonly scheduler: TimeSource) {}

  /** The recorded system installs its handler here. */
  setFireHandler(handler: TimerFireHandler): void {
    this.#onFire = handler;
  }

  now(): number {
    return this.scheduler.now();
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.#nextId++;
    const handle = this.scheduler.setTimeout(() => {
      if (!this.#handles.delete(id)) return; // cleared meanwhile
      this.#firing.add(id);
      this.#onFire(id, () => {
        if (!this.#firing.delete(id)) return false; // cleared while waiting for its turn
        fn();
        return true;
      });
    }, ms);
    this.#handles.set(id, handle);
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.#firing.delete(id);
    const handle = this.#handles.get(id);
    if (handle === undefined) return;
    this.#handles.delete(id);
    this.scheduler.clearTimeout(handle);
  }

  /** Timers scheduled and neither fired nor cleared. */
  pendingIds(): TimerId[] {
    return [...this.#handles.keys()];
  }
}

export type { Clock };

// The clock of a replay: it never fires on its own. Timers get ids from the same kind of
// per-instance counter as the recording clock, so the N-th timer the machines schedule has id N in
// both runs; a timer fires only when the log's 'timer' entry names it (see ../log/recording-clock.ts).
import type { TimeSource, TimerId } from '../clock/clock.ts';

/**
 * @example
 * const clock = new ReplayClock();
 * clock.setNow(entry.t);
 * if (clock.isPending(entry.timer!)) clock.fire(entry.timer!);
 */
export class ReplayClock implements TimeSource {
  #now = 0;
  #nextId = 1;
  readonly #pending = new Map<TimerId, () => void>();

  now(): number {
    return this.#now;
  }

  /** Replay sets the time of each entry before processing it. */
  setNow(t: number): void {
    this.#now = t;
  }

  setTimeout(fn: () => void, _ms: number): TimerId {
    const id = this.#nextId++;
    this.#pending.set(id, fn);
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.#pending.delete(id);
  }

  isPending(id: TimerId): boolean {
    return this.#pending.has(id);
  }

  /** Fire timer `id`; false when no such timer is pending. */
  fire(id: TimerId): boolean {
    const fn = this.#pending.get(id);
    if (fn === undefined) return false;
    this.#pending.delete(id);
    fn();
    return true;
  }
}

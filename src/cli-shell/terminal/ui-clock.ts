// Time for a UI: what time it is (the log's clock: wall milliseconds) and a repeating tick to
// redraw countdowns and spinners. Injected, so tests drive it by hand.
export interface UiClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const wallUiClock: UiClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const handle = setInterval(tick, ms);
    return () => clearInterval(handle);
  },
};

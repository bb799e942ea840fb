// XState v5's Clock (createActor's `clock` option) is not exported by the package; this is the
// same shape, plus the current time. Machines never read it: the clock only runs `after:` delays.
export type TimerId = number;

export interface Clock {
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** A clock that also tells the time (virtual time in tests and replay, wall time live). */
export interface TimeSource extends Clock {
  now(): number;
}

// seed §4.1: call-center statistics are refreshed at "a random frequency between the values set"
// (the branding's callCenterStatsRefresh minSeconds/maxSeconds, kakapo.md §2.1) to spread the load.
// The draw in [0, 1) is supplied by the caller — in the runtime it arrives as an event, so a replay
// takes the same delays. Pure.

export interface StatsRefreshRange {
  minSeconds: number;
  maxSeconds: number;
}

export interface StatsRefreshSchedule {
  readonly minMs: number;
  readonly maxMs: number;
  /** The delay for one draw: minMs for 0, approaching maxMs as the draw approaches 1. */
  delayMs(draw: number): number;
}

export function createStatsRefreshSchedule(range: StatsRefreshRange): StatsRefreshSchedule {
  const clean = (s: number): number => (Number.isFinite(s) && s > 0 ? s : 0);
  // A misconfigured range (max below min) is read as the same range the other way round.
  const a = clean(range.minSeconds) * 1000;
  const b = clean(range.maxSeconds) * 1000;
  const minMs = Math.round(Math.min(a, b));
  const maxMs = Math.round(Math.max(a, b));
  return {
    minMs,
    maxMs,
    delayMs(draw) {
      const d = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
      if (maxMs === minMs) return minMs;
      // [0, 1) → [minMs, maxMs): floor keeps a draw just below 1 inside the range.
      return Math.min(maxMs - 1, minMs + Math.floor(d * (maxMs - minMs)));
    },
  };
}

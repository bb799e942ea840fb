// Real time for live sessions: the recorded system wraps it in its recording clock, so every
// timer fire is logged and a replay reproduces the order (machines/log/recording-clock.ts).
import type { TimeSource } from '../machines/clock/clock.ts';

export function createWallClock(): TimeSource {
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = next++;
      handles.set(
        id,
        setTimeout(() => {
          handles.delete(id);
          fn();
        }, Math.max(0, ms)),
      );
      return id;
    },
    clearTimeout(id) {
      const handle = handles.get(id);
      if (handle !== undefined) clearTimeout(handle);
      handles.delete(id);
    },
  };
}

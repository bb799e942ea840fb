// When many things are due again at scale (issue 14: 20,000 BLF subscriptions, each refreshed
// before it expires, cti-xsi.md §2.4), one timer for all of them instead of one each: due times
// are kept in whole-second buckets (a refresh is at most a second later than asked for), and the
// single timer waits for the earliest bucket. A timer per subscription would hold a timer, a
// scheduled action and a closure per user (about a kilobyte); this holds a map entry. No clock of
// its own: the injected scheduler's.
import type { SchedulerLike, Subscription } from 'rxjs';

export interface RefreshSchedule {
  /** `id` is due in `delayMs` (replacing what it was due for before). */
  set(id: string, delayMs: number): void;
  delete(id: string): void;
  /** Forgets every id and stops the timer. */
  clear(): void;
  readonly size: number;
}

const BUCKET_MS = 1_000;

/**
 * @example
 * const refreshes = createRefreshSchedule(scheduler, (ids) => ids.forEach(refresh));
 * refreshes.set(subscriptionId, 1_800_000);
 */
export function createRefreshSchedule(scheduler: SchedulerLike, due: (ids: readonly string[]) => void): RefreshSchedule {
  const bucketOf = new Map<string, number>();
  const buckets = new Map<number, Set<string>>();
  /** Bucket times, ascending. */
  const times: number[] = [];
  let timer: Subscription | null = null;
  let timerAt = Number.POSITIVE_INFINITY;

  const arm = (): void => {
    const next = times[0];
    if (next === undefined) {
      timer?.unsubscribe();
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (timer !== null && timerAt <= next) return;
    timer?.unsubscribe();
    timerAt = next;
    timer = scheduler.schedule(fire, Math.max(0, next - scheduler.now()));
  };

  const fire = (): void => {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    const now = scheduler.now();
    const ids: string[] = [];
    while (times.length > 0 && times[0]! <= now) {
      const at = times.shift()!;
      for (const id of buckets.get(at) ?? []) {
        bucketOf.delete(id);
        ids.push(id);
      }
      buckets.delete(at);
    }
    arm();
    if (ids.length > 0) due(ids);
  };

  const remove = (id: string): void => {
    const at = bucketOf.get(id);
    if (at === undefined) return;
    bucketOf.delete(id);
    const bucket = buckets.get(at)!;
    bucket.delete(id);
    if (bucket.size === 0) {
      buckets.delete(at);
      times.splice(times.indexOf(at), 1);
    }
  };

  return {
    set(id, delayMs) {
      remove(id);
      const at = Math.ceil((scheduler.now() + delayMs) / BUCKET_MS) * BUCKET_MS;
      let bucket = buckets.get(at);
      if (bucket === undefined) {
        buckets.set(at, (bucket = new Set()));
        // Binary search: the buckets are few (due times spread over minutes), the ids many.
        let lo = 0;
        let hi = times.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (times[mid]! < at) lo = mid + 1;
          else hi = mid;
        }
        times.splice(lo, 0, at);
      }
      bucket.add(id);
      bucketOf.set(id, at);
      arm();
    },
    delete(id) {
      remove(id);
      arm();
    },
    clear() {
      bucketOf.clear();
      buckets.clear();
      times.length = 0;
      arm();
    },
    get size() {
      return bucketOf.size;
    },
  };
}

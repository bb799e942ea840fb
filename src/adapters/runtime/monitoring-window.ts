// Monitoring many users on one link (BLF over CTI, cti-xsi.md §3.5; CAP monitoring, cap.md §9) at
// reception scale (issue 14): at most `window` requests in flight, each user asked again with
// exponential backoff after a timeout or refusal, and every change of a user's monitoring reported
// in coalesced batches (the last state per user wins), so thousands of answers make a handful of
// events. Protocol-neutral: the driver says how one batch of users is asked for. No clock of its
// own: waits run on the injected scheduler; the jitter's random draw comes from `draw` and is
// reported with the retry, so a log shows it.
import type { SchedulerLike, Subscription } from 'rxjs';

/** How one user's monitoring stands (the domain's LampSubscription, with the draw of a retry). */
export type MonitoringStatus =
  | { readonly userId: string; readonly state: 'waiting' }
  | { readonly userId: string; readonly state: 'subscribing'; readonly attempt: number }
  | { readonly userId: string; readonly state: 'subscribed' }
  | {
      readonly userId: string;
      readonly state: 'retrying';
      /** A short code: 'timeout', 'refused', 'closed', … */
      readonly cause: string;
      /** What the server or the link said, for a person. */
      readonly reason: string;
      readonly attempt: number;
      readonly retryAt: number;
      /** The random draw in [0, 1) that placed retryAt within its backoff. */
      readonly draw: number;
    };

/** The answer for one user of a batch. */
export type MonitoringResult = { readonly ok: true } | { readonly ok: false; readonly cause: string; readonly reason: string };

export interface MonitoringWindowOptions {
  readonly users: readonly string[];
  /** At most this many requests in flight (≥ 1). */
  readonly window: number;
  /** Users per request (CTI: 1 per AddUserSubscriptionRequest; CAP: a monitoringUsersRequest lists several). */
  readonly batchSize?: number;
  /** Asks for one batch; resolves with a result per user of the batch (missing users count as refused). */
  ask(users: readonly string[]): Promise<ReadonlyMap<string, MonitoringResult>>;
  readonly scheduler: SchedulerLike;
  /** A random number in [0, 1) for the retry jitter. */
  draw(): number;
  /** Backoff of the first retry (default 5 s), doubled per attempt up to `maxRetryMs` (default 5 min). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Status changes are gathered this long before one report (default 100 ms). */
  readonly reportEveryMs?: number;
  report(statuses: readonly MonitoringStatus[]): void;
}

export interface MonitoringWindow {
  /** Requests in flight now (never above the window). */
  readonly inFlight: number;
  /** Users not (yet) monitored: waiting, being asked, or retrying. */
  readonly outstanding: number;
  /** The user's monitoring came in by another way (a late answer adopted): no retry is due. */
  adopted(userId: string): void;
  /** The user's monitoring ended on the server: asked for again. */
  lost(userId: string): void;
  /** Stops all work (the link is gone); the pending report is sent first. */
  stop(): void;
}

const DEFAULT_FIRST_RETRY_MS = 5_000;
const DEFAULT_MAX_RETRY_MS = 300_000;
const DEFAULT_REPORT_EVERY_MS = 100;

/**
 * Starts monitoring `users` through a bounded window.
 *
 * @example
 * const w = startMonitoringWindow({
 *   users: ['bob@example.com', 'carol@example.com'], window: 50, scheduler: asyncScheduler, draw: Math.random,
 *   ask: async ([user]) => new Map([[user!, (await link.subscribe(user!, 'Basic Call')).ok ? { ok: true } : { ok: false, cause: 'refused', reason: '403' }]]),
 *   report: (statuses) => console.log(statuses),
 * });
 * // later, when the link drops:
 * w.stop();
 */
export function startMonitoringWindow(options: MonitoringWindowOptions): MonitoringWindow {
  const { scheduler } = options;
  const window = Math.max(1, Math.floor(options.window));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const firstRetryMs = options.firstRetryMs ?? DEFAULT_FIRST_RETRY_MS;
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  const reportEveryMs = options.reportEveryMs ?? DEFAULT_REPORT_EVERY_MS;

  /** Users due to be asked, in list order (a queue with a moving head: O(1) per user). */
  const queue: string[] = [];
  let head = 0;
  const attempts = new Map<string, number>();
  const retries = new Map<string, Subscription>();
  const monitored = new Set<string>();
  const asking = new Set<string>();
  const changes = new Map<string, MonitoringStatus>();
  let reportTimer: Subscription | null = null;
  let inFlight = 0;
  let stopped = false;

  const flush = (): void => {
    reportTimer = null;
    if (changes.size === 0) return;
    const batch = [...changes.values()];
    changes.clear();
    options.report(batch);
  };
  const note = (status: MonitoringStatus): void => {
    // Map order is first-change order; the last state of a user replaces the earlier one in place.
    changes.set(status.userId, status);
    reportTimer ??= scheduler.schedule(flush, reportEveryMs);
  };

  const retry = (userId: string, cause: string, reason: string): void => {
    const attempt = attempts.get(userId) ?? 1;
    // Exponential backoff with jitter: half the step fixed, half drawn, so a wave of failures
    // (thousands timing out together) comes back spread out rather than as the same wave.
    const step = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.min(attempt - 1, 30));
    const draw = options.draw();
    const delay = Math.round(step / 2 + (step / 2) * draw);
    note({ userId, state: 'retrying', cause, reason, attempt, retryAt: scheduler.now() + delay, draw });
    retries.set(
      userId,
      scheduler.schedule(() => {
        retries.delete(userId);
        if (stopped || monitored.has(userId)) return;
        queue.push(userId);
        pump();
      }, delay),
    );
  };

  const settle = (batch: readonly string[], results: ReadonlyMap<string, MonitoringResult> | null, failure: MonitoringResult): void => {
    inFlight--;
    for (const userId of batch) asking.delete(userId);
    if (stopped) return;
    for (const userId of batch) {
      if (monitored.has(userId)) continue; // adopted meanwhile
      const result = results?.get(userId) ?? failure;
      if (result.ok) {
        monitored.add(userId);
        note({ userId, state: 'subscribed' });
      } else retry(userId, result.cause, result.reason);
    }
    pump();
  };

  const pump = (): void => {
    while (!stopped && inFlight < window && head < queue.length) {
      const batch: string[] = [];
      while (batch.length < batchSize && head < queue.length) {
        const userId = queue[head++]!;
        if (monitored.has(userId) || asking.has(userId) || retries.has(userId)) continue;
        batch.push(userId);
      }
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      if (batch.length === 0) continue;
      inFlight++;
      for (const userId of batch) {
        asking.add(userId);
        const attempt = (attempts.get(userId) ?? 0) + 1;
        attempts.set(userId, attempt);
        note({ userId, state: 'subscribing', attempt });
      }
      const missing: MonitoringResult = { ok: false, cause: 'unanswered', reason: 'the server did not answer for this user' };
      options.ask(batch).then(
        (results) => settle(batch, results, missing),
        (error: unknown) => settle(batch, null, { ok: false, cause: 'failed', reason: error instanceof Error ? error.message : String(error) }),
      );
    }
  };

  const wanted = new Set(options.users);
  for (const userId of wanted) queue.push(userId);
  pump();

  return {
    get inFlight() {
      return inFlight;
    },
    get outstanding() {
      return wanted.size - monitored.size;
    },
    adopted(userId) {
      if (stopped || monitored.has(userId) || !wanted.has(userId)) return;
      retries.get(userId)?.unsubscribe();
      retries.delete(userId);
      monitored.add(userId);
      note({ userId, state: 'subscribed' });
    },
    lost(userId) {
      // The server ended it (SubscriptionTerminatedEvent): asked for again at once, as a new user.
      if (stopped || !monitored.delete(userId)) return;
      attempts.delete(userId);
      note({ userId, state: 'waiting' });
      queue.push(userId);
      pump();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of retries.values()) timer.unsubscribe();
      retries.clear();
      reportTimer?.unsubscribe();
      flush();
    },
  };
}

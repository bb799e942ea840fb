// How a session monitors its BLF list (issue 14): the window of requests in flight and when the
// work may begin. One object for the CTI and CAP drivers, from the client's configuration.

/**
 * Requests in flight at most while monitoring (CTI: AddUserSubscriptionRequests; CAP: each
 * monitoringUsersRequest of `CAP_MONITORING_BATCH` users). Chosen by `npm run bench:reception
 * -- --window N` (10 ms each way per hop): of the windows measured (25 to 400), the largest whose
 * event-loop delay while monitoring 20,000 users stays under 50 ms at the 99th percentile
 * (37–39 ms), the RAIL model's budget for handling input; 200 lights 20,000 lamps 28 % sooner but
 * delays the loop by 66 ms at p99, 50 takes 1.7 times as long.
 *
 * @example
 * createUnityClient({ ...config, monitoringWindow: DEFAULT_MONITORING_WINDOW / 2 }); // 50 in flight
 */
export const DEFAULT_MONITORING_WINDOW = 100;

/** Users per CAP monitoringUsersRequest. */
export const CAP_MONITORING_BATCH = 100;

export interface MonitoringOptions {
  /** Requests in flight at most (default DEFAULT_MONITORING_WINDOW). */
  readonly window?: number;
  /**
   * Settles when the start-up is ready or stopped: monitoring begins after it, so BLF work never
   * delays the start-up's remaining steps. Absent: monitoring begins after the login.
   */
  readonly startAfter?: Promise<void>;
}

/**
 * A random number in [0, 1) from the session's random bytes (the retry jitter's draw).
 *
 * @example
 * drawOf((n) => crypto.getRandomValues(new Uint8Array(n))); // e.g. 0.4172…
 */
export function drawOf(randomBytes: (size: number) => Uint8Array): number {
  const bytes = randomBytes(4);
  return (((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0) / 0x1_0000_0000;
}

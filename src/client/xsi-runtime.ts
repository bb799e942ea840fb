// XSI on demand (seed §1.1: once connected and licensed, "Unity will periodically connect to the
// Broadworks XSI server to perform ad-hoc tasks"): voicemail, recording, and the call-center
// statistics, refreshed at a random delay between the branding's minimum and maximum (seed §4.1) —
// each draw enters the log as a 'random' event, so a replay sees the same delays. XSI requests run
// beside the connections and never block them.
import { Subject } from 'rxjs';
import { createStatsRefreshSchedule } from '../adapters/xsi/stats-refresh.ts';
import { createXsiClient, type XsiClient } from '../adapters/xsi/xsi-client.ts';
import type { TimeSource } from '../machines/clock/clock.ts';
import { DOMAIN_ACTOR_ID } from '../machines/domain/contract.ts';
import type { Dispatcher, NetControls } from '../adapters/runtime/connection-runner.ts';
import type { Credentials } from '../adapters/runtime/credentials.ts';
import type { PortalAnswers } from './portal-answers.ts';

export const STATS_DRAW_EVENT = 'RANDOM.CALL_CENTER_STATS_DRAW';

export interface CallCenterStats {
  /** Clock time of the refresh. */
  at: number;
  agentState: string | null;
  queues: Array<{ callCenterId: string; waiting: number }>;
}

export interface XsiRuntime {
  /** Runs one XSI operation with fresh credentials; null when XSI is not usable yet (no branding). */
  use<T>(operation: (client: XsiClient) => Promise<T>): Promise<T | { ok: false; error: { message: string } }>;
  /** Starts the call-center statistics refresh (idempotent). */
  startStatsRefresh(): void;
  readonly stats$: Subject<CallCenterStats>;
  stop(): void;
}

/**
 * @example
 * const xsi = createXsiRuntime({ system, rootId: system.rootId, credentials, answers, net, serverHost, clock, random: Math.random });
 * const voicemail = await xsi.use((c) => c.voicemail());
 */
export function createXsiRuntime(options: {
  system: Dispatcher;
  rootId: string;
  credentials: Credentials;
  /** The portal's branding answer: the XSI base URL and the statistics refresh bounds. */
  answers: Pick<PortalAnswers, 'branding'>;
  net: NetControls;
  serverHost: string;
  /** Schedules the refreshes (the client's clock: virtual in tests). */
  clock: TimeSource;
  /** A uniform draw in [0, 1). */
  random: () => number;
}): XsiRuntime {
  const { answers, credentials } = options;
  let client: XsiClient | null = null;
  let secret: { userId: string; password: string } | null = null;
  let timer: number | null = null;
  let stopped = false;
  let refreshing = false;
  const stats$ = new Subject<CallCenterStats>();

  const xsi = (): XsiClient | null => {
    if (client !== null) return client;
    if (answers.branding === null) return null;
    // kakapo.md §2.1: the branding's XSI base URL, default https://{ociHost}.
    const baseUrl = answers.branding.connectivity.xsi?.baseUrl ?? `https://${options.serverHost}`;
    client = createXsiClient({
      baseUrl,
      resolver: options.net.resolver,
      ca: options.net.ca,
      ...(options.net.agentPool ? { agentPool: options.net.agentPool } : {}),
      ...(options.net.scheduler ? { scheduler: options.net.scheduler } : {}),
      credentials: () => secret ?? { userId: credentials.loginId, password: '' },
    });
    return client;
  };

  const use: XsiRuntime['use'] = async (operation) => {
    const c = xsi();
    if (c === null) return { ok: false, error: { message: 'XSI is not known yet (no branding)' } };
    const password = await credentials.password();
    if (!password.ok) return { ok: false, error: { message: password.message } };
    secret = { userId: credentials.loginId, password: password.password };
    return operation(c);
  };

  const refresh = async (): Promise<void> => {
    const state = await use((c) => c.agentState());
    const centers = state.ok ? (state.value.callCenterList?.callCenterDetails ?? []).map((d) => d.serviceUserId) : [];
    const queues: CallCenterStats['queues'] = [];
    for (const id of centers) {
      const queue = await use((c) => c.queue(id));
      if (queue.ok) queues.push({ callCenterId: id, waiting: queue.value.length });
    }
    const at = options.clock.now();
    // The refresh's findings are domain events: logged, so the domain state (and a replay) has them.
    if (state.ok && state.value.agentACDState !== undefined) {
      const agent = state.value;
      options.system.dispatch(DOMAIN_ACTOR_ID, { type: 'AGENT.STATE', state: agent.agentACDState, ...(agent.agentUnavailableCode !== undefined ? { unavailableCode: agent.agentUnavailableCode } : {}) }, 'network');
    }
    for (const q of queues) options.system.dispatch(DOMAIN_ACTOR_ID, { type: 'QUEUE.STATS', callCenterId: q.callCenterId, waiting: q.waiting, at }, 'network');
    stats$.next({ at, agentState: state.ok ? (state.value.agentACDState ?? null) : null, queues });
  };

  const scheduleNext = (): void => {
    if (stopped || answers.branding === null) return;
    const schedule = createStatsRefreshSchedule(answers.branding.connectivity.callCenterStatsRefresh);
    const draw = options.random();
    // The draw is an input like any other: logged, so a replay takes the same delay.
    options.system.dispatch(options.rootId, { type: STATS_DRAW_EVENT, draw }, 'random');
    timer = options.clock.setTimeout(() => {
      timer = null;
      void refresh().finally(scheduleNext);
    }, schedule.delayMs(draw));
  };

  return {
    use,
    stats$,
    startStatsRefresh() {
      if (refreshing || stopped) return;
      refreshing = true;
      scheduleNext();
    },
    stop() {
      stopped = true;
      if (timer !== null) options.clock.clearTimeout(timer);
      timer = null;
      stats$.complete();
    },
  };
}

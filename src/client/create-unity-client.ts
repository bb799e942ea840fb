// createUnityClient (issue 5 "The client"; issue 11 "a client layer"): the start-up machine and its
// connections in a recorded system (the event log), answered by one named set of drivers over real
// sockets. A UI reads snapshot$ and events$ and drives the session with send(); stop() is a user
// close (no reconnect). The log file and ConnectionLog.txt are sinks attached like any UI.
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { BehaviorSubject, Subject, distinctUntilChanged, filter, firstValueFrom, map, type Observable } from 'rxjs';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../codecs/kakapo/cipher.ts';
import type { BrandingResponse } from '../codecs/kakapo/types.ts';
import { createHttpsAgentPool } from '../effects/https-agent-pool.ts';
import { createHostMapResolver, createSystemResolver } from '../effects/resolver.ts';
import { schedulerOf } from '../effects/time-source-scheduler.ts';
import type { LogEntry } from '../machines/log/log-entry.ts';
import { createRecordedSystem } from '../machines/log/recorded-system.ts';
import type { StartupInput } from '../machines/startup/contract.ts';
import { startupMachine } from '../machines/startup/startup-machine.ts';
import { createPortalClient } from '../adapters/portal/portal-client.ts';
import { createCredentials } from '../adapters/runtime/credentials.ts';
import { mappedPort } from '../adapters/runtime/connection-runner.ts';
import { attachUi } from './attach/attach-ui.ts';
import { createXsiRuntime } from './xsi-runtime.ts';
import { createSessionRuntime } from './session-runtime.ts';
import { createSessionDrivers } from './session-drivers.ts';
import { createStartupEffects } from './startup-effects.ts';
import { createPortalAnswers } from './portal-answers.ts';
import { sessionFactsOf, startupContextOf } from './startup-facts.ts';
import { createImpTokenRenewal } from './imp-token-renewal.ts';
import { loadInstallation } from './installation-id.ts';
import { DEFAULT_MONITORING_WINDOW } from '../adapters/runtime/monitoring-options.ts';
import { readSnapshot, type ClientSnapshot } from './client-snapshot.ts';
import { connectionSince } from './connection-since.ts';
import { DEFAULT_CLIENT_VERSION, DEFAULT_PORTAL_URL, type UnityClientConfig } from './client-config.ts';
import { executeCommand, imServiceFor, type SessionState } from './execute-command.ts';
import type { CommandResult, UnityCommand } from './client-commands.ts';
import { commandResultEvent, userCommandEvent } from './command-events.ts';
import { createContentConcealer } from './content-concealer.ts';
import { createDomainFeed } from './domain-feed.ts';
import { registerInternals } from './client-internals.ts';
import { voicemailListed, voicemailSummary } from '../adapters/domain/voicemail-domain-events.ts';
import type { Dispatcher } from '../adapters/runtime/connection-runner.ts';
import type { ConnectionName } from '../machines/connection/contract.ts';
import { DOMAIN_ACTOR_ID, type DomainEvent } from '../machines/domain/contract.ts';
import { INITIAL_DOMAIN_STATE, type DomainState } from '../machines/domain/domain-state.ts';
import type { AnyActorRef } from 'xstate';
import { createWallClock } from './wall-clock.ts';
import { eventLogFileSink } from './sinks/event-log-file.ts';
import { connectionLogFileSink, connectionLogPathOf } from './sinks/connection-log-file.ts';
import type { SessionSink } from './sinks/session-sink.ts';

/**
 * `Symbol.asyncDispose` (explicit resource management, TC39): `await using client = …` stops the
 * session at the end of the block. Node 20.19 has the well-known symbol; older runtimes used
 * `Symbol.for('nodejs.asyncDispose')`, which is what they find then.
 */
const ASYNC_DISPOSE: typeof Symbol.asyncDispose = (Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')) as typeof Symbol.asyncDispose;

/** How `start()` may be called. */
export interface StartOptions {
  /**
   * Ends the session when aborted (a user close: every connection logs out, none reconnects).
   * Aborted before start-up settled, `start()` rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface UnityClient {
  /** Starts start-up (seed §1.1); resolves with the snapshot once it is ready or has stopped. */
  start(options?: StartOptions): Promise<ClientSnapshot>;
  /** User close: every connection closes politely and never reconnects. Flushes the log file. */
  stop(): Promise<void>;
  /** `await using client = createUnityClient(config)`: stop() when the scope ends. */
  [Symbol.asyncDispose](): Promise<void>;
  /**
   * Asks the session to do something (call control, IM, voicemail, agent state), routed by what the
   * machines say is in use and online; the command and its result are logged. Never throws.
   */
  send(command: UnityCommand): Promise<CommandResult>;
  /** The latest snapshot (also after stop()). */
  readonly snapshot: ClientSnapshot;
  /** The current snapshot, then one per processed event; `snapshot.domain` is the domain state. */
  readonly snapshot$: Observable<ClientSnapshot>;
  /**
   * The domain state (calls, lamps, conversations, voicemail, call center): the current one, then
   * each change. One stream for the whole session: it goes on across reconnects and new links.
   */
  readonly domain$: Observable<DomainState>;
  /** Every processed event as its log entry. */
  readonly events$: Observable<LogEntry>;
  /**
   * The event log in memory: entry 0 and the newest entries (`config.logRetention`, default
   * DEFAULT_LOG_RETENTION; `dropped` counts the others), replayable while nothing was dropped. The
   * file (`file`) has every entry; `error` says why it could not be written.
   */
  readonly log: { readonly entries: readonly LogEntry[]; readonly dropped: number; readonly file: string | null; readonly error: string | null };
  /** The portal's branding answer (policy, XSI, statistics bounds), null before it arrived. */
  readonly branding: BrandingResponse | null;
  /** This installation's own id (config.stateDirectory), and why it could not be kept, if so. */
  readonly installation: { readonly id: string; readonly error: string | null };
}

/** Log entries kept in memory beyond entry 0 (issue 11 item 5: a week-long session holds steady memory). */
export const DEFAULT_LOG_RETENTION = 500;

function thisDevice(): { macAddress: string; computerName: string } {
  const mac =
    Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && !i.internal && i.mac !== '00:00:00:00:00:00')?.mac ?? '00:00:00:00:00:00';
  return { macAddress: mac.toUpperCase(), computerName: hostname() };
}

/**
 * A client session against real servers (or the lab): nothing happens until `start()`.
 *
 * @example
 * const client = createUnityClient({ serverHost: 'ocs.example.com', loginId: 'ann@example.com', password: async () => secret });
 * const snapshot = await client.start(); // ready, or stopped with a reason a person can act on
 * console.log(snapshot.outcome, snapshot.connections);
 * await client.stop();
 */
export function createUnityClient(config: UnityClientConfig): UnityClient {
  const monitoringWindow = config.monitoringWindow ?? DEFAULT_MONITORING_WINDOW;
  if (!Number.isInteger(monitoringWindow) || monitoringWindow < 1 || monitoringWindow > 1000) {
    throw new RangeError(`monitoringWindow must be a whole number from 1 to 1000, not ${String(config.monitoringWindow)}`);
  }
  const clientType = config.clientType ?? 'Desktop';
  const installation = loadInstallation(config.stateDirectory, randomUUID);
  const input: StartupInput = {
    serverHost: config.serverHost,
    loginId: config.loginId,
    clientType,
    clientVersion: config.clientVersion ?? DEFAULT_CLIENT_VERSION,
    // seed §1.1: Wallboard and Dashboard are licensed by MAC address and computer name.
    ...(clientType === 'Wallboard' || clientType === 'Dashboard' ? { device: config.device ?? thisDevice() } : {}),
    ...(config.keepaliveTimeoutMs !== undefined ? { keepaliveTimeoutMs: config.keepaliveTimeoutMs } : {}),
    ...(config.reconnectDelayMs !== undefined ? { reconnectDelayMs: config.reconnectDelayMs } : {}),
    // issue 10: this installation's own id, kept in the state directory; data of the start event.
    installationId: installation.id,
    // The advice for an unreachable portal names the one asked (issue 13), not always the default.
    portal: portalOf(config.portalUrl ?? DEFAULT_PORTAL_URL),
  };
  // ONE time source for the whole session: the machines' timers (through the recording clock, so
  // each fire is logged) and every effect and link timer (connect, TLS and request timeouts,
  // refreshes, pings) as an RxJS scheduler on the same clock. A VirtualClock drives all of it.
  const clock = config.clock ?? createWallClock();
  const scheduler = schedulerOf(clock);
  const system = createRecordedSystem({
    machine: startupMachine,
    input,
    clock,
    systemId: 'startup',
    retainEntries: config.logRetention ?? DEFAULT_LOG_RETENTION,
  });
  const resolver = config.resolver ?? createHostMapResolver(config.hostMap ?? {}, { fallback: createSystemResolver() });
  const ca = config.ca ?? [];
  const credentials = createCredentials(config.loginId, config.password);
  const randomBytes = (size: number): Uint8Array => new Uint8Array(nodeRandomBytes(size));
  // One keep-alive pool for every HTTPS request of the session: the license request reuses the
  // branding request's portal connection, and XSI requests reuse theirs (issue 5).
  const agentPool = createHttpsAgentPool();
  const net = {
    resolver,
    ca,
    agentPool,
    connectTimeoutMs: config.connectTimeoutMs ?? 10_000,
    tlsTimeoutMs: config.tlsTimeoutMs ?? 10_000,
    scheduler,
    ...(config.portMap ? { portMap: config.portMap } : {}),
  };
  const portOf = (host: string, port: number): number => mappedPort(net, host, port);
  const keyRing = config.keyRing ?? DEVELOPMENT_KEY_RING;
  const keyId = config.keyId ?? DEVELOPMENT_KEY_ID;
  const portal = createPortalClient({ url: config.portalUrl ?? DEFAULT_PORTAL_URL, resolver, ca, keyRing, keyId, randomBytes, agentPool, scheduler });
  const answers = createPortalAnswers();
  const facts = sessionFactsOf(system.actor, answers);

  const xsi = createXsiRuntime({
    system: { dispatch: (target, event, source) => live.dispatch(target, event, source) },
    rootId: system.rootId,
    credentials,
    answers,
    net,
    serverHost: config.serverHost,
    clock,
    random: Math.random,
  });
  // Issue 14: BLF work begins once start-up is ready (or stopped), so it never delays start-up.
  let startupSettled: () => void = () => undefined;
  const startAfter = new Promise<void>((resolve) => (startupSettled = resolve));
  const drivers = createSessionDrivers({
    monitoring: { window: monitoringWindow, startAfter },
    credentials,
    facts,
    net,
    ids: randomUUID,
    randomBytes,
    keyRing,
    keyId,
    clock,
    // cti-xsi.md §3.5: CTI subscribes, CAP monitors, the BLF list read over XSI.
    busyLampField: () => xsi.use((c) => c.busyLampField()),
    // issue 10: a token refused after its lifetime is renewed from the portal, never re-sent.
    renewImpToken: createImpTokenRenewal({ portal, answers, context: () => startupContextOf(system.actor) }),
  });
  const startup = createStartupEffects({ system, rootId: system.rootId, portal, oci: drivers.oci, answers });
  // issue 11: numbers and IM texts enter the log concealed (a key of this session), unless asked.
  const concealer = createContentConcealer({ key: randomBytes(32), ...(config.recordContent !== undefined ? { recordContent: config.recordContent } : {}) });
  let ended = false;
  /** Dispatch while the session runs (news arriving after stop() is not the session's any more). */
  const live: Dispatcher = {
    dispatch(target, event, source) {
      if (ended || system.entries.length === 0) return;
      // Once start-up stopped, the system has no domain actor: its news would change nothing.
      if (target === DOMAIN_ACTOR_ID && (system.actor.getSnapshot() as { status: string }).status !== 'active') return;
      system.dispatch(target, event, source);
    },
  };
  const toDomain = (event: DomainEvent, source: 'network' | 'user' = 'network'): void => live.dispatch(DOMAIN_ACTOR_ID, event as unknown as { type: string }, source);
  const feed = createDomainFeed({ system: live, drivers, ownUser: config.loginId, conceal: concealer.conceal, ids: randomUUID, scheduler });
  const runtime = createSessionRuntime({ system, drivers, startup, answers, net });

  // The domain actor (invoked by start-up): kept, since the system forgets it once start-up stopped.
  let domainActor: AnyActorRef | undefined;
  const domainState = (): DomainState => {
    domainActor ??= system.actor.system.get(DOMAIN_ACTOR_ID) as AnyActorRef | undefined;
    return ((domainActor?.getSnapshot() as { context?: DomainState } | undefined)?.context ?? INITIAL_DOMAIN_STATE) as DomainState;
  };
  // When each connection entered its state: the drop's time and the wait before the next attempt.
  const since = connectionSince();
  const snapshotOf = (entry?: LogEntry): ClientSnapshot =>
    readSnapshot(system.actor, {
      ...(entry ? { loggedStates: entry.states, seq: entry.seq } : {}),
      portOf,
      since: since.since,
      domain: concealer.revealAll(domainState()),
    });
  const snapshots = new BehaviorSubject<ClientSnapshot>(snapshotOf());
  const events = new Subject<LogEntry>();
  let voicemailFetched = false;
  system.onEntry((entry) => {
    since.observe(entry);
    events.next(entry);
    const snapshot = snapshotOf(entry);
    snapshots.next(snapshot);
    if (snapshot.outcome !== 'starting') startupSettled();
    if (snapshot.outcome !== 'ready') return;
    // seed §4.1: call-center statistics once ready, for a license with call center.
    if (facts.license?.features.callCenter === true) xsi.startStatsRefresh();
    // seed §1.1: voicemail is an ad hoc XSI task; once ready, its counts and list are read once.
    if (!voicemailFetched) {
      voicemailFetched = true;
      void refreshVoicemail({ list: true });
    }
  });

  /** The user asks a stopped connection to try again: CONNECT (failed, closed) or new credentials (authFailed). */
  const connectAgain = (name: ConnectionName): CommandResult => {
    const state = system.entries.at(-1)?.states[name];
    if (state === undefined || snapshots.value.outcome === 'stopped') return { ok: false, code: 'not-connected', message: `${name} is not a connection of this session` };
    if (state === 'authFailed') system.dispatch(name, { type: 'CREDENTIALS.UPDATED' }, 'user');
    else if (state === 'failed' || state === 'closed') system.dispatch(name, { type: 'CONNECT' }, 'user');
    else return { ok: true, value: { state } }; // already trying or online: nothing to do
    return { ok: true };
  };

  /** The MWI counts (and the list), read over XSI and logged as domain events; failures are quiet. */
  const refreshVoicemail = async (what: { list: boolean }): Promise<void> => {
    const summary = await xsi.use((c) => c.messageSummary());
    if (summary.ok) toDomain(voicemailSummary(summary.value));
    if (!what.list) return;
    const list = await xsi.use((c) => c.voicemail());
    if (list.ok) toDomain(voicemailListed(list.value, concealer.conceal));
  };

  /** What the machines say now: the routing of every command (issue 11 item 3). */
  const sessionState: SessionState = {
    get callControl() {
      return snapshots.value.callControl;
    },
    get license() {
      return facts.license;
    },
    opened: (name: ConnectionName) => snapshots.value.connections[name] !== undefined,
    online: (name: ConnectionName) => snapshots.value.connections[name]?.state === 'online',
  };

  let started: Promise<ClientSnapshot> | null = null;
  let stopping: Promise<void> | null = null;
  const client: UnityClient = {
    installation,
    get branding() {
      return answers.branding;
    },
    get snapshot() {
      return snapshots.value;
    },
    snapshot$: snapshots.asObservable(),
    domain$: snapshots.pipe(
      map((s) => s.domain),
      distinctUntilChanged(),
    ),
    events$: events.asObservable(),
    log: {
      entries: system.entries,
      get dropped() {
        return system.dropped;
      },
      file: config.logFile ?? null,
      get error() {
        return sinks.map((s) => s.error).find((e) => e !== null) ?? null;
      },
    },
    start(options = {}) {
      const { signal } = options;
      if (signal?.aborted === true && started === null) return Promise.reject(signal.reason);
      if (started === null) {
        started = firstValueFrom(snapshots.pipe(filter((s) => s.outcome !== 'starting')));
        system.start();
      }
      if (signal === undefined) return started;
      // The signal ends the session (whenever it aborts); start() itself rejects if it aborts first.
      const settled = started;
      return new Promise<ClientSnapshot>((resolve, reject) => {
        const onAbort = (): void => {
          void client.stop();
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void settled.then(
          (snapshot) => {
            signal.removeEventListener('abort', onAbort);
            // Still the session's lifetime: an abort after start-up stops it.
            if (snapshot.outcome !== 'stopped') signal.addEventListener('abort', () => void client.stop(), { once: true });
            resolve(snapshot);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    stop() {
      if (stopping === null) {
        stopping = (async () => {
          xsi.stop();
          feed.close();
          if (system.entries.length > 0 && snapshots.value.outcome !== 'stopped') {
            system.dispatch(system.rootId, { type: 'CLOSE' }, 'user');
          }
          await runtime.settled();
          ended = true;
          runtime.dispose();
          agentPool.destroy();
          system.stop();
          snapshots.complete();
          events.complete();
          await Promise.all(sinks.map((s) => s.done));
        })();
      }
      return stopping;
    },
    [ASYNC_DISPOSE]() {
      return client.stop();
    },
    async send(command) {
      // What the user did is an event (DESIGN.md), sent before it is carried out; then its result.
      // Ids (the command's, an IM's) are drawn here and arrive in the events; a number or a text
      // only concealed.
      if (system.entries.length === 0 || snapshots.value.outcome === 'stopped' || ended) {
        return { ok: false, code: 'not-connected', message: 'the session is not running' };
      }
      const commandId = randomUUID();
      const messageId = command.type === 'sendIm' ? randomUUID() : undefined;
      const service = command.type === 'sendIm' ? imServiceFor(command, facts.license) : null;
      const ids = { ...(messageId !== undefined ? { messageId } : {}), service };
      toDomain(userCommandEvent(command, { commandId, ...ids, at: clock.now(), conceal: concealer.conceal }), 'user');
      let result: CommandResult;
      try {
        result = command.type === 'connect' ? connectAgain(command.connection) : await executeCommand({ drivers, state: sessionState, xsi }, command, messageId ?? commandId);
      } catch (error) {
        result = { ok: false, code: 'failed', message: error instanceof Error ? error.message : 'the command failed' };
      }
      // What a command fetched is domain state too (the voicemail list), logged before its result.
      if (command.type === 'fetchVoicemail' && result.ok && Array.isArray(result.value)) toDomain(voicemailListed(result.value as never, concealer.conceal));
      toDomain(commandResultEvent(command, commandId, result, ids));
      if ((command.type === 'markRead' || command.type === 'fetchVoicemail') && result.ok) void refreshVoicemail({ list: false });
      return result;
    },
  };
  registerInternals(client, { runtime, links: { cti: drivers.cti, imp: drivers.imp, xmpp: drivers.xmpp }, xsi, system, concealer });

  // issue 6 / seed §5.1: --log writes the event log and, beside it, ConnectionLog.txt; both are
  // sinks attached like a UI, so they see every event from the first.
  const sinks: SessionSink[] =
    config.logFile === undefined ? [] : [eventLogFileSink(config.logFile), connectionLogFileSink(connectionLogPathOf(config.logFile))];
  for (const sink of sinks) attachUi(client, sink);
  return client;
}

/** The host and port of the portal's URL (443 when the URL has none). */
function portalOf(url: string): { host: string; port: number } {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: u.port === '' ? 443 : Number(u.port) };
  } catch {
    return { host: url, port: 443 };
  }
}

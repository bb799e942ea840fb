// createUnityClient (issue 5 "The client"; issue 11 "a client layer"): the start-up machine and its
// connections in a recorded system (the event log), answered by one named set of drivers over real
// sockets. A UI reads snapshot$ and events$ and drives the session with send(); stop() is a user
// close (no reconnect). The log file and ConnectionLog.txt are sinks attached like any UI.
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { BehaviorSubject, Subject, filter, firstValueFrom, type Observable } from 'rxjs';
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
import { createXsiRuntime, type XsiRuntime } from './xsi-runtime.ts';
import { createSessionRuntime, type SessionRuntime } from './session-runtime.ts';
import { createSessionDrivers, type ClientLinks } from './session-drivers.ts';
import { createStartupEffects } from './startup-effects.ts';
import { createPortalAnswers } from './portal-answers.ts';
import { sessionFactsOf } from './startup-facts.ts';
import { readSnapshot, type ClientSnapshot } from './client-snapshot.ts';
import { DEFAULT_CLIENT_VERSION, DEFAULT_PORTAL_URL, type UnityClientConfig } from './client-config.ts';
import { executeCommand } from './execute-command.ts';
import type { CommandResult, UnityCommand } from './client-commands.ts';
import { createWallClock } from './wall-clock.ts';
import { eventLogFileSink } from './sinks/event-log-file.ts';
import { connectionLogFileSink, connectionLogPathOf } from './sinks/connection-log-file.ts';
import type { SessionSink } from './sinks/session-sink.ts';

export interface UnityClient {
  /** Starts start-up (seed §1.1); resolves with the snapshot once it is ready or has stopped. */
  start(): Promise<ClientSnapshot>;
  /** User close: every connection closes politely and never reconnects. Flushes the log file. */
  stop(): Promise<void>;
  send(command: UnityCommand): Promise<CommandResult>;
  /** The latest snapshot (also after stop()). */
  readonly snapshot: ClientSnapshot;
  /** The current snapshot, then one per processed event. */
  readonly snapshot$: Observable<ClientSnapshot>;
  /** Every processed event as its log entry. */
  readonly events$: Observable<LogEntry>;
  /** The event log so far (replayable with machines/replay); `error` says why the file could not be written. */
  readonly log: { readonly entries: readonly LogEntry[]; readonly file: string | null; readonly error: string | null };
  /** The portal's branding answer (policy, XSI, statistics bounds), null before it arrived. */
  readonly branding: BrandingResponse | null;
  /** The runtime (drivers, runners) for tests and advanced UIs. */
  readonly runtime: SessionRuntime;
  /** Typed handles to the CTI, IM&P and XMPP drivers (messages$, delivery news, resynced calls). */
  readonly links: ClientLinks;
  /** XSI on demand, and the call-center statistics (stats$) refreshed at random delays. */
  readonly xsi: XsiRuntime;
}

/** When `name` entered the reconnecting state it is in at the last entry: a short scan back through the log. */
function reconnectingSince(entries: readonly LogEntry[], name: string): number | undefined {
  let since: number | undefined;
  for (let i = entries.length - 1; i >= 0 && entries[i]!.states[name] === 'reconnecting'; i--) since = entries[i]!.t;
  return since;
}

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
  const clientType = config.clientType ?? 'Desktop';
  const input: StartupInput = {
    serverHost: config.serverHost,
    loginId: config.loginId,
    clientType,
    clientVersion: config.clientVersion ?? DEFAULT_CLIENT_VERSION,
    // seed §1.1: Wallboard and Dashboard are licensed by MAC address and computer name.
    ...(clientType === 'Wallboard' || clientType === 'Dashboard' ? { device: config.device ?? thisDevice() } : {}),
    ...(config.keepaliveTimeoutMs !== undefined ? { keepaliveTimeoutMs: config.keepaliveTimeoutMs } : {}),
    ...(config.reconnectDelayMs !== undefined ? { reconnectDelayMs: config.reconnectDelayMs } : {}),
    // The advice for an unreachable portal names the one asked (issue 13), not always the default.
    portal: portalOf(config.portalUrl ?? DEFAULT_PORTAL_URL),
  };
  // ONE time source for the whole session: the machines' timers (through the recording clock, so
  // each fire is logged) and every effect and link timer (connect, TLS and request timeouts,
  // refreshes, pings) as an RxJS scheduler on the same clock. A VirtualClock drives all of it.
  const clock = config.clock ?? createWallClock();
  const scheduler = schedulerOf(clock);
  const system = createRecordedSystem({ machine: startupMachine, input, clock, systemId: 'startup' });
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
    system,
    rootId: system.rootId,
    credentials,
    answers,
    net,
    serverHost: config.serverHost,
    clock,
    random: Math.random,
  });
  const drivers = createSessionDrivers({
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
  });
  const startup = createStartupEffects({ system, rootId: system.rootId, portal, oci: drivers.oci, answers });
  const runtime = createSessionRuntime({ system, drivers, startup, answers, net });

  const snapshots = new BehaviorSubject<ClientSnapshot>(readSnapshot(system.actor));
  const events = new Subject<LogEntry>();
  system.onEntry((entry) => {
    events.next(entry);
    const snapshot = readSnapshot(system.actor, entry.states, portOf, (name) => reconnectingSince(system.entries, name));
    snapshots.next(snapshot);
    // seed §4.1: call-center statistics once ready, for a license with call center.
    if (snapshot.outcome === 'ready' && facts.license?.features.callCenter === true) xsi.startStatsRefresh();
  });

  let started: Promise<ClientSnapshot> | null = null;
  let stopping: Promise<void> | null = null;
  const client: UnityClient = {
    runtime,
    links: { cti: drivers.cti, imp: drivers.imp, xmpp: drivers.xmpp },
    xsi,
    get branding() {
      return answers.branding;
    },
    get snapshot() {
      return snapshots.value;
    },
    snapshot$: snapshots.asObservable(),
    events$: events.asObservable(),
    log: {
      entries: system.entries,
      file: config.logFile ?? null,
      get error() {
        return sinks.map((s) => s.error).find((e) => e !== null) ?? null;
      },
    },
    start() {
      if (started === null) {
        started = firstValueFrom(snapshots.pipe(filter((s) => s.outcome !== 'starting')));
        system.start();
      }
      return started;
    },
    stop() {
      if (stopping === null) {
        stopping = (async () => {
          xsi.stop();
          if (system.entries.length > 0 && snapshots.value.outcome !== 'stopped') {
            system.dispatch(system.rootId, { type: 'CLOSE' }, 'user');
          }
          await runtime.settled();
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
    send(command) {
      // What the user did is an event (DESIGN.md): the command's kind and the ids it uses, never
      // message text or dialled numbers. An IM's id is drawn here and enters the log first.
      const messageId = randomUUID();
      if (system.entries.length > 0 && snapshots.value.outcome !== 'stopped') {
        const ids = command.type === 'sendIm' ? { messageId } : 'callId' in command ? { callId: command.callId } : command.type === 'markRead' ? { messageId: command.messageId } : {};
        system.dispatch(system.rootId, { type: 'USER.COMMAND', command: command.type, ...ids }, 'user');
      }
      return executeCommand({ drivers, license: facts.license, xsi }, command, messageId);
    },
  };

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

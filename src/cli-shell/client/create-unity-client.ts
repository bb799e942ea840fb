// createUnityClient (issue 5 "The client"): the start-up machine and its connections in a recorded
// system (the event log), answered by the runtime's drivers over real sockets. A UI reads
// snapshot$ and events$, and drives the session with send(); stop() is a user close (no reconnect).
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { BehaviorSubject, Subject, filter, firstValueFrom, type Observable } from 'rxjs';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../codecs/kakapo/cipher.ts';
import { createHttpsAgentPool } from '../../effects/https-agent-pool.ts';
import { createHostMapResolver, createSystemResolver } from '../../effects/resolver.ts';
import { renderConnectionLog } from '../connection-log/index.ts';
import { encodeLogEntry } from '../../machines/log/jsonl.ts';
import type { LogEntry } from '../../machines/log/log-entry.ts';
import { createRecordedSystem } from '../../machines/log/recorded-system.ts';
import type { StartupInput } from '../../machines/startup/contract.ts';
import { startupMachine } from '../../machines/startup/startup-machine.ts';
import { createPortalClient } from '../../adapters/portal/portal-client.ts';
import { createCredentials } from '../../adapters/runtime/credentials.ts';
import { mappedPort } from '../../adapters/runtime/connection-runner.ts';
import { createXsiRuntime, type XsiRuntime } from '../../adapters/runtime/xsi-runtime.ts';
import { createSessionRuntime, type SessionRuntime } from '../../adapters/runtime/session-runtime.ts';
import { APPLICATION_ID, runtimeDrivers, type ClientLinks } from './runtime-drivers.ts';
import { readSnapshot, type ClientSnapshot } from './client-snapshot.ts';
import { DEFAULT_CLIENT_VERSION, DEFAULT_PORTAL_URL, type UnityClientConfig } from './client-config.ts';
import { executeCommand } from './execute-command.ts';
import type { CommandResult, UnityCommand } from './client-commands.ts';
import { createWallClock } from './wall-clock.ts';

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
  /** The event log so far (replayable with machines/replay). */
  readonly log: { readonly entries: readonly LogEntry[]; readonly file: string | null; readonly error: string | null };
  /** The runtime (drivers, facts) for tests and advanced UIs. */
  readonly runtime: SessionRuntime;
  /** Typed handles to the CTI, IM&P and XMPP drivers (messages$, delivery news, resynced calls). */
  readonly links: ClientLinks;
  /** XSI on demand, and the call-center statistics (stats$) refreshed at random delays. */
  readonly xsi: XsiRuntime;
}

function thisDevice(): { macAddress: string; computerName: string } {
  const mac =
    Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && !i.internal && i.mac !== '00:00:00:00:00:00')?.mac ?? '00:00:00:00:00:00';
  return { macAddress: mac.toUpperCase(), computerName: hostname() };
}

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
  };
  const clock = config.clock ?? createWallClock();
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
    ...(config.portMap ? { portMap: config.portMap } : {}),
  };
  const portOf = (host: string, port: number): number => mappedPort(net, host, port);
  const keyRing = config.keyRing ?? DEVELOPMENT_KEY_RING;
  const keyId = config.keyId ?? DEVELOPMENT_KEY_ID;
  const portal = createPortalClient({ url: config.portalUrl ?? DEFAULT_PORTAL_URL, resolver, ca, keyRing, keyId, randomBytes, agentPool });
  // cti-xsi.md §3.5: CTI subscribes, CAP monitors, the BLF list read over XSI (xsi is built below;
  // the list is only asked for at the first login).
  const busyLampField = () => xsi.use((c) => c.busyLampField());
  const built = runtimeDrivers({ keyRing, keyId, now: () => Date.now(), busyLampField });
  const runtime = createSessionRuntime({
    system,
    credentials,
    portal,
    net,
    ids: randomUUID,
    randomBytes,
    applicationId: APPLICATION_ID,
    busyLampField,
    drivers: built.factories,
  });

  const xsi = createXsiRuntime({
    system,
    rootId: system.rootId,
    credentials,
    facts: runtime.facts,
    net,
    serverHost: config.serverHost,
    clock,
    random: Math.random,
  });

  const snapshots = new BehaviorSubject<ClientSnapshot>(readSnapshot(system.actor));
  const events = new Subject<LogEntry>();
  let file: WriteStream | null = null;
  let logError: string | null = null;
  if (config.logFile !== undefined) {
    const stream = createWriteStream(config.logFile, { flags: 'w' });
    // A log file that cannot be written never stops the session; the in-memory log stays complete.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      logError = `the log file ${config.logFile} cannot be written (${error.code ?? 'error'})`;
      file = null;
    });
    file = stream;
  }

  system.onEntry((entry) => {
    file?.write(`${encodeLogEntry(entry)}\n`);
    events.next(entry);
    const snapshot = readSnapshot(system.actor, entry.states, portOf);
    snapshots.next(snapshot);
    // seed §4.1: call-center statistics once ready, for a license with call center.
    if (snapshot.outcome === 'ready' && runtime.facts.license?.features.callCenter === true) xsi.startStatsRefresh();
  });

  let started: Promise<ClientSnapshot> | null = null;
  let stopping: Promise<void> | null = null;

  return {
    runtime,
    links: built.links,
    xsi,
    get snapshot() {
      return snapshots.value;
    },
    snapshot$: snapshots.asObservable(),
    events$: events.asObservable(),
    log: {
      entries: system.entries,
      file: config.logFile ?? null,
      get error() {
        return logError;
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
          const f = file;
          if (f !== null) {
            await new Promise<void>((resolve) => f.end(() => resolve()));
            writeConnectionLog(config.logFile, system.entries);
          }
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
      return executeCommand(runtime, built.links, xsi, command, messageId);
    },
  };
}

/**
 * issue 6 / seed §5.1: the human-readable connection log (ConnectionLog.txt) beside the JSON Lines
 * event log, rendered from it: `session.jsonl` → `session.ConnectionLog.txt`.
 */
function writeConnectionLog(logFile: string | undefined, entries: readonly LogEntry[]): void {
  if (logFile === undefined || entries.length === 0) return;
  const path = `${logFile.replace(/\.jsonl?$/i, '')}.ConnectionLog.txt`;
  try {
    writeFileSync(path, `${renderConnectionLog(entries, { startedAt: entries[0]!.t }).join('\n')}\n`);
  } catch {
    // Like the event log: a file that cannot be written never stops the session.
  }
}

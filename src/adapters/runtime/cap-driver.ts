// CAP on the connection runner (seed §2.2: "the same connection (to the same server port) is used
// for OCI and CAP"): "connecting" CAP means finding OCI's live socket, "securing" it means OCI's TLS
// is already there, and authenticating is the CAP registration (cap.md §3). Keepalive is the
// fire-and-forget serverStatusRequest (cap.md §10): a dead link shows as a drop, not a silence.
import { randomBytes } from 'node:crypto';
import { asyncScheduler, Subject, type Observable, type SchedulerLike } from 'rxjs';
import type { CapCallUpdate, CapSessionUpdate } from '../../codecs/cap/types.ts';
import { createCapLink, type CapLink } from '../cap/cap-link.ts';
import type { TlsVersion } from '../../machines/connection/contract.ts';
import { fetchBusyLampField, type BusyLampFieldSource } from './busy-lamp-field.ts';
import type { AttemptContext, AuthStep, ConnectionDriver, ConnectStep, SecureStep } from './connection-driver.ts';
import type { Credentials } from './credentials.ts';
import type { OciDriver } from './oci-driver.ts';
import type { CapFailure } from '../cap/cap-failure.ts';
import { badAnswerKindOf } from '../shared/bad-answer-kind.ts';
import { loginStepOf, type LoginFailure } from './login-failure.ts';
import { startMonitoringWindow, type MonitoringResult, type MonitoringStatus, type MonitoringWindow } from './monitoring-window.ts';
import { CAP_MONITORING_BATCH, DEFAULT_MONITORING_WINDOW, drawOf, type MonitoringOptions } from './monitoring-options.ts';

/**
 * A CAP registration failure in the login policy's terms (login-failure.ts): wrong credentials and
 * a missing Client Call Control service are the server refusing this login (seed §2.2: "Unity will
 * alert the user and not proceed"); a refusal for another reason (cap.md §12) is a server error.
 */
export function loginFailureOfCap(failure: CapFailure): LoginFailure {
  switch (failure.kind) {
    case 'auth':
    case 'service-missing':
      return { kind: 'refused', message: failure.message };
    case 'refused':
      return { kind: 'server-error', message: failure.message };
    case 'timeout':
      return { kind: 'timeout', message: failure.message };
    case 'closed':
      return { kind: 'closed', message: failure.message };
    case 'protocol':
    case 'encode':
      return { kind: 'bad-answer', reason: badAnswerKindOf(failure.code), message: failure.message };
    case 'not-registered':
      return { kind: 'bad-answer', reason: 'unexpected', message: failure.message };
  }
}

/** What CAP reported for the session's domain state, whichever registration is current (cap.md §6–§9). */
export type CapNews =
  | { readonly type: 'update'; readonly update: CapCallUpdate | CapSessionUpdate }
  | { readonly type: 'monitored'; readonly users: readonly string[]; readonly note: string | null }
  /** How the monitored users' monitoring stands (coalesced: the changes since the last report). */
  | { readonly type: 'lamps'; readonly at: number; readonly statuses: readonly MonitoringStatus[] };

export interface CapDriver extends ConnectionDriver {
  readonly link: CapLink | null;
  /** Every registration's call and session updates and the BLF list, on one stream for the session. */
  readonly news$: Observable<CapNews>;
  /** The BLF list monitored after registration (cti-xsi.md §3.5), null before the first fetch. */
  readonly monitoredUsers: readonly string[] | null;
  /** Why there is no BLF this session (the XSI fetch failed, or the server refused it), else null. */
  readonly blfNote: string | null;
  /** The monitored users the current registration monitors. */
  readonly blfMonitored: readonly string[];
  /** monitoringUsersRequests in flight now (never above the window). */
  readonly blfInFlight: number;
}

export function createCapDriver(options: {
  oci: OciDriver;
  credentials: Credentials;
  applicationId: string;
  waitForOciMs?: number;
  busyLampField?: BusyLampFieldSource;
  scheduler?: SchedulerLike;
  monitoring?: MonitoringOptions;
  /** Random bytes for the retry jitter's draw (default: node:crypto's). */
  randomBytes?: (size: number) => Uint8Array;
}): CapDriver {
  let link: CapLink | null = null;
  let monitoredUsers: readonly string[] | null = null;
  let blfNote: string | null = null;
  let monitoring: MonitoringWindow | null = null;
  const blfMonitored = new Set<string>();
  const news$ = new Subject<CapNews>();
  const scheduler = options.scheduler ?? asyncScheduler;
  const stopMonitoring = (): void => {
    monitoring?.stop();
    monitoring = null;
    blfMonitored.clear();
  };

  // cti-xsi.md §3.5: the BLF list comes from XSI, read once per session; cap.md §9: it is monitored
  // with monitoringUsersRequest (the link sends it as AttendantConsole on the CallClient
  // registration), again after each registration. Never awaited by the login: BLF never blocks CAP.
  const monitorBlf = async (l: CapLink): Promise<void> => {
    const source = options.busyLampField;
    if (source === undefined) return;
    if (monitoredUsers === null) {
      const list = await fetchBusyLampField(source, options.scheduler);
      blfNote = list.note;
      monitoredUsers = list.users;
      news$.next({ type: 'monitored', users: list.users, note: list.note });
    }
    await options.monitoring?.startAfter;
    if (monitoredUsers.length === 0 || link !== l) return;
    // Issue 14: batches of users through a bounded window, each user retried with backoff when the
    // server did not accept it or did not answer, its state reported on its lamp.
    monitoring = startMonitoringWindow({
      users: monitoredUsers,
      window: options.monitoring?.window ?? DEFAULT_MONITORING_WINDOW,
      batchSize: CAP_MONITORING_BATCH,
      scheduler,
      draw: () => drawOf(options.randomBytes ?? randomBytes),
      ask: async (users) => {
        const answer = await l.monitor(users, 'Add');
        const results = new Map<string, MonitoringResult>();
        const accepted = new Set(answer.ok ? answer.value.users : []);
        for (const user of users) {
          results.set(
            user,
            accepted.has(user)
              ? { ok: true }
              : answer.ok
                ? { ok: false, cause: 'refused', reason: 'the CAP server did not accept monitoring this user' }
                : { ok: false, cause: answer.error.kind, reason: answer.error.message },
          );
        }
        return results;
      },
      report: (statuses) => {
        if (link !== l) return;
        for (const status of statuses) {
          if (status.state === 'subscribed') blfMonitored.add(status.userId);
          else blfMonitored.delete(status.userId);
        }
        news$.next({ type: 'lamps', at: scheduler.now(), statuses });
      },
    });
  };
  const liveStream = () => {
    const stream = options.oci.stream;
    return stream !== null && stream.ended === null ? stream : null;
  };

  return {
    news$: news$.asObservable(),
    get link() {
      return link;
    },
    get monitoredUsers() {
      return monitoredUsers;
    },
    get blfNote() {
      return blfNote;
    },
    get blfMonitored() {
      return [...blfMonitored];
    },
    get blfInFlight() {
      return monitoring?.inFlight ?? 0;
    },
    async connect(ctx: AttemptContext): Promise<ConnectStep> {
      // After a drop of the shared connection both reconnect after 15 s; CAP waits (bounded) for
      // OCI's new login instead of failing and losing another 15 s.
      if (liveStream() === null || options.oci.link === null) await options.oci.whenOnline(options.waitForOciMs ?? 10_000);
      const stream = liveStream();
      if (stream === null) {
        return { type: 'TRANSPORT.FAILED', failure: { kind: 'peer-closed', message: 'CAP needs the OCI connection, which is not online' } };
      }
      ctx.socket = null; // the socket is OCI's: CAP never closes it
      return { type: 'TRANSPORT.CONNECTED' };
    },
    async secure(): Promise<SecureStep> {
      const version = liveStream()?.socket.info.tls?.version;
      if (version === undefined) {
        return { type: 'TLS.FAILED', failure: { cause: 'handshake-closed', message: 'CAP uses OCI over TLS, and the OCI connection is not secured' } };
      }
      return { type: 'TLS.SECURED', version: version as TlsVersion };
    },
    async authenticate(ctx: AttemptContext): Promise<AuthStep> {
      const stream = liveStream();
      if (stream === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the OCI connection closed before CAP registration' } };
      const l = createCapLink({ stream, applicationId: options.applicationId, ...(options.scheduler ? { scheduler: options.scheduler } : {}) });
      l.updates$.subscribe((update) => {
        if (update.type === 'callUpdate' || update.type === 'sessionUpdate') news$.next({ type: 'update', update });
        // A late monitoringUsersResponse: those users are monitored after all (no retry due).
        else if (update.type === 'late-monitoring') {
          if (link === l) for (const user of update.users) monitoring?.adopted(user);
        } else if (update.type === 'dropped') {
          if (link === l) stopMonitoring();
          ctx.dropped({ kind: update.kind, message: update.message });
        }
        else if (update.type === 'unRegister') ctx.sessionEnded('the server unregistered the CAP client');
      });
      // The OCS connection closing before registration ends also ends this attempt.
      stream.ended$.subscribe(() => ctx.dropped({ kind: 'peer-closed', message: 'the OCI connection carrying CAP closed' }));
      const secret = await options.credentials.password();
      if (!secret.ok) return loginStepOf({ kind: 'no-credentials', message: secret.message });
      const outcome = await l.register({ userId: options.credentials.loginId, password: secret.password });
      if (!outcome.ok) return loginStepOf(loginFailureOfCap(outcome.error));
      if (!ctx.closed) {
        stopMonitoring();
        link = l;
        void monitorBlf(l);
      }
      return { type: 'AUTH.OK' };
    },
    async keepalive() {
      return link?.keepalive().ok ?? false;
    },
    async close(_ctx, reason) {
      const l = link;
      link = null;
      stopMonitoring();
      // cap.md §4: a user close unregisters; the OCI session stays for OCI's own close.
      if (l !== null && reason === 'user') l.unRegister();
    },
    dispose() {
      news$.complete();
    },
  };
}

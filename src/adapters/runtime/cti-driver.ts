// CTI on the connection runner (seed §1.1: "Unity will connect to the CTI server at this point";
// cti-xsi.md §2): authenticate = the channel bound to this connection plus the user's call
// subscription; keepalive = xsp:keepalive; after a reconnect the calls are resynchronised so no
// stale call survives. The password is asked for at each login and held only by that attempt's link.
import { asyncScheduler, Subject, type Observable } from 'rxjs';
import type { XsiEventData } from '../../codecs/xsi/events.ts';
import { createCtiLink, type CtiCallSnapshot, type CtiLink } from '../cti/cti-link.ts';
import type { CtiFailure } from '../cti/cti-failure.ts';
import { fetchBusyLampField, type BusyLampFieldSource } from './busy-lamp-field.ts';
import type { AttemptContext, AuthStep, ConnectionDriver } from './connection-driver.ts';
import { badAnswerKindOf, badAnswerKindOfCode } from '../shared/bad-answer-kind.ts';
import { loginStepOf, type LoginFailure } from './login-failure.ts';
import type { DriverDeps } from './driver-deps.ts';
import { startMonitoringWindow, type MonitoringStatus, type MonitoringWindow } from './monitoring-window.ts';
import { drawOf, type MonitoringOptions, DEFAULT_MONITORING_WINDOW } from './monitoring-options.ts';

/**
 * What the CTI connection reported for the session's domain state, whichever link is current
 * (cti-xsi.md §3.3–§3.5): each acknowledged XSI event with its subscription target, and the BLF list.
 */
export type CtiNews =
  | { readonly type: 'event'; readonly targetId: string; readonly data: XsiEventData }
  | { readonly type: 'monitored'; readonly users: readonly string[]; readonly note: string | null }
  /** How the monitored users' subscriptions stand (coalesced: the changes since the last report). */
  | { readonly type: 'lamps'; readonly at: number; readonly statuses: readonly MonitoringStatus[] };

export interface CtiDriver extends ConnectionDriver {
  readonly link: CtiLink | null;
  /** Every link's events and the BLF list, on one stream for the whole session (survives reconnects). */
  readonly news$: Observable<CtiNews>;
  /** The calls found by the last resynchronisation (after a reconnect), or null. */
  readonly resynced: CtiCallSnapshot | null;
  /** The BLF list read over XSI (cti-xsi.md §3.5), null before the first fetch. */
  readonly monitoredUsers: readonly string[] | null;
  /** Why there is no BLF this session (the XSI fetch failed), else null. */
  readonly blfNote: string | null;
  /** The monitored users subscribed on the current link (subscribed after the login, off the start-up path). */
  readonly blfSubscribed: readonly string[];
  /** BLF subscriptions in flight now on the current link (never above the window). */
  readonly blfInFlight: number;
}

export type { BusyLampFieldSource } from './busy-lamp-field.ts';

/**
 * A CTI login failure in the login policy's terms (login-failure.ts): statusCode 401 (the failure
 * kind 'auth', cti-xsi.md §2.3) is the server refusing the credentials; any other status a server
 * error, an unreadable or unexpected answer a bad answer.
 */
export function loginFailureOfCti(failure: CtiFailure): LoginFailure {
  switch (failure.kind) {
    case 'auth':
      return { kind: 'refused', message: failure.message };
    case 'server-error':
      return { kind: 'server-error', message: failure.message };
    case 'timeout':
      return { kind: 'timeout', message: failure.message };
    case 'closed':
      return { kind: 'closed', message: failure.message, ...(failure.failure ? { failure: failure.failure } : {}) };
    case 'protocol':
    case 'encode':
      return { kind: 'bad-answer', reason: badAnswerKindOf(failure.code), message: failure.message };
    case 'not-authenticated':
      return { kind: 'bad-answer', reason: 'unexpected', message: failure.message };
  }
}

export function createCtiDriver(deps: DriverDeps, options: { applicationId: string; busyLampField?: BusyLampFieldSource; monitoring?: MonitoringOptions }): CtiDriver {
  // cti-xsi.md §3.1: the channel set id is chosen by the client, unique per subscriber, kept across
  // reconnects. The XSI schema (ChannelSetId, ExternalApplicationId): a second channel set with the
  // same applicationId ends the first, so an application with several instances per user puts what
  // is unique to the instance into both. Issue 10: the installation's id, so two desktops of one
  // user both stay online and a restart of one finds its own set again.
  let identity: { channelSetId: string; applicationId: string } | null = null;
  const ownIdentity = (): { channelSetId: string; applicationId: string } => {
    if (identity !== null) return identity;
    const instance = deps.facts.installationId ?? deps.ids();
    const id = `${options.applicationId}/${instance}`;
    return (identity = { channelSetId: id, applicationId: id });
  };
  let link: CtiLink | null = null;
  let resynced: CtiCallSnapshot | null = null;
  let logins = 0;
  let monitoredUsers: readonly string[] | null = null;
  let blfNote: string | null = null;
  const blfSubscribed = new Set<string>();
  let monitoring: MonitoringWindow | null = null;
  const news$ = new Subject<CtiNews>();
  const scheduler = deps.net.scheduler ?? asyncScheduler;

  // cti-xsi.md §3.5: BLF = a call package per monitored user; the list comes from XSI. Fetched once
  // per session; any XSI failure means no BLF (a note), never a failed CTI login.
  const blfList = async (): Promise<readonly string[]> => {
    if (monitoredUsers !== null) return monitoredUsers;
    const source = options.busyLampField;
    if (source === undefined) return (monitoredUsers = []);
    const list = await fetchBusyLampField(source, deps.net.scheduler);
    blfNote = list.note;
    monitoredUsers = list.users;
    news$.next({ type: 'monitored', users: list.users, note: list.note });
    return monitoredUsers;
  };

  // cti-xsi.md §3.5: one Basic Call subscription per monitored user, on the link that is current,
  // through a bounded window (issue 14), begun once start-up is done so BLF never delays it.
  const subscribeMonitored = async (l: CtiLink, users: Promise<readonly string[]>): Promise<void> => {
    const list = await users;
    await options.monitoring?.startAfter;
    if (link !== l || list.length === 0) return;
    monitoring = startMonitoringWindow({
      users: list,
      window: options.monitoring?.window ?? DEFAULT_MONITORING_WINDOW,
      scheduler,
      draw: () => drawOf(deps.randomBytes),
      ask: async ([user]) => {
        const subscribed = await l.subscribe(user!, 'Basic Call');
        return new Map([[user!, subscribed.ok ? { ok: true as const } : { ok: false as const, cause: subscribed.error.kind, reason: subscribed.error.message }]]);
      },
      report: (statuses) => {
        if (link !== l) return;
        for (const status of statuses) {
          if (status.state === 'subscribed') blfSubscribed.add(status.userId);
          else blfSubscribed.delete(status.userId);
        }
        news$.next({ type: 'lamps', at: scheduler.now(), statuses });
      },
    });
  };

  return {
    news$: news$.asObservable(),
    get link() {
      return link;
    },
    get resynced() {
      return resynced;
    },
    get monitoredUsers() {
      return monitoredUsers;
    },
    get blfNote() {
      return blfNote;
    },
    get blfSubscribed() {
      return [...blfSubscribed];
    },
    get blfInFlight() {
      return monitoring?.inFlight ?? 0;
    },
    async authenticate(ctx: AttemptContext): Promise<AuthStep> {
      if (ctx.socket === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'no CTI socket' } };
      const secret = await deps.credentials.password();
      if (!secret.ok) return loginStepOf({ kind: 'no-credentials', message: secret.message });
      const userId = deps.credentials.loginId;
      const password = secret.password;
      const l = createCtiLink({
        socket: ctx.socket,
        credentials: () => ({ userId, password }),
        ids: deps.ids,
        ...ownIdentity(),
        // Refresh and request timers run on the session's scheduler (virtual in tests and replay runs).
        ...(deps.net.scheduler ? { scheduler: deps.net.scheduler } : {}),
      });
      // Before the login is done, the only documents due are its answers: one the reader cannot
      // decode (its requestId unreadable, so it settles no request) is the login's bad answer, at once
      // rather than after the request timeout (issue 10).
      let loggingIn = true;
      let badAnswer: (failure: LoginFailure) => void = () => undefined;
      const garbled = new Promise<LoginFailure>((resolve) => (badAnswer = resolve));
      l.events$.subscribe((event) => {
        if (event.type === 'event') news$.next({ type: 'event', targetId: event.targetId, data: event.data });
        // Issue 14: a BLF subscription granted after its timeout and kept by the link is monitored.
        else if (event.type === 'late-subscription' && event.outcome === 'adopted' && link === l) monitoring?.adopted(event.info.targetId);
        else if (event.type === 'subscription-terminated' && link === l) monitoring?.lost(event.targetId);
        else if (event.type === 'dropped') {
          if (link === l) {
            monitoring?.stop();
            monitoring = null;
          }
          ctx.dropped({ kind: event.kind, message: event.message });
        }
        // XSI schema, ChannelTerminatedReason DuplicateChannelSet: "terminate the current session and
        // inform the user" — another channel set of this application took over: no ping-pong.
        else if (event.type === 'channel-terminated')
          ctx.sessionEnded(
            event.reason === 'DuplicateChannelSet'
              ? 'the CTI server ended the event channel because another login of this application opened its own channel set (DuplicateChannelSet)'
              : `the CTI server ended the event channel (${event.reason})`,
            { replaced: event.reason === 'DuplicateChannelSet' },
          );
        else if (event.type === 'unanswered' && link === l) ctx.unanswered(event.what, event.timeoutMs);
        else if (event.type === 'protocol-error' && loggingIn) badAnswer({ kind: 'bad-answer', reason: badAnswerKindOfCode(event.code), message: event.message });
      });
      // The BLF list is read over XSI while the channel is set up, and its users are subscribed after
      // the login: XSI never holds up a connection (seed §1.1), and BLF is not on the start-up path.
      const monitored = blfList();
      const outcome = await Promise.race([
        l.authenticate({ userId, callPackage: 'Advanced Call' }).then((o) => (o.ok ? o : { ok: false as const, failure: loginFailureOfCti(o.error) })),
        garbled.then((failure) => ({ ok: false as const, failure })),
      ]);
      loggingIn = false;
      if (!outcome.ok) {
        const step = loginStepOf(outcome.failure);
        l.close();
        return step;
      }
      if (ctx.closed) {
        l.close();
        return { type: 'AUTH.OK' };
      }
      link = l;
      monitoring?.stop();
      monitoring = null;
      blfSubscribed.clear();
      void subscribeMonitored(l, monitored);
      // The MWI counts as events (XSI Voice Mail Message Summary package), off the start-up path;
      // a server without the package refuses it and voicemail stays an XSI request.
      void l.subscribe(userId, 'Voice Mail Message Summary');
      // After a reconnect: the calls that exist now replace whatever was shown before the drop.
      if (logins++ > 0) {
        const snapshot = await l.resync();
        resynced = snapshot.ok ? snapshot.value : null;
      }
      return { type: 'AUTH.OK' };
    },
    async keepalive(ctx: AttemptContext) {
      const l = link;
      if (l === null) return false;
      const answer = await l.keepalive(ctx.attempt);
      return answer.ok;
    },
    async close(_ctx, reason) {
      const l = link;
      link = null;
      monitoring?.stop();
      monitoring = null;
      if (l === null) return;
      if (reason === 'user') await l.shutdown();
      else l.close();
    },
    dispose() {
      news$.complete();
    },
  };
}

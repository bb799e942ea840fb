// CTI over one established (plain or TLS) connection to the XSP (cti-xsi.md §2): the channel bound
// to this connection, the event subscriptions, acknowledgements of every event, keepalive, call
// control, recording, resynchronisation after a reconnect, and channel/subscription refresh at
// half-life. Plain TypeScript + RxJS; the socket, ids, credentials and scheduler are passed in.
// Each operation resolves to an Outcome; nothing throws; bad server documents become events.
//
// Connection-machine steps (contract.ts): connect/secure are the effects'; authenticate() answers
// effect.authenticate (AUTH.OK / AUTH.FAILED on kind 'auth'); keepalive(seq) answers
// effect.keepalive (KEEPALIVE.ACK); a 'dropped' event is TRANSPORT.DROPPED; close() is effect.close.
import { asyncScheduler, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { CtiCommand, CtiEvent, CtiResponse } from '../../codecs/cti/messages.ts';
import type { AGENT_STATES, XsiCall } from '../../codecs/xsi/call.ts';
import type { XsiBody } from '../../codecs/xsi/bodies.ts';
import type { XsiEventData, XsiSubscriptionEvent } from '../../codecs/xsi/events.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { createCtiExchange, type CtiCredentialProvider } from './cti-exchange.ts';
import type { CtiFailure } from './cti-failure.ts';
import { openCtiStream } from './cti-stream.ts';
import { subscriptionTargets, type CtiEventPackage, type CtiSubscriptionPlan } from './cti-subscription-plan.ts';
import { transportFailureOfEnd } from '../shared/link-end.ts';
import { createRefreshSchedule } from '../shared/refresh-schedule.ts';

/** Source of unique tokens (the per-connection sessionId); injected so runs are reproducible. */
export type IdSource = () => string;

export interface CtiLinkOptions {
  socket: ByteSocket;
  credentials: CtiCredentialProvider;
  ids: IdSource;
  /** cti-xsi.md §3.1: client-chosen, unique per subscriber; keep it across reconnects. */
  channelSetId: string;
  applicationId: string;
  /** Requested channel/subscription lifetime in seconds (default 3600; the server may grant more). */
  expiresSeconds?: number;
  /** The `period` sent in xsp:keepalive (default 300 s, seed §4.1 keepalive). */
  keepalivePeriodSeconds?: number;
  /** Per request (default 30 s), on `scheduler`; refresh timers use it too. */
  requestTimeoutMs?: number;
  scheduler?: SchedulerLike;
}

export interface CtiSubscriptionInfo {
  subscriptionId: string;
  targetId: string;
  event: CtiEventPackage;
  /** Granted lifetime in seconds. */
  expires: number;
}

export interface CtiAuthInfo {
  channelId: string;
  channelExpires: number;
  subscriptions: CtiSubscriptionInfo[];
  /** Optional subscriptions the server refused (e.g. a monitored user out of scope, 403). */
  refused: Array<{ targetId: string; event: CtiEventPackage; failure: CtiFailure }>;
}

export interface CtiCallSnapshot {
  /** Ids from RetrieveCallIdInfoListRequest: the calls that exist now. */
  callIds: string[];
  /** Details of those calls, from the initial CallSubscriptionEvent. */
  calls: XsiCall[];
  hookStatus?: 'On-Hook' | 'Off-Hook';
}

export type CtiLinkEvent =
  /** A call / ACD / agent / monitoring event, already acknowledged. */
  | { type: 'event'; targetId: string; subscriptionId: string; sequenceNumber: number; data: XsiEventData }
  /** cti-xsi.md §3.3: the channel ended (never acknowledged); re-add it with authenticate(). */
  | { type: 'channel-terminated'; channelId: string; reason: string }
  /** cti-xsi.md §3.3: the server ended a subscription; subscribe() it again if still wanted. */
  | { type: 'subscription-terminated'; subscriptionId: string; targetId: string }
  | { type: 'refreshed'; what: 'channel' | 'subscription'; id: string; expires: number }
  /**
   * The answer to an AddUserSubscriptionRequest came after its timeout (issue 14): the subscription
   * was adopted (none for that user and package existed or was being asked for), or deleted on the
   * server (DeleteSubscriptionRequest) because another one took its place — never an orphan.
   */
  | { type: 'late-subscription'; info: CtiSubscriptionInfo; outcome: 'adopted' | 'deleted' }
  /** A half-life refresh failed; 404 means the channel/subscription is gone (re-add it). */
  | { type: 'refresh-failed'; what: 'channel' | 'subscription'; id: string; failure: CtiFailure }
  /** cti-xsi.md §3.3 ErrorEvent: the server complained about something the client wrote. */
  | { type: 'error-event'; errorCode?: number; errorMessage?: string }
  /** Something unreadable or unsolicited from the server; the link carries on. */
  | { type: 'protocol-error'; code: string; message: string }
  /** The connection closed or broke without this side closing it (TRANSPORT.DROPPED). */
  | { type: 'dropped'; kind: TransportFailureKind; message: string }
  /**
   * A request (not the keepalive) got no answer in time and nothing else was heard from the server
   * meanwhile: issue 10 counts it as a missed keepalive answer.
   */
  | { type: 'unanswered'; what: string; timeoutMs: number };

export type AgentState = (typeof AGENT_STATES)[number];

export interface CtiLink {
  readonly sessionId: string;
  readonly secure: boolean;
  readonly channelId: string | null;
  /** The subscriptions this link holds now (a copy). */
  readonly subscriptions: readonly CtiSubscriptionInfo[];
  readonly events$: Observable<CtiLinkEvent>;
  /** AddChannelRequest, then AddUserSubscriptionRequest per target. Callable again to re-add. */
  authenticate(plan: CtiSubscriptionPlan): Promise<Outcome<CtiAuthInfo, CtiFailure>>;
  subscribe(targetId: string, event: CtiEventPackage): Promise<Outcome<CtiSubscriptionInfo, CtiFailure>>;
  /** xsp:keepalive answered by keepaliveResponse; resolves with the same seq. */
  keepalive(seq: number): Promise<Outcome<{ seq: number }, CtiFailure>>;
  /** After a reconnect: the calls that exist now, so no stale call survives. */
  resync(): Promise<Outcome<CtiCallSnapshot, CtiFailure>>;
  dial(address: string): Promise<Outcome<{ callId: string; externalTrackingId: string }, CtiFailure>>;
  /** TalkRequest: answers a ringing call, retrieves a held one. */
  answer(callId: string): Promise<Outcome<void, CtiFailure>>;
  retrieve(callId: string): Promise<Outcome<void, CtiFailure>>;
  hold(callId: string): Promise<Outcome<void, CtiFailure>>;
  release(callId: string, options?: { decline?: boolean }): Promise<Outcome<void, CtiFailure>>;
  blindTransfer(callId: string, address: string): Promise<Outcome<void, CtiFailure>>;
  consultativeTransfer(callId: string, otherCallId: string): Promise<Outcome<void, CtiFailure>>;
  record(callId: string): Promise<Outcome<void, CtiFailure>>;
  pauseRecording(callId: string): Promise<Outcome<void, CtiFailure>>;
  resumeRecording(callId: string): Promise<Outcome<void, CtiFailure>>;
  stopRecording(callId: string): Promise<Outcome<void, CtiFailure>>;
  agentState(): Promise<Outcome<XsiBody<'CallCenter'>, CtiFailure>>;
  setAgentState(state: AgentState): Promise<Outcome<void, CtiFailure>>;
  /** DeleteChannelRequest (the server ends the channel), then the connection is closed. */
  shutdown(): Promise<Outcome<void, CtiFailure>>;
  /** Closes the connection now. */
  close(): void;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_EXPIRES = 3600;
const DEFAULT_KEEPALIVE_PERIOD = 300;

const unexpected = (what: string, got: string): CtiFailure => ({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the CTI server answered ${what} with ${got}` });

interface SnapshotWaiter {
  resolve(event: Extract<XsiEventData, { type: 'CallSubscriptionEvent' }>): void;
  fail(failure: CtiFailure): void;
}

export function createCtiLink(options: CtiLinkOptions): CtiLink {
  const { socket, channelSetId, applicationId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const expiresSeconds = options.expiresSeconds ?? DEFAULT_EXPIRES;
  const sessionId = options.ids();
  const stream = openCtiStream(socket);
  const events = new Subject<CtiLinkEvent>();
  const subscriptions = new Map<string, CtiSubscriptionInfo>();
  // One timer for every subscription's refresh (issue 14: thousands of BLF subscriptions).
  const refreshes = createRefreshSchedule(scheduler, (ids) => {
    for (const id of ids) refreshSubscription(id);
  });
  // Constant work per answer at reception scale (issue 14): the subscription of each target and
  // package, and the subscriptions being asked for, by `target|package`.
  const subscriptionOf = new Map<string, string>();
  const asking = new Map<string, number>();
  const keyOf = (targetId: string, event: string): string => `${targetId}|${event}`;
  const forget = (id: string): void => {
    const sub = subscriptions.get(id);
    if (sub === undefined) return;
    refreshes.delete(id);
    subscriptions.delete(id);
    const key = keyOf(sub.targetId, sub.event);
    if (subscriptionOf.get(key) === id) subscriptionOf.delete(key);
  };
  let channel: { id: string; timer: Subscription | null } | null = null;
  let ownUser: string | null = null;
  let ownSnapshot: Extract<XsiEventData, { type: 'CallSubscriptionEvent' }> | null = null;
  let snapshotWaiters: SnapshotWaiter[] = [];
  let leaving = false;

  const subscriber = (): string => options.credentials().userId;

  const onEvent = (message: CtiEvent): void => {
    const event = message.event;
    if (event.type === 'ChannelTerminatedEvent') {
      // cti-xsi.md §3.1: every event EXCEPT ChannelTerminatedEvent is acknowledged.
      if (channel?.id === event.channelId) {
        channel.timer?.unsubscribe();
        channel = null;
      }
      events.next({ type: 'channel-terminated', channelId: event.channelId, reason: event.reason });
      return;
    }
    if (event.type === 'ErrorEvent') {
      events.next({ type: 'error-event', ...(event.errorCode !== undefined ? { errorCode: event.errorCode } : {}), ...(event.errorMessage !== undefined ? { errorMessage: event.errorMessage } : {}) });
      return;
    }
    const data = event.eventData;
    if (data.type === 'Unreadable') {
      // A known event type whose content departs from the schema: nothing to act on, so it is
      // acknowledged as dropped (XSIBaseEvent.xsd EventResponseStatusCode 400, cti-xsi.md §3.1) —
      // never left unacknowledged for the server to resend — and reported with the element at fault.
      events.next({ type: 'protocol-error', code: data.code, message: `unreadable event from the CTI server: ${data.message}` });
      exchange.acknowledge(message.requestId, { eventID: event.eventID, statusCode: 400, reason: 'Bad Request' });
      return;
    }
    deliver(event);
    // Acknowledge after delivering; the event's requestId is echoed (cti-xsi.md §2.5, PROPOSED).
    exchange.acknowledge(message.requestId, { eventID: event.eventID, statusCode: 200, reason: 'OK' });
  };

  const deliver = (event: XsiSubscriptionEvent): void => {
    const known = subscriptions.get(event.subscriptionId);
    const targetId = event.targetId ?? known?.targetId ?? event.userId ?? '';
    const data = event.eventData;
    if (data.type === 'SubscriptionTerminatedEvent') {
      forget(event.subscriptionId);
      events.next({ type: 'subscription-terminated', subscriptionId: event.subscriptionId, targetId });
      return;
    }
    if (data.type === 'CallSubscriptionEvent' && ownUser !== null && targetId.toLowerCase() === ownUser.toLowerCase()) {
      const waiters = snapshotWaiters;
      snapshotWaiters = [];
      if (waiters.length > 0) for (const w of waiters) w.resolve(data);
      else ownSnapshot = data;
    }
    events.next({ type: 'event', targetId, subscriptionId: event.subscriptionId, sequenceNumber: event.sequenceNumber, data });
  };

  const exchange = createCtiExchange({
    stream,
    sessionId,
    credentials: options.credentials,
    requestTimeoutMs,
    scheduler,
    onEvent,
    onProtocolError: (code, message) => events.next({ type: 'protocol-error', code, message }),
  });

  stream.ended$.subscribe((end) => {
    channel?.timer?.unsubscribe();
    channel = null;
    refreshes.clear();
    subscriptions.clear();
    subscriptionOf.clear();
    const waiters = snapshotWaiters;
    snapshotWaiters = [];
    for (const w of waiters) w.fail({ kind: 'closed', message: 'the CTI connection ended before the call snapshot arrived' });
    if (end.reason !== 'local' && !leaving) events.next({ type: 'dropped', ...transportFailureOfEnd(end, socket.info, { server: 'the CTI server', unframed: 'bytes' }) });
    events.complete();
  });

  // Documents heard from the server: a request that times out while others arrived meets a slow
  // server, not a dead link (many BLF subscriptions at once); only silence is a verdict.
  let heard = 0;
  stream.inbound$.subscribe(() => void heard++);
  const request = async (command: CtiCommand, requestOptions?: Parameters<typeof exchange.request>[1]): Promise<Outcome<CtiResponse, CtiFailure>> => {
    const heardBefore = heard;
    const answer = await exchange.request(command, requestOptions);
    if (!answer.ok && answer.error.kind === 'timeout' && !leaving && heard === heardBefore) {
      events.next({ type: 'unanswered', what: `the CTI ${command.name}`, timeoutMs: requestTimeoutMs });
    }
    return answer;
  };
  const done = async (command: CtiCommand): Promise<Outcome<void, CtiFailure>> => {
    const answer = await request(command);
    return answer.ok ? succeed(undefined) : answer;
  };
  // Parameter names as the CTI schema declares them (CTICallSession.xsd): subscriberid and callid,
  // except RecordRequest, which declares callId.
  const onCall = (name: CtiCommand['name'], callId: string, extra: Record<string, string> = {}) =>
    done({ name, params: { subscriberid: subscriber(), [name === 'RecordRequest' ? 'callId' : 'callid']: callId, ...extra } });

  /** Half-life of the granted lifetime (cti-xsi.md §2.4, §3.1: refresh at half-life). */
  const halfLife = (expires: number): number => Math.max(1, Math.floor(expires / 2)) * 1000;

  const scheduleChannelRefresh = (expires: number): void => {
    if (channel === null || expires >= 2_147_483_647) return; // 2147483647 = never expires
    const id = channel.id;
    channel.timer?.unsubscribe();
    channel.timer = scheduler.schedule(() => {
      void (async () => {
        const answer = await request({ name: 'UpdateChannelRequest', params: { channelId: id }, payload: { root: 'Channel', body: { expires: expiresSeconds } } });
        if (channel?.id !== id) return;
        if (!answer.ok) return events.next({ type: 'refresh-failed', what: 'channel', id, failure: answer.error });
        const granted = answer.value.payload?.root === 'Channel' ? (answer.value.payload.body.expires ?? expiresSeconds) : expiresSeconds;
        events.next({ type: 'refreshed', what: 'channel', id, expires: granted });
        scheduleChannelRefresh(granted);
      })();
    }, halfLife(expires));
  };

  /**
   * When to refresh a subscription. The own line's at half-life; a monitored user's (Basic Call,
   * BLF) somewhere between 35 % and 50 % of its lifetime, fixed by its id: thousands granted within
   * seconds of each other are refreshed over minutes instead of all at once (issue 14), and each
   * still well before it expires. Derived from the id, so a replay schedules the same times.
   */
  const refreshDelay = (sub: CtiSubscriptionInfo): number => {
    if (sub.event !== 'Basic Call') return halfLife(sub.expires);
    const spread = 0.35 + 0.15 * fractionOf(sub.subscriptionId);
    return Math.max(1, Math.floor(sub.expires * spread)) * 1000;
  };

  const scheduleSubscriptionRefresh = (id: string): void => {
    const sub = subscriptions.get(id);
    if (sub === undefined || sub.expires >= 2_147_483_647) return;
    refreshes.set(id, refreshDelay(sub));
  };

  function refreshSubscription(id: string): void {
    void (async () => {
      const answer = await request({ name: 'UpdateSubscriptionRequest', params: { subscriptionId: id }, payload: { root: 'Subscription', body: { expires: expiresSeconds } } });
      const current = subscriptions.get(id);
      if (current === undefined) return;
      if (!answer.ok) return events.next({ type: 'refresh-failed', what: 'subscription', id, failure: answer.error });
      current.expires = answer.value.payload?.root === 'Subscription' ? (answer.value.payload.body.expires ?? expiresSeconds) : expiresSeconds;
      events.next({ type: 'refreshed', what: 'subscription', id, expires: current.expires });
      scheduleSubscriptionRefresh(id);
    })();
  }

  /** Takes a subscription the server granted as the one for its target and package. */
  const adopt = (info: CtiSubscriptionInfo): void => {
    // cti-xsi.md §2.4: a matching subscription is replaced by the new one — forget the old id.
    const key = keyOf(info.targetId, info.event);
    const previous = subscriptionOf.get(key);
    if (previous !== undefined) forget(previous);
    // Own copies of the ids: a substring of the answer's text would keep the whole answer alive
    // for as long as the subscription lasts (V8 slices strings).
    const own = { ...info, subscriptionId: detached(info.subscriptionId), targetId: detached(info.targetId) };
    subscriptions.set(own.subscriptionId, own);
    subscriptionOf.set(keyOf(own.targetId, own.event), own.subscriptionId);
    scheduleSubscriptionRefresh(own.subscriptionId);
  };

  /** A subscription granted after its request timed out: adopted if still wanted, else deleted. */
  const lateGrant = (targetId: string, event: CtiEventPackage, answer: Outcome<CtiResponse, CtiFailure>): void => {
    if (!answer.ok || leaving || stream.ended !== null) return; // refused late: nothing exists on the server
    const body = answer.value.payload?.root === 'Subscription' ? answer.value.payload.body : undefined;
    if (body?.subscriptionId === undefined) return;
    const info: CtiSubscriptionInfo = { subscriptionId: body.subscriptionId, targetId, event, expires: body.expires ?? expiresSeconds };
    const key = keyOf(targetId, event);
    if (!subscriptionOf.has(key) && !asking.has(key)) {
      adopt(info);
      events.next({ type: 'late-subscription', info, outcome: 'adopted' });
      return;
    }
    events.next({ type: 'late-subscription', info, outcome: 'deleted' });
    void request({ name: 'DeleteSubscriptionRequest', params: { subscriptionId: info.subscriptionId } });
  };

  const subscribe = async (targetId: string, event: CtiEventPackage): Promise<Outcome<CtiSubscriptionInfo, CtiFailure>> => {
    const key = keyOf(targetId, event);
    asking.set(key, (asking.get(key) ?? 0) + 1);
    const answer = await request(
      {
        name: 'AddUserSubscriptionRequest',
        params: { userId: targetId },
        payload: { root: 'Subscription', body: { event, expires: expiresSeconds, channelSetId, applicationId } },
      },
      { onLate: (late) => lateGrant(targetId, event, late) },
    );
    const left = (asking.get(key) ?? 1) - 1;
    if (left > 0) asking.set(key, left);
    else asking.delete(key);
    if (!answer.ok) return answer;
    const body = answer.value.payload?.root === 'Subscription' ? answer.value.payload.body : undefined;
    if (body?.subscriptionId === undefined) return failWith(unexpected('AddUserSubscriptionRequest', 'no subscriptionId'));
    const info: CtiSubscriptionInfo = { subscriptionId: body.subscriptionId, targetId, event, expires: body.expires ?? expiresSeconds };
    adopt(info);
    return succeed(info);
  };

  /** The next own CallSubscriptionEvent (already received, or awaited up to the request timeout). */
  const nextSnapshot = (): Promise<Outcome<Extract<XsiEventData, { type: 'CallSubscriptionEvent' }>, CtiFailure>> =>
    new Promise((resolve) => {
      if (stream.ended !== null && ownSnapshot === null) return resolve(failWith({ kind: 'closed', message: 'the CTI connection is closed' }));
      if (ownSnapshot !== null) {
        const s = ownSnapshot;
        ownSnapshot = null;
        return resolve(succeed(s));
      }
      const waiter: SnapshotWaiter = {
        resolve: (data) => {
          timer.unsubscribe();
          resolve(succeed(data));
        },
        fail: (failure) => {
          timer.unsubscribe();
          resolve(failWith(failure));
        },
      };
      const timer = scheduler.schedule(() => {
        snapshotWaiters = snapshotWaiters.filter((w) => w !== waiter);
        resolve(failWith({ kind: 'timeout', message: `the CTI server sent no CallSubscriptionEvent within ${requestTimeoutMs} ms` }));
      }, requestTimeoutMs);
      snapshotWaiters.push(waiter);
    });

  return {
    sessionId,
    secure: socket.info.tls !== null,
    events$: events.asObservable(),
    get channelId() {
      return channel?.id ?? null;
    },
    get subscriptions() {
      return [...subscriptions.values()].map((info) => ({ ...info }));
    },

    async authenticate(plan) {
      // cti-xsi.md §2.4: AddChannelRequest — "the channel is associated to the connection over
      // which it is created"; its 401 is the authentication answer (§2.3: no login message).
      const added = await request({
        name: 'AddChannelRequest',
        params: {},
        payload: { root: 'Channel', body: { channelSetId, priority: 1, weight: 50, expires: expiresSeconds, applicationId } },
      });
      if (!added.ok) return added;
      const body = added.value.payload?.root === 'Channel' ? added.value.payload.body : undefined;
      if (body?.channelId === undefined) return failWith(unexpected('AddChannelRequest', 'no channelId'));
      channel?.timer?.unsubscribe();
      channel = { id: body.channelId, timer: null };
      const channelExpires = body.expires ?? expiresSeconds;
      scheduleChannelRefresh(channelExpires);
      ownUser = plan.userId;
      ownSnapshot = null;
      const info: CtiAuthInfo = { channelId: body.channelId, channelExpires, subscriptions: [], refused: [] };
      for (const target of subscriptionTargets(plan)) {
        const sub = await subscribe(target.targetId, target.event);
        if (sub.ok) info.subscriptions.push(sub.value);
        else if (target.required || sub.error.kind === 'auth' || sub.error.kind === 'closed') return sub;
        else info.refused.push({ targetId: target.targetId, event: target.event, failure: sub.error });
      }
      return succeed(info);
    },

    subscribe,

    async keepalive(seq) {
      const answer = await exchange.keepalive(options.keepalivePeriodSeconds ?? DEFAULT_KEEPALIVE_PERIOD);
      return answer.ok ? succeed({ seq }) : answer;
    },

    async resync() {
      if (ownUser === null) return failWith({ kind: 'not-authenticated', message: 'resync needs authenticate() first' });
      const user = ownUser;
      const listed = await request({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: subscriber() } });
      if (!listed.ok) return listed;
      if (listed.value.payload?.root !== 'Calls') return failWith(unexpected('RetrieveCallIdInfoListRequest', listed.value.payload?.root ?? 'no payload'));
      const callIds = listed.value.payload.body.call.map((c) => c.callId);
      if (ownSnapshot === null && snapshotWaiters.length === 0) {
        // The initial event of authenticate() was already used: a fresh subscription (replacing the
        // matching one, §2.4) yields a fresh CallSubscriptionEvent.
        const ownId = subscriptionOf.get(keyOf(user, 'Advanced Call')) ?? subscriptionOf.get(keyOf(user, 'Standard Call'));
        const own = ownId === undefined ? undefined : subscriptions.get(ownId);
        const waiting = nextSnapshot();
        const again = await subscribe(user, own?.event ?? 'Advanced Call');
        if (!again.ok) return again;
        return snapshotOf(callIds, await waiting);
      }
      return snapshotOf(callIds, await nextSnapshot());
    },

    async dial(address) {
      const answer = await request({ name: 'DialRequest', params: { subscriberid: subscriber(), address } });
      if (!answer.ok) return answer;
      const p = answer.value.payload;
      return p?.root === 'CallStartInfo' ? succeed({ callId: p.body.callId, externalTrackingId: p.body.externalTrackingId }) : failWith(unexpected('DialRequest', p?.root ?? 'no payload'));
    },
    answer: (callId) => onCall('TalkRequest', callId),
    retrieve: (callId) => onCall('TalkRequest', callId),
    hold: (callId) => onCall('HoldRequest', callId),
    release: (callId, opts) => onCall('ReleaseRequest', callId, opts?.decline === true ? { decline: 'true' } : {}),
    blindTransfer: (callId, address) => onCall('BlindTransferRequest', callId, { address }),
    consultativeTransfer: (callId, otherCallId) => done({ name: 'ConsultativeTransferRequest', params: { subscriberid: subscriber(), callid1: callId, callid2: otherCallId } }),
    record: (callId) => onCall('RecordRequest', callId),
    pauseRecording: (callId) => onCall('PauseRecordingRequest', callId),
    resumeRecording: (callId) => onCall('ResumeRecordingRequest', callId),
    stopRecording: (callId) => onCall('StopRecordingRequest', callId),

    async agentState() {
      const answer = await request({ name: 'GetAgentStateRequest', params: { subscriberid: subscriber() } });
      if (!answer.ok) return answer;
      const p = answer.value.payload;
      return p?.root === 'CallCenter' ? succeed(p.body) : failWith(unexpected('GetAgentStateRequest', p?.root ?? 'no payload'));
    },
    setAgentState: (state) => done({ name: 'SetAgentStateRequest', params: { subscriberid: subscriber() }, payload: { root: 'CallCenter', body: { agentACDState: state } } }),

    async shutdown() {
      leaving = true;
      const id = channel?.id;
      const answer = id === undefined ? succeed(undefined) : await done({ name: 'DeleteChannelRequest', params: { channelId: id } });
      stream.close();
      return answer.ok || answer.error.kind === 'closed' ? succeed(undefined) : answer;
    },

    close() {
      leaving = true;
      stream.close();
    },
  };
}

/** A number in [0, 1) fixed by the text (FNV-1a): the same id always gives the same value. */
/** A copy of `text` that shares no memory with the string it was cut from. */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function fractionOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 0x1_0000_0000;
}

function snapshotOf(
  callIds: string[],
  snapshot: Outcome<Extract<XsiEventData, { type: 'CallSubscriptionEvent' }>, CtiFailure>,
): Outcome<CtiCallSnapshot, CtiFailure> {
  if (!snapshot.ok) return snapshot;
  const exists = new Set(callIds);
  // The call list is authoritative for which calls exist; the subscription event gives details.
  const calls = (snapshot.value.calls?.call ?? []).filter((c) => exists.has(c.callId));
  return succeed({ callIds, calls, ...(snapshot.value.hookStatus !== undefined ? { hookStatus: snapshot.value.hookStatus } : {}) });
}

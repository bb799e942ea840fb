// Transport-neutral XSI-Events state shared by the CTI server and the XSI-Events channel:
// channels, subscriptions (replaced on match), per-subscription sequence numbers, events built from
// the lab's telephony changes, and the acknowledgements still owed (cti-xsi.md §2.4, §3.1, §3.3).
import { randomUUID } from 'node:crypto';
import type { XsiBody } from '../../codecs/xsi/bodies.ts';
import type { XsiMessageSummary, XsiMonitoringStatus } from '../../codecs/xsi/call.ts';
import type { XsiEvent, XsiEventData, XsiSubscriptionEvent } from '../../codecs/xsi/events.ts';
import type { Call, CallState, LabTelephony, RecordingState, TelephonyEvent } from '../telephony/index.ts';
import { queueEntriesOf, toXsiCall, toXsiQueueEntry } from './call-payload.ts';
import { isCallCenterPackage, packageCarries, type EventPackage } from './event-packages.ts';

export interface HubChannel {
  readonly channelId: string;
  readonly channelSetId: string;
  readonly subscriberId: string;
  readonly applicationId?: string;
  readonly priority: number;
  expiresAt: number;
  /** Writes one event to the transport (CTI xsp:event, or a stream chunk). */
  deliver(event: XsiEvent): void;
  /** Called when the hub ends the channel (after its ChannelTerminatedEvent was delivered). */
  onTerminated?(reason: string): void;
}

/** The optional channel fields a `Channel` request body sets (cti-xsi.md §3.1), over XSI or CTI alike. */
export function channelOptionsOf(body: XsiBody<'Channel'>): { applicationId?: string; priority?: number; expires?: number } {
  return {
    ...(body.applicationId ? { applicationId: body.applicationId } : {}),
    ...(body.priority !== undefined ? { priority: body.priority } : {}),
    ...(body.expires !== undefined ? { expires: body.expires } : {}),
  };
}

export interface HubSubscription {
  readonly subscriptionId: string;
  readonly subscriberId: string;
  readonly targetId: string;
  readonly package: EventPackage;
  readonly channelSetId: string;
  readonly applicationId: string;
  expiresAt: number;
  sequence: number;
}

export interface UnackedEvent {
  eventID: string;
  channelId: string;
  subscriptionId: string;
  type: string;
  sentAt: number;
}

export type HubError = { status: 400 | 403 | 404; summary: string };

export interface EventHubOptions {
  telephony: LabTelephony;
  now?: () => number;
  voicemailSummary?: (userId: string) => XsiMessageSummary;
}

const NEVER = 2_147_483_647;
/**
 * cti-xsi.md §3.1: below 3600 is raised to 3600; the server may clamp (a live XSP granted 86400).
 *
 * @example
 * grantExpires(undefined); // the lifetime granted when the client asks for none (s)
 */
export function grantExpires(requested: number | undefined): number {
  if (requested === NEVER) return NEVER;
  return Math.min(86_400, Math.max(3600, requested ?? 3600));
}
/** What makes two subscriptions the same one (cti-xsi.md §2.4: the newer replaces the older). */
const matchKey = (s: { subscriberId: string; targetId: string; applicationId: string; package: EventPackage }): string =>
  JSON.stringify([s.subscriberId, s.targetId, s.applicationId, s.package]);
/** cti-xsi.md §3.3: sequence numbers wrap 2147483647 → 1. */
const nextSequence = (n: number): number => (n >= NEVER ? 1 : n + 1);

/**
 * @example
 * const hub = new XsiEventHub({ telephony, now: () => Date.now() });
 */
export class XsiEventHub {
  private readonly channels = new Map<string, HubChannel>();
  private readonly subscriptions = new Map<string, HubSubscription>();
  // Indexes, so that an event or a subscribe costs the same with 4 subscriptions or 20,000 (BLF at
  // reception scale: one subscription per monitored user).
  private readonly subscriptionsByTarget = new Map<string, Set<HubSubscription>>();
  /** subscriber, target, application, package → the one subscription that matches (§2.4: replaced). */
  private readonly subscriptionsByMatch = new Map<string, HubSubscription>();
  private readonly unacked = new Map<string, UnackedEvent>();
  private readonly lastState = new Map<string, CallState>();
  private readonly lastRecording = new Map<string, RecordingState>();
  /** Seconds each distributed queue entry waited, per call center (averageSpeedOfAnswer). */
  private readonly answerSpeeds = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly stopListening: () => void;

  constructor(private readonly options: EventHubOptions) {
    this.now = options.now ?? Date.now;
    for (const call of options.telephony.calls()) this.remember(call);
    this.stopListening = options.telephony.on((event) => this.onTelephony(event));
  }

  stop(): void {
    this.stopListening();
  }

  // ---------------------------------------------------------------- channels

  addChannel(spec: Omit<HubChannel, 'channelId' | 'expiresAt' | 'priority'> & { priority?: number; expires?: number }): HubChannel {
    // cti-xsi.md §3.1: a second channel set with the same applicationId terminates the first set's channels.
    if (spec.applicationId !== undefined)
      for (const other of [...this.channels.values()])
        if (other.subscriberId === spec.subscriberId && other.applicationId === spec.applicationId && other.channelSetId !== spec.channelSetId)
          this.removeChannel(other.channelId, 'DuplicateChannelSet');
    const channel: HubChannel = {
      ...spec,
      channelId: randomUUID(),
      priority: spec.priority ?? 1,
      expiresAt: this.now() + grantExpires(spec.expires) * 1000,
    };
    this.channels.set(channel.channelId, channel);
    return channel;
  }

  channel(channelId: string): HubChannel | undefined {
    return this.channels.get(channelId);
  }

  refreshChannel(channelId: string, subscriberId: string, expires: number | undefined): number | undefined {
    return this.extend(this.channels.get(channelId), subscriberId, expires);
  }

  /** A channel or subscription refreshed by its own subscriber: the granted seconds, else undefined. */
  private extend(entry: { readonly subscriberId: string; expiresAt: number } | undefined, subscriberId: string, expires: number | undefined): number | undefined {
    if (!entry || entry.subscriberId !== subscriberId) return undefined;
    const granted = grantExpires(expires);
    entry.expiresAt = this.now() + granted * 1000;
    return granted;
  }

  /** Ends a channel: its ChannelTerminatedEvent (never acknowledged) goes out first. */
  removeChannel(channelId: string, reason: string): boolean {
    const channel = this.channels.get(channelId);
    if (!channel) return false;
    this.channels.delete(channelId);
    for (const [id, u] of this.unacked) if (u.channelId === channelId) this.unacked.delete(id);
    channel.deliver({ type: 'ChannelTerminatedEvent', channelId, reason });
    channel.onTerminated?.(reason);
    return true;
  }

  /** A transport closed: its channels vanish silently, and so do their unacknowledged events. */
  dropChannel(channelId: string): void {
    this.channels.delete(channelId);
    for (const [id, u] of this.unacked) if (u.channelId === channelId) this.unacked.delete(id);
  }

  // ---------------------------------------------------------------- subscriptions

  subscribe(spec: { subscriberId: string; targetId: string; package: EventPackage; channelSetId: string; applicationId: string; expires?: number }): HubSubscription | HubError {
    const t = this.options.telephony;
    const known = isCallCenterPackage(spec.package) ? t.callCenters().some((c) => c.id === spec.targetId) : t.findUser(spec.targetId) !== undefined;
    if (!known) return { status: 404, summary: `Target ${spec.targetId} not found` };
    if (!t.findUser(spec.subscriberId)) return { status: 403, summary: 'Subscriber not allowed' };
    // cti-xsi.md §2.4 (FACT): a matching subscription is replaced by the new one.
    const replaced = this.subscriptionsByMatch.get(matchKey(spec));
    if (replaced) this.deleteSubscription(replaced.subscriptionId);
    const sub: HubSubscription = {
      subscriptionId: randomUUID(),
      subscriberId: spec.subscriberId,
      targetId: spec.targetId,
      package: spec.package,
      channelSetId: spec.channelSetId,
      applicationId: spec.applicationId,
      expiresAt: this.now() + grantExpires(spec.expires) * 1000,
      sequence: 0,
    };
    this.subscriptions.set(sub.subscriptionId, sub);
    this.subscriptionsByMatch.set(matchKey(sub), sub);
    let forTarget = this.subscriptionsByTarget.get(sub.targetId);
    if (forTarget === undefined) this.subscriptionsByTarget.set(sub.targetId, (forTarget = new Set()));
    forTarget.add(sub);
    return sub;
  }

  /** The initial event of a fresh subscription (CallSubscriptionEvent, ACDSubscriptionEvent, …). */
  sendInitialEvent(sub: HubSubscription): void {
    const data = this.initialData(sub);
    if (data) this.send(sub, data);
  }

  subscription(id: string): HubSubscription | undefined {
    return this.subscriptions.get(id);
  }

  refreshSubscription(id: string, subscriberId: string, expires: number | undefined): number | undefined {
    return this.extend(this.subscriptions.get(id), subscriberId, expires);
  }

  unsubscribe(id: string, subscriberId: string): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub || sub.subscriberId !== subscriberId) return false;
    this.deleteSubscription(id);
    return true;
  }

  // ---------------------------------------------------------------- acknowledgements

  /** cti-xsi.md §3.1: 200 received, 400 dropped, 404 unknown channel, 481 unknown subscription, 500 next. */
  acknowledge(eventID: string, statusCode: number): boolean {
    const entry = this.unacked.get(eventID);
    if (!entry) return false;
    this.unacked.delete(eventID);
    if (statusCode === 404) this.removeChannel(entry.channelId, 'UnknownChannel');
    if (statusCode === 481) this.deleteSubscription(entry.subscriptionId);
    return true;
  }

  unackedEvents(): UnackedEvent[] {
    return [...this.unacked.values()];
  }

  // ---------------------------------------------------------------- fan-out

  private send(sub: HubSubscription, eventData: XsiEventData): void {
    const now = this.now();
    if (sub.expiresAt <= now) {
      this.deleteSubscription(sub.subscriptionId);
      return;
    }
    const channel = [...this.channels.values()]
      .filter((c) => c.subscriberId === sub.subscriberId && c.channelSetId === sub.channelSetId && c.expiresAt > now)
      .sort((a, b) => a.priority - b.priority)[0];
    if (!channel) return; // no live channel in the set: the event has nowhere to go
    sub.sequence = nextSequence(sub.sequence);
    const event: XsiSubscriptionEvent = {
      type: 'SubscriptionEvent',
      eventID: randomUUID(),
      sequenceNumber: sub.sequence,
      userId: sub.subscriberId,
      externalApplicationId: sub.applicationId,
      subscriptionId: sub.subscriptionId,
      channelId: channel.channelId,
      targetId: sub.targetId,
      eventData,
    };
    this.unacked.set(event.eventID, { eventID: event.eventID, channelId: channel.channelId, subscriptionId: sub.subscriptionId, type: eventData.type, sentAt: now });
    try {
      channel.deliver(event);
    } catch {
      // One broken transport (or an unencodable value) must not stop the other subscriptions.
      this.unacked.delete(event.eventID);
    }
  }

  private fanOut(targetId: string, data: XsiEventData): void {
    for (const sub of [...(this.subscriptionsByTarget.get(targetId) ?? [])])
      if (packageCarries(sub.package, data.type as never)) this.send(sub, data);
  }

  private deleteSubscription(id: string): void {
    const sub = this.subscriptions.get(id);
    if (!sub) return;
    this.subscriptions.delete(id);
    if (this.subscriptionsByMatch.get(matchKey(sub)) === sub) this.subscriptionsByMatch.delete(matchKey(sub));
    const forTarget = this.subscriptionsByTarget.get(sub.targetId);
    forTarget?.delete(sub);
    if (forTarget?.size === 0) this.subscriptionsByTarget.delete(sub.targetId);
  }

  private remember(call: Call): void {
    this.lastState.set(call.callId, call.state);
    this.lastRecording.set(call.callId, call.recording);
  }

  private onTelephony(event: TelephonyEvent): void {
    const t = this.options.telephony;
    switch (event.type) {
      case 'call-added': {
        const type = event.call.personality === 'Terminator' ? 'CallReceivedEvent' : event.call.personality === 'Originator' ? 'CallOriginatedEvent' : 'CallOriginatingEvent';
        this.remember(event.call);
        return this.fanOut(event.userId, { type, call: toXsiCall(event.call, t) });
      }
      case 'call-updated': {
        const call = toXsiCall(event.call, t);
        const before = this.lastState.get(event.call.callId);
        const recBefore = this.lastRecording.get(event.call.callId) ?? 'None';
        this.remember(event.call);
        if (event.change === 'state') {
          const s = event.call.state;
          const type =
            s === 'Held' || s === 'Remote Held'
              ? 'CallHeldEvent'
              : s === 'Active' && before === 'Alerting'
                ? 'CallAnsweredEvent'
                : s === 'Active' && (before === 'Held' || before === 'Remote Held')
                  ? 'CallRetrievedEvent'
                  : 'CallUpdatedEvent';
          return this.fanOut(event.userId, { type, call });
        }
        if (event.change === 'recording') {
          const r = event.call.recording;
          if (r === 'Stopped') return this.fanOut(event.userId, { type: 'CallRecordingStoppedEvent', call, reason: 'User Requested' });
          const type = r === 'Paused' ? 'CallRecordingPausedEvent' : recBefore === 'Paused' ? 'CallRecordingResumedEvent' : 'CallRecordingStartedEvent';
          return this.fanOut(event.userId, { type, call });
        }
        return this.fanOut(event.userId, { type: 'CallUpdatedEvent', call });
      }
      case 'call-released':
        this.lastState.delete(event.call.callId);
        this.lastRecording.delete(event.call.callId);
        return this.fanOut(event.userId, { type: 'CallReleasedEvent', call: toXsiCall(event.call, t) });
      case 'queue-entry-added': {
        // ACDCallAddedEvent.position is a required PositiveInt: the entry's place in the queue,
        // counted from 1 (an entry already gone again is last).
        const queue = t.queue(event.callCenterId);
        const index = queue.findIndex((e) => e.entryId === event.entry.entryId);
        const position = index >= 0 ? index + 1 : queue.length + 1;
        this.fanOut(event.callCenterId, { type: 'ACDCallAddedEvent', queueEntry: toXsiQueueEntry(event.entry, t), position });
        return this.fanOut(event.callCenterId, { type: 'CallCenterMonitoringEvent', monitoringStatus: this.monitoringStatus(event.callCenterId) });
      }
      case 'queue-entry-removed': {
        const queueEntry = toXsiQueueEntry(event.entry, t, this.now());
        if (event.reason === 'Abandoned') this.fanOut(event.callCenterId, { type: 'ACDCallAbandonedEvent', queueEntry });
        else if (event.reason === 'Distributed') {
          const speeds = this.answerSpeeds.get(event.callCenterId) ?? [];
          speeds.push(Math.max(0, Math.round((this.now() - event.entry.enteredAt) / 1000)));
          this.answerSpeeds.set(event.callCenterId, speeds.slice(-100));
          this.fanOut(event.callCenterId, { type: 'ACDCallAnsweredByAgentEvent', queueEntry });
        }
        else this.fanOut(event.callCenterId, { type: 'ACDCallReleasedEvent', queueEntry });
        return this.fanOut(event.callCenterId, { type: 'CallCenterMonitoringEvent', monitoringStatus: this.monitoringStatus(event.callCenterId) });
      }
      case 'agent-state-changed':
        // AgentStateInformation.stateTimestamp is a TimestampWithSeverity: the time in `value`.
        return this.fanOut(event.userId, { type: 'AgentStateEvent', agentStateInfo: { state: event.state, stateTimestamp: { value: this.now() } } });
      case 'monitoring-changed':
        return;
    }
  }

  private initialData(sub: HubSubscription): XsiEventData | undefined {
    const t = this.options.telephony;
    switch (sub.package) {
      case 'Basic Call':
      case 'Standard Call':
      case 'Advanced Call': {
        const calls = t.calls(sub.targetId);
        // cti-xsi.md §3.4: an idle user yields only hookStatus On-Hook.
        // CallSubscriptionEvent: calls? (a CallList, at least one call), then the required
        // hookStatus. cti-xsi.md §3.4: an idle user yields only hookStatus On-Hook.
        return calls.length === 0
          ? { type: 'CallSubscriptionEvent', hookStatus: 'On-Hook' }
          : { type: 'CallSubscriptionEvent', calls: { call: calls.map((c) => toXsiCall(c, t)) }, hookStatus: 'Off-Hook' };
      }
      case 'Call Center Queue':
        return { type: 'ACDSubscriptionEvent', ...queueEntriesOf(t.queue(sub.targetId).map((e) => toXsiQueueEntry(e, t))) };
      case 'Call Center Agent': {
        // AgentSubscriptionEvent: joinData (ACDAgentJoinData: joinInfos? {joinInfo+ {acdUserId,
        // joined?}}) and stateInfo? (AgentStateInformation, its stateTimestamp required).
        const user = t.user(sub.targetId);
        const centers = t.callCenters().filter((c) => user.callCenters.includes(c.id));
        return {
          type: 'AgentSubscriptionEvent',
          joinData: centers.length === 0 ? {} : { joinInfos: { joinInfo: centers.map((c) => ({ acdUserId: c.id, joined: true })) } },
          stateInfo: { state: user.agentState, stateTimestamp: { value: this.now() } },
        };
      }
      case 'Call Center Monitoring':
        return { type: 'CallCenterMonitoringEvent', monitoringStatus: this.monitoringStatus(sub.targetId) };
      case 'Voice Mail Message Summary':
        return this.options.voicemailSummary
          ? { type: 'VoiceMailMessageSummaryEvent', messageSummary: this.options.voicemailSummary(sub.targetId) }
          : undefined;
    }
  }

  /** CallCenterMonitoringStatus: the queue figures wrap their number in NonNegativeIntWithSeverity. */
  private monitoringStatus(callCenterId: string): XsiMonitoringStatus {
    const t = this.options.telephony;
    const queue = t.queue(callCenterId);
    const agents = t.agentsOf(callCenterId);
    const staffed = agents.filter((a) => a.agentState !== 'Sign-Out');
    const oldest = queue.reduce((min, e) => Math.min(min, e.enteredAt), Infinity);
    const answered = this.answerSpeeds.get(callCenterId) ?? [];
    return {
      averageSpeedOfAnswer: { value: answered.length === 0 ? 0 : Math.round(answered.reduce((a, b) => a + b, 0) / answered.length) },
      longestWaitTime: { value: queue.length === 0 ? 0 : Math.max(0, Math.round((this.now() - oldest) / 1000)) },
      numCallsInQueue: { value: queue.length },
      numAgentsAssigned: agents.length,
      numAgentsStaffed: staffed.length,
      numStaffedAgentsIdle: staffed.filter((a) => a.agentState === 'Available').length,
      numStaffedAgentsUnavailable: staffed.filter((a) => a.agentState === 'Unavailable').length,
    };
  }

  /** Voicemail changes arrive from the XSI server's store. */
  voicemailChanged(userId: string): void {
    if (this.options.voicemailSummary)
      this.fanOut(userId, { type: 'VoiceMailMessageSummaryEvent', messageSummary: this.options.voicemailSummary(userId) });
  }
}

// XSI events (delivered over CTI, cti-xsi.md §3.3–§3.5) as domain events. Which subscription an
// event came from decides whose it is: the user's own call package (their line), a monitored user's
// Basic Call (a BLF lamp), a call center's queue or monitoring package, the user's agent and
// voicemail-summary packages. The public XSI R23 schema names the types (CallSession, ACD, Agent
// and VoiceMessaging events); what the client does not show (conference, redirections, ACD
// reordering) yields nothing.
import type { XsiCall, XsiRemoteParty } from '../../codecs/xsi/call.ts';
import type { XsiEventData } from '../../codecs/xsi/events.ts';
import type { DomainEvent } from '../../machines/domain/contract.ts';
import type { CallDirection, CallFacts, CallState, RecordingControls, RecordingState, RemoteParty } from '../../machines/domain/domain-state.ts';
import type { Conceal } from './conceal.ts';

/** XSIDataTypes.xsd `CallState`; Released and Idle end the call. */
const STATES: Record<string, CallState | null> = {
  Alerting: 'alerting',
  Active: 'active',
  Held: 'held',
  'Remote Held': 'remoteHeld',
  Detached: 'detached',
  Released: null,
  Idle: null,
};
/** XSIDataTypes.xsd `Personality`. */
const DIRECTIONS: Record<string, CallDirection> = { Originator: 'outgoing', Terminator: 'incoming', 'Click-to-Dial': 'clickToDial' };
/** XSIDataTypes.xsd `RecordingState`. */
const RECORDING: Record<string, RecordingState> = { Pending: 'pending', Started: 'on', Paused: 'paused', Failed: 'failed' };
const CONTROLS = new Set<string>(['none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop']);
/** What a recording event says of the recording when the call payload does not. */
const RECORDING_BY_EVENT: Partial<Record<string, RecordingState>> = {
  CallRecordingStartingEvent: 'pending',
  CallRecordingStartedEvent: 'on',
  CallRecordingPausedEvent: 'paused',
  CallRecordingResumedEvent: 'on',
  CallRecordingStoppedEvent: 'off',
};

/**
 * XSIDataTypes.xsd `PartyInformation` as the domain keeps it: name and number concealed.
 *
 * @example
 * remotePartyOfXsi({ address: { value: 'tel:+15551234567' }, privacy: false }, conceal); // { number: conceal('tel:+15551234567') }
 */
export function remotePartyOfXsi(party: Pick<XsiRemoteParty, 'name' | 'address' | 'userId' | 'privacy'> & { userDN?: XsiRemoteParty['userDN'] }, conceal: Conceal): RemoteParty {
  const number = party.address?.value ?? party.userDN?.value;
  return {
    ...(party.name !== undefined ? { name: conceal(party.name) } : {}),
    ...(number !== undefined ? { number: conceal(number) } : {}),
    ...(party.userId !== undefined ? { userId: party.userId } : {}),
    ...(party.privacy ? { privacy: true } : {}),
  };
}

/**
 * An XSI `Call` as call facts, or null when its state ends it (Released, Idle).
 *
 * @example
 * callFactsOfXsi(call, conceal)?.state; // 'alerting' for a ringing call
 */
export function callFactsOfXsi(call: XsiCall, conceal: Conceal, eventType?: string): CallFacts | null {
  const state = STATES[call.state];
  if (state === null || state === undefined) return null;
  const recording = call.recordingState !== undefined ? RECORDING[call.recordingState] : eventType !== undefined ? RECORDING_BY_EVENT[eventType] : undefined;
  const controls = call.allowedRecordingControls !== undefined && CONTROLS.has(call.allowedRecordingControls) ? (call.allowedRecordingControls as RecordingControls) : undefined;
  return {
    callId: call.callId,
    state,
    ...(DIRECTIONS[call.personality] !== undefined ? { direction: DIRECTIONS[call.personality] } : {}),
    remote: remotePartyOfXsi(call.remoteParty, conceal),
    ...(recording !== undefined ? { recording } : {}),
    ...(controls !== undefined ? { recordingControls: controls } : {}),
    ...(call.allowAnswer ? { allowAnswer: true } : {}),
    ...(call.allowRetrieve ? { allowRetrieve: true } : {}),
    startedAt: call.startTime,
    ...(call.answerTime !== undefined ? { answeredAt: call.answerTime } : {}),
    ...(call.heldTime !== undefined ? { heldAt: call.heldTime } : {}),
  };
}

export interface XsiDomainContext {
  /** The user whose own line the client controls (the CTI subscriber). */
  ownUser: string;
  conceal: Conceal;
}

function callEvent(call: XsiCall, eventType: string, line: { monitoredUser?: string }, conceal: Conceal): DomainEvent {
  const facts = eventType === 'CallReleasedEvent' ? null : callFactsOfXsi(call, conceal, eventType);
  return facts === null ? { type: 'CALL.RELEASED', callId: call.callId, ...line } : { type: 'CALL.CHANGED', call: facts, ...line };
}

/**
 * The domain events one XSI event stands for (none for what the client does not show).
 *
 * @example
 * domainEventsOfXsi('bob@example.com', { type: 'HookStatusEvent', hookStatus: 'Off-Hook' }, { ownUser: 'ann@example.com', conceal });
 * // [{ type: 'HOOK.CHANGED', offHook: true, monitoredUser: 'bob@example.com' }]
 */
export function domainEventsOfXsi(targetId: string, data: XsiEventData, context: XsiDomainContext): DomainEvent[] {
  const { conceal } = context;
  const line = targetId.toLowerCase() === context.ownUser.toLowerCase() ? {} : { monitoredUser: targetId };
  switch (data.type) {
    case 'CallSubscriptionEvent':
    case 'CallSubscriptionResyncEvent': {
      const calls = (data.calls?.call ?? []).map((c) => callFactsOfXsi(c, conceal)).filter((c): c is CallFacts => c !== null);
      return [{ type: 'CALLS.LISTED', calls, ...(data.hookStatus !== undefined ? { offHook: data.hookStatus === 'Off-Hook' } : {}), ...line }];
    }
    case 'CallRedirectedEvent':
      return data.calls.call.map((c) => callEvent(c, data.type, line, conceal));
    case 'HookStatusEvent':
      return [{ type: 'HOOK.CHANGED', offHook: data.hookStatus === 'Off-Hook', ...line }];
    case 'ACDSubscriptionEvent':
    case 'ACDSubscriptionResyncEvent':
      return [{ type: 'QUEUE.LISTED', callCenterId: targetId, entries: (data.queueEntries?.queueEntry ?? []).map((e) => e.callId) }];
    case 'ACDCallAddedEvent':
      return [{ type: 'QUEUE.ENTRY_ADDED', callCenterId: targetId, entryId: data.queueEntry.callId }];
    // The entry left the queue: answered, abandoned, released, or escaped to another destination.
    case 'ACDCallAnsweredByAgentEvent':
    case 'ACDCallAbandonedEvent':
    case 'ACDCallReleasedEvent':
    case 'ACDCallEscapedEvent':
      return [{ type: 'QUEUE.ENTRY_REMOVED', callCenterId: targetId, entryId: data.queueEntry.callId }];
    case 'CallCenterMonitoringEvent': {
      const s = data.monitoringStatus;
      return [
        {
          type: 'QUEUE.STATS',
          callCenterId: targetId,
          waiting: s.numCallsInQueue?.value ?? null,
          ...(s.averageHandlingTime !== undefined ? { averageHandlingTime: s.averageHandlingTime.value } : {}),
          ...(s.expectedWaitTime !== undefined ? { expectedWaitTime: s.expectedWaitTime.value } : {}),
          ...(s.longestWaitTime !== undefined ? { longestWaitTime: s.longestWaitTime.value } : {}),
          ...(s.numAgentsStaffed !== undefined ? { agentsStaffed: s.numAgentsStaffed } : {}),
          ...(s.numStaffedAgentsIdle !== undefined ? { agentsIdle: s.numStaffedAgentsIdle } : {}),
        },
      ];
    }
    case 'AgentStateEvent':
    case 'AgentSubscriptionEvent': {
      const info = data.type === 'AgentStateEvent' ? data.agentStateInfo : data.stateInfo;
      if (info === undefined) return [];
      return [
        {
          type: 'AGENT.STATE',
          state: info.state,
          ...(info.stateTimestamp !== undefined ? { since: info.stateTimestamp.value } : {}),
          ...(info.unavailableCode !== undefined ? { unavailableCode: info.unavailableCode } : {}),
        },
      ];
    }
    case 'VoiceMailMessageSummaryEvent': {
      const s = data.messageSummary;
      return [{ type: 'VOICEMAIL.SUMMARY', newMessages: s.newMessages ?? 0, oldMessages: s.oldMessages ?? 0, newUrgentMessages: s.newUrgentMessages ?? 0, oldUrgentMessages: s.oldUrgentMessages ?? 0 }];
    }
    case 'Unrecognized':
    case 'Unreadable':
    case 'SubscriptionTerminatedEvent':
      return [];
    default:
      // Every other modelled call event carries one `call`.
      return 'call' in data ? [callEvent(data.call, data.type, line, conceal)] : [];
  }
}

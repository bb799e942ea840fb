// The domain events (issue 11 item 2): what the protocols reported and what the user asked for, as
// they enter the event log, sent to the domain actor (system id DOMAIN_ACTOR_ID). The client
// translates each decoded protocol event (CTI/XSI, CAP, KEMP, XMPP, XSI-Actions) into these, with
// every number and message text already a Sensitive, so the log stays shareable. Plain JSON only.
import type {
  AgentStateName,
  LampSubscription,
  CallFacts,
  DomainCommandName,
  ImService,
  QueueStats,
  VoicemailMessage,
  VoicemailSummary,
} from './domain-state.ts';
import type { Sensitive } from './sensitive.ts';

/** The system id of the domain actor (invoked by the start-up machine). */
export const DOMAIN_ACTOR_ID = 'domain';

/** Absent: the user's own line; else the monitored user (BLF) whose line it is. */
interface OnLine {
  readonly monitoredUser?: string;
}

export type DomainEvent =
  // ---- calls (CTI: XSI call events, cti-xsi.md §3.4; CAP: callUpdate/sessionUpdate, cap.md §6–§7)
  /** Every call that exists now on the line (a subscription's first event, a resync): replaces the list. */
  | ({ readonly type: 'CALLS.LISTED'; readonly calls: readonly CallFacts[]; readonly offHook?: boolean } & OnLine)
  /** A call appeared or changed. */
  | ({ readonly type: 'CALL.CHANGED'; readonly call: CallFacts } & OnLine)
  /** A call ended. */
  | ({ readonly type: 'CALL.RELEASED'; readonly callId: string } & OnLine)
  | ({ readonly type: 'HOOK.CHANGED'; readonly offHook: boolean } & OnLine)
  /** The BLF list (read over XSI, cti-xsi.md §3.5), or none with the reason. */
  | { readonly type: 'LAMPS.MONITORED'; readonly users: readonly string[]; readonly note: string | null }
  /**
   * How each monitored user's subscription stands (a batch: the last state per user wins), with
   * the BLF list when it was just read. `draw` (a retry's random draw) is data, not read here.
   */
  | {
      readonly type: 'LAMPS.STATUS';
      readonly via: 'cti' | 'cap';
      readonly at: number;
      readonly list?: { readonly users: readonly string[]; readonly note: string | null };
      readonly lamps: ReadonlyArray<{ readonly userId: string; readonly draw?: number } & LampSubscription>;
    }
  // ---- instant messages (kakapo.md §3.3, RFC 6121 §5)
  | { readonly type: 'IM.RECEIVED'; readonly service: ImService; readonly id: string; readonly from: string; readonly body: Sensitive; readonly at: number }
  /** The server took an outbound message (reported once per message). */
  | { readonly type: 'IM.DELIVERED'; readonly service: ImService; readonly id: string }
  /** The server refused an outbound message for good. */
  | { readonly type: 'IM.REJECTED'; readonly service: ImService; readonly id: string; readonly reason: string }
  // ---- voicemail (XSI-Actions VoiceMessagingMessages, MessageSummary; VoiceMailMessageSummaryEvent)
  | ({ readonly type: 'VOICEMAIL.SUMMARY' } & VoicemailSummary)
  | { readonly type: 'VOICEMAIL.LISTED'; readonly messages: readonly VoicemailMessage[] }
  // ---- call center (XSI AgentStateEvent, CallCenterMonitoringEvent, ACD events; XSI-Actions CallCenter, ACDQueue)
  | { readonly type: 'AGENT.STATE'; readonly state: AgentStateName; readonly since?: number; readonly unavailableCode?: string }
  /** New counters of a queue (absent members unchanged). */
  | ({ readonly type: 'QUEUE.STATS' } & QueueStats)
  /** The entries waiting in a queue now (its subscription's first event). */
  | { readonly type: 'QUEUE.LISTED'; readonly callCenterId: string; readonly entries: readonly string[] }
  | { readonly type: 'QUEUE.ENTRY_ADDED'; readonly callCenterId: string; readonly entryId: string }
  | { readonly type: 'QUEUE.ENTRY_REMOVED'; readonly callCenterId: string; readonly entryId: string }
  // ---- the user's commands and their results (issue 11 item 3: every command's result logged)
  | UserCommandEvent
  | {
      readonly type: 'COMMAND.RESULT';
      readonly commandId: string;
      readonly command: DomainCommandName;
      readonly ok: boolean;
      readonly code?: string;
      readonly message?: string;
      /** sendIm: the IM's id and service; markRead: the voicemail message's id. */
      readonly messageId?: string;
      readonly service?: ImService;
    };

/**
 * What the user asked for, logged before it is carried out: the command's kind and the ids it
 * uses; its number or message text only as Sensitive.
 */
export interface UserCommandEvent {
  readonly type: 'USER.COMMAND';
  readonly commandId: string;
  readonly command: DomainCommandName;
  /** Session clock time of the command. */
  readonly at: number;
  readonly callId?: string;
  /** sendIm: the message's id; markRead: the voicemail message's id. */
  readonly messageId?: string;
  /** dial, transfer: the number. */
  readonly number?: Sensitive;
  /** sendIm: the recipient, the service and the text. */
  readonly to?: string;
  readonly service?: ImService;
  readonly body?: Sensitive;
  /** record: start | pause | resume | stop; setAgentState: the state. */
  readonly action?: string;
}

export type DomainEventType = DomainEvent['type'];

/**
 * Domain events that arrived together (a burst read from one socket chunk), logged as one entry:
 * the reducer applies them in order, so a burst costs one log entry, one digest and one snapshot
 * instead of one per event (issue 14). A batch holds at most DOMAIN_BATCH_LIMIT events.
 */
export interface DomainBatch {
  readonly type: 'DOMAIN.BATCH';
  readonly events: readonly DomainEvent[];
}

/** The most events in one DomainBatch. */
export const DOMAIN_BATCH_LIMIT = 1000;

/** Every domain event type (the reducer handles each). */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'CALLS.LISTED',
  'CALL.CHANGED',
  'CALL.RELEASED',
  'HOOK.CHANGED',
  'LAMPS.MONITORED',
  'LAMPS.STATUS',
  'IM.RECEIVED',
  'IM.DELIVERED',
  'IM.REJECTED',
  'VOICEMAIL.SUMMARY',
  'VOICEMAIL.LISTED',
  'AGENT.STATE',
  'QUEUE.STATS',
  'QUEUE.LISTED',
  'QUEUE.ENTRY_ADDED',
  'QUEUE.ENTRY_REMOVED',
  'USER.COMMAND',
  'COMMAND.RESULT',
];

/**
 * True for an event the domain reducer reads.
 *
 * @example
 * isDomainEvent({ type: 'IM.DELIVERED', service: 'imp', id: 'm1' }); // true
 * isDomainEvent({ type: 'KEEPALIVE.ACK', seq: 3 }); // false
 */
export function isDomainEvent(event: { readonly type: string }): event is DomainEvent {
  return (DOMAIN_EVENT_TYPES as readonly string[]).includes(event.type);
}

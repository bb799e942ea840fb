// The session's domain state (DESIGN.md "Events are the source of truth": calls, busy lamps, IM
// conversations and their delivery, voicemail, agent and queue state), built by the domain reducer
// from logged events only. Plain JSON, so the log's snapshot digest covers it and a replay
// reproduces it. Every collection is bounded (DOMAIN_LIMITS): a week-long session holds steady.
import type { Sensitive } from './sensitive.ts';

/** The line state of a call (XSI `CallState`, CAP call state codes, cap.md §6). */
export type CallState = 'alerting' | 'active' | 'held' | 'remoteHeld' | 'detached';

/** Who started the call (XSI `Personality`). */
export type CallDirection = 'incoming' | 'outgoing' | 'clickToDial';

/** XSI `RecordingState` of a call; `off` when the server says nothing. */
export type RecordingState = 'off' | 'pending' | 'on' | 'paused' | 'failed';

/** What `send()` can do with a call right now (the command types of the client). */
export type CallAction = 'answer' | 'retrieve' | 'hold' | 'release' | 'transfer' | 'record' | 'pauseRecording' | 'resumeRecording' | 'stopRecording';

/** XSI `RecordingControls`: which recording commands the server allows on the call. */
export type RecordingControls = 'none' | 'record' | 'pause' | 'pause-stop' | 'resume' | 'resume-stop' | 'stop';

/** The other party, as the server names it; name and number are Sensitive (never plain in a shared log). */
export interface RemoteParty {
  readonly name?: Sensitive;
  readonly number?: Sensitive;
  /** The BroadWorks user id when the other party is a user of the system. */
  readonly userId?: string;
  /** The caller asked for privacy: a UI shows "private number". */
  readonly privacy?: boolean;
}

/** One call as a protocol event describes it (what the reducer is told). */
export interface CallFacts {
  readonly callId: string;
  readonly state: CallState;
  readonly direction?: CallDirection;
  readonly remote: RemoteParty;
  readonly recording?: RecordingState;
  /** XSI `allowedRecordingControls`; absent: derived from the recording state. */
  readonly recordingControls?: RecordingControls;
  /** XSI `allowAnswer` / `allowRetrieve` markers (a shared-appearance call can be answered here). */
  readonly allowAnswer?: boolean;
  readonly allowRetrieve?: boolean;
  /** Server timestamps (epoch ms). */
  readonly startedAt?: number;
  readonly answeredAt?: number;
  readonly heldAt?: number;
}

/** One call of the user's line: its facts plus what the user can do with it now. */
export interface DomainCall extends CallFacts {
  readonly recording: RecordingState;
  readonly actions: readonly CallAction[];
}

/** The busy lamp of a monitored user (BLF): derived from that user's calls. */
export type LampState = 'unknown' | 'idle' | 'ringing' | 'busy';

/**
 * How the monitoring of one user stands (the BLF subscription over CTI, or CAP's monitoring):
 * waiting to be asked, being asked, in place, or to be asked again at `retryAt` after a failure.
 */
export type LampSubscription =
  | { readonly state: 'waiting' }
  | { readonly state: 'subscribing'; readonly attempt: number }
  | { readonly state: 'subscribed' }
  | { readonly state: 'retrying'; readonly cause: string; readonly reason: string; readonly attempt: number; readonly retryAt: number };

export interface Lamp {
  readonly userId: string;
  readonly state: LampState;
  /** The monitoring's own state, when the connection reports it. */
  readonly subscription?: LampSubscription;
  /** The monitored user's calls (a UI shows their remote party only when the branding policy allows). */
  readonly calls: Readonly<Record<string, CallFacts>>;
}

/** Which messaging service carries a conversation (seed §1.1: Kakapo IM&P or XMPP). */
export type ImService = 'imp' | 'xmpp';

/**
 * Delivery of one message: `received` (inbound); outbound `queued` (in the outbox), then
 * `delivered` (the server took it) or `rejected` (the server refused it), or `failed` (send() could
 * not queue it: no IM service).
 */
export type ImDelivery = 'received' | 'queued' | 'delivered' | 'rejected' | 'failed';

export interface ImMessage {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly body: Sensitive;
  /** When it was sent (inbound: the sender's time; outbound: when the user sent it). */
  readonly at: number;
  readonly delivery: ImDelivery;
  /** Why it was rejected or failed. */
  readonly reason?: string;
}

export interface Conversation {
  readonly service: ImService;
  /** The other user's bare id (lower case). */
  readonly peer: string;
  /** Oldest first; at most DOMAIN_LIMITS.messagesPerConversation. */
  readonly messages: readonly ImMessage[];
  /** Time of the newest message. */
  readonly lastAt: number;
}

/** The MWI counts (XSI `MessageSummary`; absent counts are 0). */
export interface VoicemailSummary {
  readonly newMessages: number;
  readonly oldMessages: number;
  readonly newUrgentMessages: number;
  readonly oldUrgentMessages: number;
}

export interface VoicemailMessage {
  readonly id: string;
  readonly from: RemoteParty;
  /** Epoch ms (XSI `MessageInfo.time`). */
  readonly at: number;
  readonly durationMs?: number;
  readonly read: boolean;
  readonly urgent: boolean;
  readonly confidential: boolean;
  readonly video: boolean;
  readonly fax: boolean;
}

export interface Voicemail {
  readonly summary: VoicemailSummary | null;
  /** Null until the list was fetched (voicemail is an ad hoc XSI task, seed §1.1). */
  readonly messages: readonly VoicemailMessage[] | null;
}

/** XSI `AgentState` of the user as a call-center agent. */
export type AgentStateName = 'Sign-In' | 'Available' | 'Unavailable' | 'Wrap-Up' | 'Sign-Out';

export interface AgentState {
  readonly state: AgentStateName;
  /** Epoch ms of the last change, when the server says. */
  readonly since?: number;
  readonly unavailableCode?: string;
}

/** Counters of a call-center queue (XSI `CallCenterMonitoringStatus`, or counted from its entries). */
export interface QueueStats {
  readonly callCenterId: string;
  /** Calls waiting in the queue. */
  readonly waiting: number | null;
  /** Ids of the waiting entries, when the queue's events are followed (bounded). */
  readonly entries?: readonly string[];
  readonly averageHandlingTime?: number;
  readonly expectedWaitTime?: number;
  readonly longestWaitTime?: number;
  readonly agentsStaffed?: number;
  readonly agentsIdle?: number;
  /** Session clock time of the last refresh, when it came from a refresh. */
  readonly at?: number;
}

export interface CallCenterState {
  readonly agent: AgentState | null;
  readonly queues: Readonly<Record<string, QueueStats>>;
}

/** What the client can be asked to do (its command types). */
export type DomainCommandName =
  | 'dial'
  | 'answer'
  | 'retrieve'
  | 'hold'
  | 'release'
  | 'transfer'
  | 'record'
  | 'sendIm'
  | 'fetchVoicemail'
  | 'markRead'
  | 'setAgentState'
  /** A connection that stopped trying, asked to try again (issue 10). */
  | 'connect';

export interface CommandOutcome {
  readonly commandId: string;
  readonly command: DomainCommandName;
  readonly ok: boolean;
  /** For a failure: not-available, not-connected or failed. */
  readonly code?: string;
  readonly message?: string;
}

export interface Commands {
  /** Sent and not answered yet, by command id. */
  readonly pending: Readonly<Record<string, { readonly command: DomainCommandName; readonly at: number }>>;
  /** The newest results, newest last (at most DOMAIN_LIMITS.recentCommands). */
  readonly recent: readonly CommandOutcome[];
}

export interface DomainState {
  /** The calls of the user's own line, by call id. */
  readonly calls: Readonly<Record<string, DomainCall>>;
  /** Whether the user's phone is off hook, when the server says. */
  readonly offHook: boolean | null;
  /** The BLF list (null until read) and why there is none. */
  readonly monitoring: { readonly users: readonly string[]; readonly note: string | null } | null;
  readonly lamps: Readonly<Record<string, Lamp>>;
  /** By `service:peer`. */
  readonly conversations: Readonly<Record<string, Conversation>>;
  readonly voicemail: Voicemail;
  readonly callCenter: CallCenterState;
  readonly commands: Commands;
}

/** Bounds of the domain state: beyond them the oldest item goes first. */
export const DOMAIN_LIMITS = {
  callsPerLine: 64,
  /** Reception scale (issue 14): a whole enterprise's lines. */
  monitoredUsers: 20_000,
  conversations: 200,
  messagesPerConversation: 200,
  voicemailMessages: 500,
  queues: 64,
  queueEntries: 500,
  recentCommands: 20,
  pendingCommands: 100,
} as const;

export const INITIAL_DOMAIN_STATE: DomainState = {
  calls: {},
  offHook: null,
  monitoring: null,
  lamps: {},
  conversations: {},
  voicemail: { summary: null, messages: null },
  callCenter: { agent: null, queues: {} },
  commands: { pending: {}, recent: [] },
};

/**
 * The key of a conversation in DomainState.conversations.
 *
 * @example
 * snapshot.domain.conversations[conversationKey('imp', 'bob@example.com')]?.messages;
 */
export function conversationKey(service: ImService, peer: string): string {
  return `${service}:${peer}`;
}

// The lab's shared call model (issue 4): every call-control server (CAP, CTI, XSI) reflects it.

/** BroadWorks service names the lab assigns (the seed §2.2 needs Client Call Control for CAP). */
export type LabServiceName =
  | 'Client Call Control'
  | 'Call Center'
  | 'Integrated IM&P'
  | 'Call Recording'
  | 'Voice Messaging User'
  | 'BroadWorks Receptionist'
  | 'Shared Call Appearance';

/** XSI/CTI call states; CAP maps them to its numbers (cap.md §6). */
export type CallState = 'Alerting' | 'Active' | 'Held' | 'Remote Held' | 'Released';

export type CallPersonality = 'Originator' | 'Terminator' | 'Click-to-Dial';

export type RecordingState = 'None' | 'Started' | 'Paused' | 'Stopped';

/** XSI ACD states of a call-center agent. */
export type AgentState = 'Sign-In' | 'Available' | 'Unavailable' | 'Wrap-Up' | 'Sign-Out';

export interface TelephonyUserInput {
  userId: string;
  /** Numeric user uid (CAP `userUid`); drawn from the seed when absent. */
  uid?: number;
  firstName: string;
  lastName: string;
  extension: string;
  /** Primary DN. */
  phoneNumber?: string;
  services: LabServiceName[];
  /** Call centers this user is an agent of (their ids). */
  callCenters?: string[];
  agentState?: AgentState;
}

export interface TelephonyUser extends Required<Omit<TelephonyUserInput, 'phoneNumber' | 'callCenters'>> {
  phoneNumber: string | null;
  callCenters: string[];
}

export interface RemoteParty {
  number: string;
  name?: string;
  /** Set when the other side is a lab user. */
  userId?: string;
}

export interface Call {
  callId: string;
  extTrackingId: string;
  /** The user whose leg this is. */
  userId: string;
  state: CallState;
  personality: CallPersonality;
  remote: RemoteParty;
  /** The other leg's call id when both sides are lab users. */
  peerCallId: string | null;
  /** Call center id when the call was distributed from a queue. */
  callCenterId: string | null;
  recording: RecordingState;
  startTime: number;
  answerTime: number | null;
  releaseTime: number | null;
  releaseCause: string | null;
}

export interface QueueEntry {
  entryId: string;
  callCenterId: string;
  from: RemoteParty;
  enteredAt: number;
}

export type QueueRemovalReason = 'Abandoned' | 'Distributed' | 'Removed';

export type TelephonyEvent =
  | { type: 'call-added'; userId: string; call: Call }
  | { type: 'call-updated'; userId: string; call: Call; change: 'state' | 'remote' | 'recording' }
  | { type: 'call-released'; userId: string; call: Call }
  | { type: 'queue-entry-added'; callCenterId: string; entry: QueueEntry }
  | { type: 'queue-entry-removed'; callCenterId: string; entry: QueueEntry; reason: QueueRemovalReason }
  | { type: 'agent-state-changed'; userId: string; state: AgentState }
  | { type: 'monitoring-changed'; watcherId: string; targets: string[] };

export type TelephonyErrorCode =
  | 'UNKNOWN_USER'
  | 'UNKNOWN_CALL'
  | 'INVALID_STATE'
  | 'UNKNOWN_CALL_CENTER'
  | 'UNKNOWN_QUEUE_ENTRY'
  | 'BAD_NUMBER';

/**
 * @example
 * try { lab.telephony.answer('ann@lab.test', 'no-such-call'); } catch (e) { if (e instanceof TelephonyError) console.error(e.code); }
 */
export class TelephonyError extends Error {
  constructor(
    readonly code: TelephonyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TelephonyError';
  }
}

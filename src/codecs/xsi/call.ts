// The XSI call payload and the pieces shared by events and XSI-Actions bodies
// (cti-xsi.md §3.4, §3.5, §4.3). Element order follows the schema; order matters when encoding.
//
// INFERRED simplifications (the public notes list names, not every sub-structure):
// - `releaseCause` carries `internalReleaseCause` and `cdrTerminationCause` only.
// - `redirections`, `redirect`, `endpoint` and other elements we do not model are ignored on input.
// - Empty-marker elements (`allowAnswer`, `allowRetrieve`, `recorded`, `privacy`) are booleans:
//   present = true.
import { bool, flag, int, many, obj, oneOf, opt, text, textWithAttrs, type Infer } from './fields.ts';

export const XSI_BROADWORKS_NS = 'http://schema.broadsoft.com/xsi';

export const CALL_PERSONALITIES = ['Originator', 'Terminator', 'Click-to-Dial'] as const;
export const CALL_STATES = ['Alerting', 'Active', 'Held', 'Remote Held', 'Detached', 'Released', 'Idle'] as const;
export const RECORDING_CONTROLS = ['none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop'] as const;
export const RECORDING_STATES = ['Pending', 'Started', 'Paused', 'Failed'] as const;
export const AGENT_STATES = ['Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out'] as const;
export const HOOK_STATUSES = ['On-Hook', 'Off-Hook'] as const;

/** `address` / `userDN` carry an optional `countryCode` attribute (e.g. `tel:+15551234567`). */
export const addressCodec = textWithAttrs(['countryCode']);
export type XsiAddress = Infer<typeof addressCodec>;

export const remotePartyCodec = obj({
  name: opt(text()),
  address: opt(addressCodec),
  userId: opt(text()),
  userDN: opt(addressCodec),
  privacy: flag(),
  callType: opt(text()), // Group | Enterprise | Network | Unknown … (kept as text: the list is open)
});
export type XsiRemoteParty = Infer<typeof remotePartyCodec>;

export const acdCallInfoCodec = obj({
  acdUserId: opt(text()),
  acdName: opt(text()),
  acdNumber: opt(text()),
  acdPriority: opt(text()),
});
export type XsiAcdCallInfo = Infer<typeof acdCallInfoCodec>;

export const callCodec = obj({
  callId: text(), // e.g. callhalf-12215:0
  extTrackingId: text(),
  networkCallId: opt(text()),
  personality: oneOf(CALL_PERSONALITIES),
  state: oneOf(CALL_STATES),
  releaseCause: opt(obj({ internalReleaseCause: opt(text()), cdrTerminationCause: opt(text()) })),
  releasingParty: opt(text()), // localRelease | remoteRelease
  remoteParty: remotePartyCodec,
  appearance: opt(int()),
  allowAnswer: flag(),
  allowRetrieve: flag(),
  startTime: int(), // epoch milliseconds
  answerTime: opt(int()),
  heldTime: opt(int()),
  releaseTime: opt(int()),
  acdCallInfo: opt(acdCallInfoCodec),
  recorded: flag(),
  allowedRecordingControls: opt(oneOf(RECORDING_CONTROLS)),
  recordingState: opt(oneOf(RECORDING_STATES)),
});
export type XsiCall = Infer<typeof callCodec>;

/** Call Center Queue entry (cti-xsi.md §3.5). */
export const queueEntryCodec = obj({
  callId: text(),
  extTrackingId: text(),
  remoteParty: remotePartyCodec,
  addTime: int(),
  removeTime: opt(int()),
  acdName: text(),
  acdNumber: text(),
  acdPriority: opt(text()),
  answeringUserId: opt(text()),
});
export type XsiQueueEntry = Infer<typeof queueEntryCodec>;

export const queueEntriesCodec = obj({ queueEntry: many(queueEntryCodec) });

/** One call center an agent belongs to (XSI-Actions `CallCenter`, cti-xsi.md §4.3). */
export const callCenterDetailsCodec = obj({
  serviceUserId: text(),
  available: bool(),
  phoneNumber: opt(text()),
  extension: opt(text()),
});
export type XsiCallCenterDetails = Infer<typeof callCenterDetailsCodec>;

/** INFERRED, simplified: state plus the timestamps (epoch ms) a desktop client shows. */
export const agentStateInfoCodec = obj({
  state: oneOf(AGENT_STATES),
  stateTimestamp: opt(int()),
  signInTimestamp: opt(int()),
  unavailableCode: opt(text()),
});
export type XsiAgentStateInfo = Infer<typeof agentStateInfoCodec>;

export const messageSummaryCodec = obj({
  newMessages: opt(int()),
  oldMessages: opt(int()),
  newUrgentMessages: opt(int()),
  oldUrgentMessages: opt(int()),
});
export type XsiMessageSummary = Infer<typeof messageSummaryCodec>;

// The XSI call payload and the pieces shared by events and XSI-Actions bodies, restated from the
// public XSI R23 schema (CallSession/XSICallSession.xsd `Call`, XSIDataTypes.xsd `PartyInformation`,
// `ReleaseCause`, `ACDCallInfo`, `Address`; ACD/XSIACD.xsd `ACDQueueEntry`; Services/XSICallCenter.xsd
// `CallCenterDetails`; Agent/XSIAgent.xsd `AgentStateInformation`, `ACDAgentJoinData`; XSIDataTypes.xsd
// `MessageSummary`, `…WithSeverity`). Element order follows the schema's sequences: the encoder
// writes in that order; the decoder matches by name and ignores elements it does not model
// (`redirections`, `endpoint`, `conference`, …), so every schema-valid form reads.
//
// Decoding is lenient where the client can still act (an element the schema requires but the
// client does not use may be absent; a count of 0 where the schema says PositiveInt is read as 0);
// encoding is strict (`need`, bounded ints, tokens, enumerations), so the lab never writes what the
// schema refuses. Empty-marker elements (`EmptyContent`: allowAnswer, recorded, privacy, …) are
// booleans: present = true.
import { bool, flag, int, many, need, nonEmpty, nonNegativeInt, obj, oneOf, openEnum, opt, positiveInt, text, textWithAttrs, token, type Infer } from './fields.ts';

export const XSI_BROADWORKS_NS = 'http://schema.broadsoft.com/xsi';

/** XSIDataTypes.xsd `Personality`. */
export const CALL_PERSONALITIES = ['Originator', 'Terminator', 'Click-to-Dial'] as const;
/** XSIDataTypes.xsd `CallState`. */
export const CALL_STATES = ['Alerting', 'Active', 'Held', 'Remote Held', 'Detached', 'Released', 'Idle'] as const;
/** XSIDataTypes.xsd `RecordingControls`. */
export const RECORDING_CONTROLS = ['none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop'] as const;
/** XSIDataTypes.xsd `RecordingState`. */
export const RECORDING_STATES = ['Pending', 'Started', 'Paused', 'Failed'] as const;
/** XSIDataTypes.xsd `AgentState`. */
export const AGENT_STATES = ['Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out'] as const;
/** XSIDataTypes.xsd `HookStatusType`. */
export const HOOK_STATUSES = ['On-Hook', 'Off-Hook'] as const;
/** XSIDataTypes.xsd `CallType`. */
export const CALL_TYPES = ['Group', 'Enterprise', 'Network', 'Emergency', 'Repair', 'City-Wide Centrex', 'Private Dial Plan', 'Unknown', 'Error'] as const;
/** XSIDataTypes.xsd `InternalReleaseCause` (a failure cause; a normal release carries none). */
export const INTERNAL_RELEASE_CAUSES = [
  'Busy',
  'Forbidden',
  'Routing Failure',
  'Global Failure',
  'Request Failure',
  'Server Failure',
  'Translation Failure',
  'Temporarily Unavailable',
  'User Not Found',
  'Request Timeout',
  'Dial Tone Timeout',
  'Insufficient Credits',
] as const;
/** XSIDataTypes.xsd `ReleasingParty`. */
export const RELEASING_PARTIES = ['localRelease', 'remoteRelease'] as const;
/** XSIDataTypes.xsd `ACDPriorityType`. */
export const ACD_PRIORITIES = ['0-Highest', '1-High', '2-Medium', '3-Low'] as const;

/**
 * `Address`: a NonEmptyURI (e.g. `tel:+15551234567`) with an optional `countryCode` attribute
 * (CountryCode = PositiveInt), used for `address`, `userDN`, `acdNumber`.
 */
export const addressCodec = textWithAttrs(['countryCode'], { token: true, attrTypes: { countryCode: 'positiveInt' } });
export type XsiAddress = Infer<typeof addressCodec>;

/** `PartyInformation`: name?, address?, userId?, userDN?, privacy?, callType?. */
export const remotePartyCodec = obj({
  name: opt(nonEmpty()),
  address: opt(addressCodec),
  userId: opt(token()),
  userDN: opt(addressCodec),
  privacy: flag(),
  callType: opt(openEnum(CALL_TYPES)),
});
export type XsiRemoteParty = Infer<typeof remotePartyCodec>;

/** `ReleaseCause`: internalReleaseCause, q850Cause?, sipStatus?, cdrTerminationCause? (1–3 chars). */
export const releaseCauseCodec = obj({
  internalReleaseCause: need(openEnum(INTERNAL_RELEASE_CAUSES)),
  q850Cause: opt(text()),
  sipStatus: opt(text()),
  cdrTerminationCause: opt(token({ maxLength: 3 })),
});

/**
 * `ACDCallInfo` (a call distributed by a call center): acdUserId, acdName, acdNumber, numCallsInQueue,
 * waitTime, longestWaitTime?, holdReminder?, callingPartyInfo, routePoint?, dispositionCode?,
 * postCallAgentState?. The client reads none of it, so the required ones are `need`.
 */
export const acdCallInfoCodec = obj({
  acdUserId: need(token()),
  acdName: need(nonEmpty()),
  acdNumber: need(addressCodec),
  numCallsInQueue: need(nonNegativeInt()),
  waitTime: need(nonNegativeInt()),
  longestWaitTime: opt(nonNegativeInt()),
  holdReminder: opt(flag()),
  callingPartyInfo: need(remotePartyCodec),
  routePoint: opt(flag()),
  dispositionCode: opt(nonEmpty({ maxLength: 10 })),
  postCallAgentState: opt(nonEmpty()),
});
export type XsiAcdCallInfo = Infer<typeof acdCallInfoCodec>;

/** `Call`, in the schema's order (elements not listed here are read past). */
export const callCodec = obj({
  callId: token(), // e.g. callhalf-12215:0
  extTrackingId: token(),
  networkCallId: opt(token()),
  personality: oneOf(CALL_PERSONALITIES),
  state: oneOf(CALL_STATES),
  releaseCause: opt(releaseCauseCodec),
  releasingParty: opt(openEnum(RELEASING_PARTIES)),
  remoteParty: remotePartyCodec,
  // redirections?, redirect?, endpoint? — not modelled
  appearance: opt(positiveInt()),
  allowAnswer: flag(),
  allowRetrieve: flag(),
  // alternateAddressType?, huntGroupUserId?, distinctiveRing?, diversionInhibited?, recallType? — not modelled
  startTime: int(), // Timestamp = xs:long, epoch milliseconds
  answerTime: opt(int()),
  heldTime: opt(int()),
  totalHeldTime: opt(positiveInt()),
  detachedTime: opt(int()),
  releaseTime: opt(int()),
  acdCallInfo: opt(acdCallInfoCodec),
  // agentEscalation?, acdOutgoingCallInfo?, groupCallParkLocationSelected? — not modelled
  recorded: flag(),
  // findMeFollowMeUserId? — not modelled
  allowedRecordingControls: opt(openEnum(RECORDING_CONTROLS)),
  recordingState: opt(oneOf(RECORDING_STATES)),
  // executiveUserId?, recallFromParty?, securityClassification?, clientSessionInfo? — not modelled
});
export type XsiCall = Infer<typeof callCodec>;

/**
 * `ACDQueueEntry` (ACD/XSIACD.xsd), in order: callId, extTrackingId, remoteParty, addTime,
 * removeTime?, mandatoryEntrance?, bounced?, reordered?, preservedWaitTime?, acdName, acdNumber
 * (an Address), acdPriority?, addTimeInPriorityBucket?, preservedWaitTimeInPriorityBucket?,
 * answeringUserId?, answeringCallId?, answeringNetworkCallId?.
 */
export const queueEntryCodec = obj({
  callId: token(),
  extTrackingId: token(),
  remoteParty: remotePartyCodec,
  addTime: int(),
  removeTime: opt(int()),
  mandatoryEntrance: opt(flag()),
  bounced: opt(flag()),
  reordered: opt(flag()),
  preservedWaitTime: opt(positiveInt()),
  acdName: need(nonEmpty()),
  acdNumber: need(addressCodec),
  acdPriority: opt(openEnum(ACD_PRIORITIES)),
  addTimeInPriorityBucket: opt(int()),
  preservedWaitTimeInPriorityBucket: opt(positiveInt()),
  answeringUserId: opt(token()),
  answeringCallId: opt(token()),
  answeringNetworkCallId: opt(token()),
});
export type XsiQueueEntry = Infer<typeof queueEntryCodec>;

/** `ACDQueueEntryList`: queueEntry+ (at least one: an empty queue leaves the list out). */
export const queueEntriesCodec = obj({ queueEntry: many(queueEntryCodec, 1) });

/**
 * `CallCenterDetails` (Services/XSICallCenter.xsd): every child optional — serviceUserId?,
 * available?, phoneNumber?, extension?, type?, priority?, isLogOffAllowed?, skillLevel?.
 */
export const callCenterDetailsCodec = obj({
  serviceUserId: opt(token()),
  available: opt(bool()),
  phoneNumber: opt(text()),
  extension: opt(text()),
  type: opt(text()),
  priority: opt(text()),
  isLogOffAllowed: opt(bool()),
  skillLevel: opt(positiveInt()),
});
export type XsiCallCenterDetails = Infer<typeof callCenterDetailsCodec>;

/** `SimpleThresholdBasedSeverity`: 0, 1 or 2. */
const severity = () => opt(int({ min: 0, max: 2 }));

/** `TimestampWithSeverity`: value (Timestamp), severity?, prevSeverity?, threshold?. */
export const timestampWithSeverityCodec = obj({ value: int(), severity: severity(), prevSeverity: severity(), threshold: opt(nonNegativeInt()) });
/** `NonNegativeIntWithSeverity`: value (NonNegativeInt), severity?, prevSeverity?, threshold?. */
export const countWithSeverityCodec = obj({ value: nonNegativeInt(), severity: severity(), prevSeverity: severity(), threshold: opt(nonNegativeInt()) });
export type XsiValueWithSeverity = Infer<typeof countWithSeverityCodec>;

/**
 * `AgentStateInformation`: state, stateTimestamp (a TimestampWithSeverity, its epoch ms in
 * `value`), unavailableCode? (token ≤ 10), wrapUpCallId?, signInTimestamp?, totalAvailableTime?,
 * averageWrapUpTime? (NonNegativeIntWithSeverity), wrapUpCallCenterUserId?.
 */
export const agentStateInfoCodec = obj({
  state: oneOf(AGENT_STATES),
  stateTimestamp: need(timestampWithSeverityCodec),
  unavailableCode: opt(token({ maxLength: 10 })),
  wrapUpCallId: opt(token()),
  signInTimestamp: opt(int()),
  totalAvailableTime: opt(nonNegativeInt()),
  averageWrapUpTime: opt(countWithSeverityCodec),
  wrapUpCallCenterUserId: opt(token()),
});
export type XsiAgentStateInfo = Infer<typeof agentStateInfoCodec>;

/** `ACDAgentJoinInfo`: acdUserId (the call center), joined? (marker), skillLevel? (PositiveInt). */
export const agentJoinInfoCodec = obj({ acdUserId: token(), joined: opt(flag()), skillLevel: opt(positiveInt()) });
/** `ACDAgentJoinData`: joinInfos? { joinInfo+ }. */
export const agentJoinDataCodec = obj({ joinInfos: opt(obj({ joinInfo: many(agentJoinInfoCodec, 1) })) });
export type XsiAgentJoinInfo = Infer<typeof agentJoinInfoCodec>;

/**
 * `MessageSummary`: newMessages?, oldMessages?, newUrgentMessages?, oldUrgentMessages?, each a
 * PositiveInt — a zero count is left out (absent = 0).
 */
export const messageSummaryCodec = obj({
  newMessages: opt(positiveInt()),
  oldMessages: opt(positiveInt()),
  newUrgentMessages: opt(positiveInt()),
  oldUrgentMessages: opt(positiveInt()),
});
export type XsiMessageSummary = Infer<typeof messageSummaryCodec>;

/** `CallCenterMonitoringStatus` (ACD/XSIACD.xsd). */
export const monitoringStatusCodec = obj({
  averageHandlingTime: opt(countWithSeverityCodec),
  expectedWaitTime: opt(countWithSeverityCodec),
  averageSpeedOfAnswer: need(countWithSeverityCodec),
  longestWaitTime: need(countWithSeverityCodec),
  numCallsInQueue: need(countWithSeverityCodec),
  numAgentsAssigned: need(nonNegativeInt()),
  numAgentsStaffed: need(nonNegativeInt()),
  numStaffedAgentsIdle: need(nonNegativeInt()),
  numStaffedAgentsUnavailable: need(nonNegativeInt()),
});
export type XsiMonitoringStatus = Infer<typeof monitoringStatusCodec>;

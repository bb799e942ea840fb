// XSI documents other than `Event`, restated from the public XSI R23 schema: the XSI-Events
// channel/subscription bodies (Events/XSIChannel.xsd, Events/XSISubscription.xsd, XSIBaseEvent.xsd
// `EventResponse`) and the XSI-Actions bodies the client and the lab use (XSIDataTypes.xsd
// `ErrorInfo`, `CallStartInfo`; Profile/XSIProfile.xsd; Version/XSIVersions.xsd;
// CallSession/XSICallSession.xsd `Calls`, `VoiceMailMessageSummary`; Services/XSIVoiceMessagingMessages.xsd;
// Services/XSICallCenter.xsd; ACD/XSIACD.xsd `ACDQueue`; Services/XSICallRecording.xsd). All live in
// the BroadWorks xsi namespace (elementFormDefault qualified) and are written with it as the
// default namespace, as real XSPs do. Children follow each type's sequence; children we do not
// model are read past.
import { base64, flag, int, intOneOf, xsInt, many, need, nonEmpty, nonNegativeInt, obj, oneOf, openEnum, opt, positiveInt, text, textWithAttrs, token, type Infer } from './fields.ts';
import { AGENT_STATES, addressCodec, callCenterDetailsCodec, messageSummaryCodec, queueEntriesCodec } from './call.ts';

/** Services/XSICallRecording.xsd `CallRecordingMode`. */
export const RECORDING_MODES = ['always', 'never', 'on-demand', 'always-pause-resume', 'on-demand-user-start'] as const;
/** Services/XSIVoiceMessagingMessages.xsd `MessageMediaFileType`. */
export const MEDIA_TYPES = ['TIF', 'WAV', 'MOV', 'MP3'] as const;
/** Events/XSISubscription.xsd `EventPackage` (the exact `event` strings). */
export const EVENT_PACKAGE_NAMES = [
  'Advanced Call',
  'Basic Call',
  'BroadWorks Anywhere',
  'Call Center Agent',
  'Call Center Agent Monitoring',
  'Call Center Configuration',
  'Call Center Monitoring',
  'Call Center Queue',
  'Call Forwarding Always',
  'Call Forwarding Always Secondary',
  'Call Forwarding Busy',
  'Call Forwarding No Answer',
  'Call Park',
  'Call Recording',
  'Call Transfer',
  'Call Waiting',
  'Collaborate Room',
  'CommPilot Express',
  'Do Not Disturb',
  'Flexible Seating Guest',
  'Hoteling Guest',
  'Last Number Redial',
  'Meet Me Conference',
  'Music On Hold',
  'N-Way Call',
  'Personal Assistant',
  'Push Notification Registration',
  'Remote Office',
  'Route Point Queue',
  'Security Classification',
  'Sequential Ring',
  'Silent Alerting',
  'Simultaneous Ring Personal',
  'Standard Call',
  'Third-Party Voice Mail Support',
  'Three-Way Call',
  'Voice Mail Message Summary',
  'Voice Messaging',
] as const;
/** Events/XSISubscription.xsd `EntityType`. */
export const ENTITY_TYPES = ['User', 'Group', 'ServiceProvider', 'System'] as const;
/** XSIBaseEvent.xsd `EventResponseStatusCode`: 200 received, 400 dropped, 404, 481, 500 (cti-xsi.md §3.1). */
export const EVENT_RESPONSE_STATUS_CODES = [200, 400, 404, 481, 500] as const;

/** `VoiceMailPartyInformation`: name?, userId?, address?, privacy?. */
const voiceMailPartyCodec = obj({ name: opt(nonEmpty()), userId: opt(token()), address: opt(addressCodec), privacy: flag() });

/**
 * `MessageInfo`, in order: duration? (ms, NonNegativeInt), callingPartyInfo?, read?, urgent?,
 * confidential?, video?, fax? (markers), time (epoch ms), faxPageCount? (PositiveInt), messageId?
 * (a server-relative path, cti-xsi.md §4.3).
 */
export const messageInfoCodec = obj({
  duration: opt(nonNegativeInt()),
  callingPartyInfo: opt(voiceMailPartyCodec),
  read: flag(),
  urgent: flag(),
  confidential: flag(),
  video: flag(),
  fax: flag(),
  time: int(),
  faxPageCount: opt(positiveInt()),
  messageId: opt(text()),
});
export type XsiMessageInfo = Infer<typeof messageInfoCodec>;

/** Version/XSIVersions.xsd `Version` {value, feature*}; `PatchedCommand` {uri, version+}; `PatchedEventPackage` {name, version+}. */
const versionCodec = obj({ value: token(), feature: many(nonEmpty()) });
const patchedCommandCodec = obj({ uri: token(), version: many(versionCodec, 1) });
const patchedEventPackageCodec = obj({ name: nonEmpty(), version: many(versionCodec, 1) });

/** Body codecs by root element local name. */
export const XSI_BODY_CODECS = {
  // XSI-Events. One `Channel` type serves request (channelSetId…) and response (channelId, expires).
  Channel: obj({
    channelId: opt(nonEmpty({ maxLength: 256 })),
    channelSetId: opt(nonEmpty({ maxLength: 256 })),
    priority: opt(positiveInt()),
    weight: opt(positiveInt()),
    expires: opt(nonNegativeInt()), // ChannelExpiration
    applicationId: opt(token({ maxLength: 256 })),
  }),
  ChannelHeartBeat: obj({}),
  /**
   * `Subscription`: subscriptionId?, sharedSubscriptionId?, subscriberId? | clientId?, targetIdType?,
   * targetGrpParentId?, targetId?, targetSubId?, event? | eventPackageList?, expires?,
   * httpContact? | channelSetId?, applicationId?.
   */
  Subscription: obj(
    {
    subscriptionId: opt(nonEmpty({ maxLength: 256 })),
    sharedSubscriptionId: opt(nonEmpty({ maxLength: 256 })),
    subscriberId: opt(token()), // sent by some clients in create bodies; ignored by servers (§5)
    clientId: opt(token()),
    targetIdType: opt(openEnum(ENTITY_TYPES)),
    targetGrpParentId: opt(nonEmpty()),
    targetId: opt(text()),
    targetSubId: opt(text()),
    event: opt(openEnum(EVENT_PACKAGE_NAMES)), // exact package name, e.g. "Advanced Call" (§3.5)
    eventPackageList: opt(obj({ event: many(openEnum(EVENT_PACKAGE_NAMES), 1) })),
    expires: opt(nonNegativeInt()), // SubscriptionExpiration
    httpContact: opt(obj({ uri: token() })),
    channelSetId: opt(nonEmpty({ maxLength: 256 })),
    applicationId: opt(token({ maxLength: 256 })),
    },
    { choices: [{ keys: ['subscriberId', 'clientId'] }, { keys: ['event', 'eventPackageList'] }, { keys: ['httpContact', 'channelSetId'] }] },
  ),
  EventResponse: obj({ eventID: nonEmpty({ maxLength: 256 }), statusCode: intOneOf(EVENT_RESPONSE_STATUS_CODES), reason: nonEmpty() }),
  // XSI-Actions (§4.3).
  /** `Profile`: details (UserDetails), additionalDetails (UserAdditionalDetails, required, may be empty), … */
  Profile: obj({
    details: obj({
      userId: token(),
      externalId: opt(token({ maxLength: 36 })),
      firstName: opt(token({ maxLength: 30 })),
      lastName: opt(token({ maxLength: 30 })),
      groupId: opt(token({ maxLength: 30 })),
      serviceProvider: opt(textWithAttrs(['isEnterprise'], { token: true, maxLength: 30, attrTypes: { isEnterprise: 'boolean' } })),
      number: opt(token({ maxLength: 23 })),
      extension: opt(token({ minLength: 2, maxLength: 20 })),
    }),
    additionalDetails: need(obj({ mobile: opt(token({ maxLength: 23 })), emailAddress: opt(token()), impId: opt(token({ maxLength: 367 })) })),
  }),
  /** `Versions`: commands {baseline, patchedCommand* {uri, version+}}, eventPackages? {baseline, patchedEventPackage*}. */
  Versions: obj({
    commands: obj({ baseline: need(token()), patchedCommand: many(patchedCommandCodec) }),
    eventPackages: opt(obj({ baseline: need(token()), patchedEventPackage: many(patchedEventPackageCodec) })),
  }),
  /** `Calls`: call* (CallInfo {callId, uri?}). */
  Calls: obj({ call: many(obj({ callId: token(), uri: opt(nonEmpty()) })) }),
  CallStartInfo: obj({ callId: token(), externalTrackingId: token() }),
  VoiceMessagingMessages: obj({ messageInfoList: obj({ messageInfo: many(messageInfoCodec) }) }),
  /** `VoiceMessage`: messageInfo, messageMediaContent {description (token 1–256), mediaType, content (base64)}. */
  VoiceMessage: obj({
    messageInfo: messageInfoCodec,
    messageMediaContent: obj({ description: need(token({ maxLength: 256 })), mediaType: oneOf(MEDIA_TYPES), content: base64() }),
  }),
  VoiceMailMessageSummary: obj({ summary: messageSummaryCodec }),
  /** `CallCenter` (user service): agentACDState?, agentUnavailableCode?, … (guard timer settings not modelled), callCenterList?. */
  CallCenter: obj({
    agentACDState: opt(oneOf(AGENT_STATES)),
    agentUnavailableCode: opt(token({ maxLength: 10 })),
    callCenterList: opt(obj({ callCenterDetails: many(callCenterDetailsCodec) })),
  }),
  /** `ACDQueue`: queueEntries? (an empty queue has none). */
  ACDQueue: obj({ queueEntries: opt(queueEntriesCodec) }),
  /** `CallRecording`: recordingMode? (then pause/resume and announcement settings, not modelled). */
  CallRecording: obj({ recordingMode: opt(oneOf(RECORDING_MODES)) }),
  /** `ErrorInfo`: summary?, summaryEnglish, errorCode (xs:int). */
  ErrorInfo: obj({ summary: opt(nonEmpty()), summaryEnglish: nonEmpty(), errorCode: xsInt() }),
} as const;

export type XsiBodyRoot = keyof typeof XSI_BODY_CODECS;
export type XsiBody<R extends XsiBodyRoot> = Infer<(typeof XSI_BODY_CODECS)[R]>;

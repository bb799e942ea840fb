// XSI documents other than `Event`: the XSI-Events channel/subscription bodies (cti-xsi.md §3.1)
// and the XSI-Actions bodies the client needs (§4.2, §4.3). All live in the BroadWorks xsi
// namespace and are written with it as the default namespace, as real XSPs do.
import { flag, int, many, obj, oneOf, opt, text, textWithAttrs, type Infer } from './fields.ts';
import {
  AGENT_STATES,
  addressCodec,
  callCenterDetailsCodec,
  messageSummaryCodec,
  queueEntriesCodec,
} from './call.ts';

export const RECORDING_MODES = ['always', 'never', 'on-demand', 'always-pause-resume', 'on-demand-user-start'] as const;
export const MEDIA_TYPES = ['TIF', 'WAV', 'MOV', 'MP3'] as const;

/** messageInfo, in order (cti-xsi.md §4.3). `messageId` is a server-relative path. */
export const messageInfoCodec = obj({
  duration: opt(int()), // milliseconds
  callingPartyInfo: opt(obj({ name: opt(text()), userId: opt(text()), address: opt(addressCodec), privacy: flag() })),
  read: flag(),
  urgent: flag(),
  confidential: flag(),
  video: flag(),
  fax: flag(),
  time: int(), // epoch milliseconds
  faxPageCount: opt(int()),
  messageId: opt(text()),
});
export type XsiMessageInfo = Infer<typeof messageInfoCodec>;

/** Body codecs by root element local name. */
export const XSI_BODY_CODECS = {
  // XSI-Events (§3.1). One Channel shape serves request (channelSetId…) and response (channelId, expires).
  Channel: obj({
    channelId: opt(text()),
    channelSetId: opt(text()),
    priority: opt(int()),
    weight: opt(int()),
    expires: opt(int()),
    applicationId: opt(text()),
  }),
  ChannelHeartBeat: obj({}),
  Subscription: obj({
    subscriptionId: opt(text()),
    subscriberId: opt(text()), // sent by some clients in create bodies; ignored by servers (§5)
    targetIdType: opt(text()),
    targetId: opt(text()),
    event: opt(text()), // exact package name, e.g. "Advanced Call" (§3.5)
    expires: opt(int()),
    channelSetId: opt(text()),
    applicationId: opt(text()),
  }),
  EventResponse: obj({ eventID: text(), statusCode: int(), reason: text() }),
  // XSI-Actions (§4.3).
  Profile: obj({
    details: obj({
      userId: text(),
      firstName: opt(text()),
      lastName: opt(text()),
      groupId: opt(text()),
      serviceProvider: opt(textWithAttrs(['isEnterprise'])),
      number: opt(text()),
      extension: opt(text()),
    }),
    additionalDetails: opt(obj({ impId: opt(text()) })),
  }),
  Versions: obj({ commands: obj({ baseline: opt(text()), patchedCommand: many(text()) }) }),
  Calls: obj({ call: many(obj({ callId: text(), uri: opt(text()) })) }),
  CallStartInfo: obj({ callId: text(), externalTrackingId: text() }),
  VoiceMessagingMessages: obj({ messageInfoList: obj({ messageInfo: many(messageInfoCodec) }) }),
  VoiceMessage: obj({
    messageInfo: messageInfoCodec,
    messageMediaContent: obj({ description: opt(text()), mediaType: oneOf(MEDIA_TYPES), content: text() }),
  }),
  VoiceMailMessageSummary: obj({ summary: messageSummaryCodec }),
  CallCenter: obj({
    agentACDState: opt(oneOf(AGENT_STATES)),
    agentUnavailableCode: opt(text()),
    callCenterList: opt(obj({ callCenterDetails: many(callCenterDetailsCodec) })),
  }),
  ACDQueue: obj({ queueEntries: queueEntriesCodec }),
  CallRecording: obj({ recordingMode: oneOf(RECORDING_MODES) }),
  ErrorInfo: obj({ summary: opt(text()), summaryEnglish: text(), errorCode: int() }),
} as const;

export type XsiBodyRoot = keyof typeof XSI_BODY_CODECS;
export type XsiBody<R extends XsiBodyRoot> = Infer<(typeof XSI_BODY_CODECS)[R]>;

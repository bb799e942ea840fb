// The `xsi:Event` envelope and its `eventData` types, restated from the public XSI R23 schema
// (XSIBaseEvent.xsd `SubscriptionEvent`, `ErrorEvent`; Events/XSIChannel.xsd `ChannelTerminatedEvent`;
// Events/XSISubscription.xsd `SubscriptionTerminatedEvent`; CallSession/Events/XSICallSessionEvents.xsd;
// ACD/Events/XSIACDEvents.xsd; Agent/Events/XSIAgentEvents.xsd; Services/Events/XSIVoiceMessagingEvents.xsd).
// Types are resolved by namespace URI: in XSI events the prefix `xsi` is the BroadWorks namespace
// and `xsi1` the schema-instance one (the opposite of OCI-P's habit); the decoder never looks at
// prefixes.
//
// What a schema-valid event can never become (issue 9): a protocol error or an event left
// unacknowledged. So:
// - an eventData of a type we do not model decodes as `{ type: 'Unrecognized', name }` and is still
//   acknowledged (every event except ChannelTerminatedEvent is, cti-xsi.md §3.1);
// - an eventData of a modelled type that does not read (a server outside the schema) decodes as
//   `{ type: 'Unreadable', name, code, message }` with the envelope intact, so the client can
//   acknowledge it as dropped (EventResponse 400) and say which element was wrong.
import { CodecError, isCodecError } from '../errors.ts';
import { xsiType } from '../xml/navigate.ts';
import { type XmlElement, XSI_NS } from '../xml/types.ts';
import {
  agentJoinDataCodec,
  agentStateInfoCodec,
  callCodec,
  HOOK_STATUSES,
  messageSummaryCodec,
  monitoringStatusCodec,
  queueEntriesCodec,
  queueEntryCodec,
  XSI_BROADWORKS_NS,
} from './call.ts';
import { flag, many, need, nonEmpty, obj, oneOf, openEnum, opt, positiveInt, text, token, xsInt, type FieldContext, type Infer, type ObjectCodec } from './fields.ts';

/** `CallEvent`: eventData carrying one `call`. */
const callEvent = obj({ call: callCodec });
/** `ACDEvent`: eventData carrying one `queueEntry`. */
const acdEvent = obj({ queueEntry: queueEntryCodec });
/** `CallSubscriptionEvent` (and its `CallSubscriptionResyncEvent`): calls?, conference? (not modelled), hookStatus. */
const callSubscription = obj({ calls: opt(obj({ call: many(callCodec, 1) })), hookStatus: need(oneOf(HOOK_STATUSES)) });
/** `ACDSubscriptionEvent` (and `ACDSubscriptionResyncEvent`): queueEntries? (queueEntry+). */
const acdSubscription = obj({ queueEntries: opt(queueEntriesCodec) });

/** XSIDataTypes.xsd `RecordingStoppedReason`. */
export const RECORDING_STOPPED_REASONS = ['User Requested', 'Failure'] as const;
/** XSIDataTypes.xsd `CallUpdateReason`. */
export const CALL_UPDATE_REASONS = ['Call Transferred', 'Call Picked-Up', 'Call Barged-In', 'Call Monitored', 'Call Forwarded', 'Call Park Retrieved', 'Unknown'] as const;

/** eventData codecs by `xsi1:type` local name. */
export const EVENT_DATA_CODECS = {
  // CallSession/Events/XSICallSessionEvents.xsd
  CallSubscriptionEvent: callSubscription,
  CallSubscriptionResyncEvent: callSubscription,
  CallOriginatingEvent: callEvent,
  CallOriginatedEvent: callEvent,
  CallReceivedEvent: callEvent,
  CallAnsweredEvent: callEvent,
  CallHeldEvent: callEvent,
  CallRetrievedEvent: callEvent,
  CallUpdatedEvent: callEvent,
  CallTransferredEvent: callEvent,
  CallReleasingEvent: callEvent,
  CallReleasedEvent: callEvent,
  CallDetachedEvent: callEvent,
  CallForwardedEvent: callEvent,
  CallPickedUpEvent: callEvent,
  CallBargedInEvent: callEvent,
  CallMonitoredEvent: callEvent,
  CallCollectingEvent: callEvent,
  CallParkRetrievedEvent: callEvent,
  CallClientSessionInfoUpdatedEvent: callEvent,
  CallSecurityClassificationUpdatedEvent: callEvent,
  PlayMusicOnHoldFailureEvent: callEvent,
  CallRecordingStartingEvent: callEvent,
  CallRecordingStartedEvent: callEvent,
  CallRecordingPausedEvent: callEvent,
  CallRecordingResumedEvent: callEvent,
  CallRecordingStoppedEvent: obj({ call: callCodec, reason: need(openEnum(RECORDING_STOPPED_REASONS)) }),
  /** `CallRedirectedEvent`: calls (a CallList, the plural form). */
  CallRedirectedEvent: obj({ calls: obj({ call: many(callCodec, 1) }) }),
  HookStatusEvent: obj({ hookStatus: oneOf(HOOK_STATUSES) }),
  // ACD/Events/XSIACDEvents.xsd
  ACDSubscriptionEvent: acdSubscription,
  ACDSubscriptionResyncEvent: acdSubscription,
  ACDCallAddedEvent: obj({ queueEntry: queueEntryCodec, position: need(positiveInt()) }),
  ACDCallOfferedToAgentEvent: acdEvent,
  ACDCallAnsweredByAgentEvent: acdEvent,
  ACDCallAbandonedEvent: obj({ queueEntry: queueEntryCodec, entrancePlaying: opt(flag()) }),
  ACDCallReleasedEvent: acdEvent,
  ACDCallEscapedEvent: acdEvent,
  ACDWhisperStartedEvent: acdEvent,
  ACDCallBouncedEvent: obj({ queueEntry: queueEntryCodec, position: opt(positiveInt()) }),
  ACDCallPromotedEvent: obj({ queueEntry: queueEntryCodec, position: need(positiveInt()) }),
  ACDCallReorderedEvent: obj({ queueEntry: queueEntryCodec, position: need(positiveInt()) }),
  ACDCallUpdatedEvent: obj({ queueEntry: queueEntryCodec, reason: opt(openEnum(CALL_UPDATE_REASONS)) }),
  /** `CallCenterMonitoringEvent` (Call Center Monitoring package). */
  CallCenterMonitoringEvent: obj({ monitoringStatus: monitoringStatusCodec }),
  // Agent/Events/XSIAgentEvents.xsd
  AgentSubscriptionEvent: obj({ joinData: need(agentJoinDataCodec), stateInfo: opt(agentStateInfoCodec) }),
  AgentStateEvent: obj({ agentStateInfo: agentStateInfoCodec }),
  // Services/Events/XSIVoiceMessagingEvents.xsd: the summary directly in eventData.
  VoiceMailMessageSummaryEvent: obj({ messageSummary: messageSummaryCodec }),
  // Events/XSISubscription.xsd: no content.
  SubscriptionTerminatedEvent: obj({}),
} as const;

export type XsiEventType = keyof typeof EVENT_DATA_CODECS;
export const XSI_EVENT_TYPES = Object.keys(EVENT_DATA_CODECS) as XsiEventType[];

export type XsiEventData =
  | { [K in XsiEventType]: { type: K } & Infer<(typeof EVENT_DATA_CODECS)[K]> }[XsiEventType]
  /** A schema event type not modelled here: still acknowledged (200). */
  | { type: 'Unrecognized'; name: string }
  /** A modelled type whose content is not what the schema says: acknowledge as dropped (400). */
  | { type: 'Unreadable'; name: string; code: string; message: string };

/**
 * `SubscriptionEvent` children before eventData, in order: eventID, sequenceNumber (PositiveInt),
 * userId | clientId, externalApplicationId, subscriptionId, sharedSubscriptionId?,
 * channelId? | httpContact (ContactURL {uri}), targetId?, targetSubId?.
 */
export const subscriptionEnvelopeCodec = obj(
  {
  eventID: nonEmpty({ maxLength: 256 }),
  sequenceNumber: positiveInt(),
  userId: opt(token()),
  clientId: opt(token()), // R23 in place of userId
  externalApplicationId: token({ maxLength: 256 }),
  subscriptionId: nonEmpty({ maxLength: 256 }),
  sharedSubscriptionId: opt(nonEmpty({ maxLength: 256 })),
  channelId: opt(nonEmpty({ maxLength: 256 })),
  httpContact: opt(obj({ uri: token() })), // in place of channelId for HTTP-contact subscriptions
  targetId: opt(token()),
  targetSubId: opt(text()),
  },
  // The envelope's two xs:choice groups: userId | clientId (one of them), channelId? | httpContact.
  { choices: [{ keys: ['userId', 'clientId'], required: true }, { keys: ['channelId', 'httpContact'] }] },
);

export type XsiSubscriptionEvent = { type: 'SubscriptionEvent' } & Infer<typeof subscriptionEnvelopeCodec> & {
  eventData: XsiEventData;
};

/** XSIDataTypes.xsd `ChannelTerminatedReason`. */
export const CHANNEL_TERMINATED_REASONS = [
  'DuplicateChannelSet',
  'UserDeleted',
  'NonResponsiveChannel',
  'ExplicitDelete',
  'Expired',
  'UnknownChannel',
] as const;

/**
 * `ChannelTerminatedEvent` (root-level, extends BaseEvent): channelId, reason. The decoder takes any
 * reason (the specification's own example sends `MaxChannelsReached`, outside the enumeration,
 * cti-xsi.md §5); the encoder only the schema's.
 */
const channelTerminatedCodec = obj({ channelId: nonEmpty({ maxLength: 256 }), reason: openEnum(CHANNEL_TERMINATED_REASONS) });
/** `ErrorEvent` (root-level, extends BaseEvent): errorCode (xs:int), errorMessage. */
const errorEventCodec = obj({ errorCode: need(xsInt()), errorMessage: need(text()) });

export type XsiChannelTerminatedEvent = { type: 'ChannelTerminatedEvent' } & Infer<typeof channelTerminatedCodec>;
export type XsiErrorEvent = { type: 'ErrorEvent' } & Infer<typeof errorEventCodec>;
export type XsiEvent = XsiSubscriptionEvent | XsiChannelTerminatedEvent | XsiErrorEvent;

const EVENT_CTX: FieldContext = { ns: XSI_BROADWORKS_NS, prefix: 'xsi:' };
const ROOT_OPEN = (type: string) =>
  `<xsi:Event xsi1:type="xsi:${type}" xmlns:xsi="${XSI_BROADWORKS_NS}" xmlns:xsi1="${XSI_NS}">`;

/** `<xsi:Event …>…</xsi:Event>` in the real prefix convention. Throws CodecError. */
export function encodeXsiEventElement(event: XsiEvent): string {
  switch (event.type) {
    case 'ChannelTerminatedEvent':
      return ROOT_OPEN(event.type) + channelTerminatedCodec.encodeChildren(event, EVENT_CTX) + '</xsi:Event>';
    case 'ErrorEvent':
      return ROOT_OPEN(event.type) + errorEventCodec.encodeChildren(event, EVENT_CTX) + '</xsi:Event>';
    case 'SubscriptionEvent': {
      const data = event.eventData;
      if (data.type === 'Unrecognized' || data.type === 'Unreadable') {
        throw new CodecError('UNKNOWN_TYPE', 'cannot encode an eventData that was not read', { type: data.name.slice(0, 64) });
      }
      const codec = Object.hasOwn(EVENT_DATA_CODECS, data.type) ? (EVENT_DATA_CODECS[data.type] as ObjectCodec<unknown>) : undefined;
      if (codec === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown eventData type', { type: String(data.type).slice(0, 64) });
      const body = codec.encodeChildren(data, EVENT_CTX);
      const eventData = `<xsi:eventData xsi1:type="xsi:${data.type}"${body === '' ? '/>' : `>${body}</xsi:eventData>`}`;
      return ROOT_OPEN('SubscriptionEvent') + subscriptionEnvelopeCodec.encodeChildren(event, EVENT_CTX) + eventData + '</xsi:Event>';
    }
    default:
      throw new CodecError('UNKNOWN_TYPE', 'unknown event type');
  }
}

function typeIn(el: XmlElement): string | null | undefined {
  const t = xsiType(el);
  if (t === undefined) return undefined;
  return t.ns === XSI_BROADWORKS_NS ? t.local : null;
}

function decodeEventData(dataEl: XmlElement, ctx: FieldContext): XsiEventData {
  const dataType = typeIn(dataEl);
  const codec =
    typeof dataType === 'string' && Object.hasOwn(EVENT_DATA_CODECS, dataType)
      ? (EVENT_DATA_CODECS[dataType as XsiEventType] as ObjectCodec<object>)
      : undefined;
  if (codec === undefined) return { type: 'Unrecognized', name: (dataType ?? '').slice(0, 64) };
  try {
    return { type: dataType, ...codec.decodeElement(dataEl, ctx) } as XsiEventData;
  } catch (error) {
    if (!isCodecError(error)) throw error;
    return { type: 'Unreadable', name: dataType as string, code: error.code, message: `${dataType}: ${error.message}` };
  }
}

/** Decodes an `Event` element in the BroadWorks xsi namespace. Throws CodecError. */
export function decodeXsiEventElement(el: XmlElement): XsiEvent {
  const rootType = typeIn(el);
  const ctx: FieldContext = { ns: XSI_BROADWORKS_NS, prefix: '' };
  if (rootType === 'ChannelTerminatedEvent') return { type: 'ChannelTerminatedEvent', ...channelTerminatedCodec.decodeElement(el, ctx) };
  if (rootType === 'ErrorEvent') return { type: 'ErrorEvent', ...errorEventCodec.decodeElement(el, ctx) };
  // BaseEvent is abstract, so a schema-valid Event always names its type; one without it but with
  // an eventData child is read as a SubscriptionEvent (tolerant).
  if (rootType !== 'SubscriptionEvent' && rootType !== undefined) {
    throw new CodecError('UNKNOWN_TYPE', 'unknown xsi:Event type', { element: 'Event', type: rootType ?? 'foreign namespace' });
  }
  const envelope = subscriptionEnvelopeCodec.decodeElement(el, ctx);
  const dataEl = el.children.find((c) => c.name === 'eventData' && c.ns === XSI_BROADWORKS_NS);
  if (dataEl === undefined) throw new CodecError('MISSING_FIELD', 'required element <eventData> is missing', { field: 'eventData' });
  return { type: 'SubscriptionEvent', ...envelope, eventData: decodeEventData(dataEl, ctx) };
}

// The `xsi:Event` envelope and its `eventData` types (cti-xsi.md §3.3–§3.5). Types are resolved
// by namespace URI: in XSI events the prefix `xsi` is the BroadWorks namespace and `xsi1` the
// schema-instance one (the opposite of OCI-P's habit); the decoder never looks at prefixes.
//
// INFERRED structures (documented choice; both client and lab use this codec):
// - ACD call events all carry `queueEntry` (ACDCallAddedEvent adds `position`).
// - Call recording events carry `call`; CallRecordingStoppedEvent adds `reason`
//   (`User Requested` | `Failure`).
// - CallCenterMonitoringEvent `monitoringStatus` values are integers as sent.
// - An eventData of a type we do not model decodes as `{ type: 'Unrecognized', name }` so that
//   the client can still acknowledge it (every event except ChannelTerminatedEvent is acked).
import { CodecError } from '../errors.ts';
import { xsiType } from '../xml/navigate.ts';
import { type XmlElement, XSI_NS } from '../xml/types.ts';
import {
  agentStateInfoCodec,
  callCenterDetailsCodec,
  callCodec,
  HOOK_STATUSES,
  messageSummaryCodec,
  queueEntriesCodec,
  queueEntryCodec,
  XSI_BROADWORKS_NS,
} from './call.ts';
import { int, many, obj, oneOf, opt, text, type FieldContext, type Infer, type ObjectCodec } from './fields.ts';

const callEvent = obj({ call: callCodec });
const acdCallEvent = obj({ queueEntry: queueEntryCodec });

export const monitoringStatusCodec = obj({
  averageHandlingTime: opt(int()),
  expectedWaitTime: opt(int()),
  averageSpeedOfAnswer: opt(int()),
  longestWaitTime: opt(int()),
  numCallsInQueue: opt(int()),
  numAgentsAssigned: opt(int()),
  numAgentsStaffed: opt(int()),
  numStaffedAgentsIdle: opt(int()),
  numStaffedAgentsUnavailable: opt(int()),
});

/** eventData codecs by `xsi1:type` local name. */
export const EVENT_DATA_CODECS = {
  CallSubscriptionEvent: obj({ hookStatus: opt(oneOf(HOOK_STATUSES)), calls: opt(obj({ call: many(callCodec) })) }),
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
  CallRecordingStartedEvent: callEvent,
  CallRecordingPausedEvent: callEvent,
  CallRecordingResumedEvent: callEvent,
  CallRecordingStoppedEvent: obj({ call: callCodec, reason: opt(text()) }),
  HookStatusEvent: obj({ hookStatus: oneOf(HOOK_STATUSES) }),
  ACDSubscriptionEvent: obj({ queueEntries: queueEntriesCodec }),
  ACDCallAddedEvent: obj({ queueEntry: queueEntryCodec, position: opt(int()) }),
  ACDCallOfferedToAgentEvent: acdCallEvent,
  ACDCallAnsweredByAgentEvent: acdCallEvent,
  ACDCallAbandonedEvent: acdCallEvent,
  ACDCallReleasedEvent: acdCallEvent,
  AgentSubscriptionEvent: obj({
    joinData: opt(obj({ callCenterList: opt(obj({ callCenterDetails: many(callCenterDetailsCodec) })) })),
    stateInfo: agentStateInfoCodec,
  }),
  AgentStateEvent: obj({ agentStateInfo: agentStateInfoCodec }),
  CallCenterMonitoringEvent: obj({ monitoringStatus: monitoringStatusCodec }),
  VoiceMailMessageSummaryEvent: obj({ voiceMailMessageSummary: obj({ summary: messageSummaryCodec }) }),
  SubscriptionTerminatedEvent: obj({}),
} as const;

export type XsiEventType = keyof typeof EVENT_DATA_CODECS;
export const XSI_EVENT_TYPES = Object.keys(EVENT_DATA_CODECS) as XsiEventType[];

export type XsiEventData =
  | { [K in XsiEventType]: { type: K } & Infer<(typeof EVENT_DATA_CODECS)[K]> }[XsiEventType]
  | { type: 'Unrecognized'; name: string };

/** Envelope children 1–9 in order (cti-xsi.md §3.3); eventData (10) follows. */
export const subscriptionEnvelopeCodec = obj({
  eventID: text(),
  sequenceNumber: int(),
  userId: opt(text()),
  clientId: opt(text()), // R23 in place of userId
  externalApplicationId: text(),
  subscriptionId: text(),
  sharedSubscriptionId: opt(text()),
  channelId: opt(text()),
  httpContact: opt(text()), // in place of channelId for HTTP-contact subscriptions
  targetId: opt(text()),
  targetSubId: opt(text()),
});

export type XsiSubscriptionEvent = { type: 'SubscriptionEvent' } & Infer<typeof subscriptionEnvelopeCodec> & {
  eventData: XsiEventData;
};

const channelTerminatedCodec = obj({ channelId: text(), reason: text() });
/** ErrorEvent {errorCode, errorMessage} (cti-xsi.md §3.3); root-level like ChannelTerminatedEvent (INFERRED). */
const errorEventCodec = obj({ errorCode: opt(text()), errorMessage: opt(text()) });

export const CHANNEL_TERMINATED_REASONS = [
  'DuplicateChannelSet',
  'UserDeleted',
  'NonResponsiveChannel',
  'ExplicitDelete',
  'Expired',
  'UnknownChannel',
] as const;

/** reason is text: the spec example's `MaxChannelsReached` is outside the schema enum (§5). */
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
      if (data.type === 'Unrecognized') {
        throw new CodecError('UNKNOWN_TYPE', 'cannot encode an unrecognized eventData', { type: data.name.slice(0, 64) });
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

/** Decodes an `Event` element in the BroadWorks xsi namespace. Throws CodecError. */
export function decodeXsiEventElement(el: XmlElement): XsiEvent {
  const rootType = typeIn(el);
  const ctx: FieldContext = { ns: XSI_BROADWORKS_NS, prefix: '' };
  if (rootType === 'ChannelTerminatedEvent') return { type: 'ChannelTerminatedEvent', ...channelTerminatedCodec.decodeElement(el, ctx) };
  if (rootType === 'ErrorEvent') return { type: 'ErrorEvent', ...errorEventCodec.decodeElement(el, ctx) };
  // A missing root type with an eventData child is read as a SubscriptionEvent (tolerant).
  if (rootType !== 'SubscriptionEvent' && rootType !== undefined) {
    throw new CodecError('UNKNOWN_TYPE', 'unknown xsi:Event type', { element: 'Event', type: rootType ?? 'foreign namespace' });
  }
  const envelope = subscriptionEnvelopeCodec.decodeElement(el, ctx);
  const dataEl = el.children.find((c) => c.name === 'eventData' && c.ns === XSI_BROADWORKS_NS);
  if (dataEl === undefined) throw new CodecError('MISSING_FIELD', 'required element <eventData> is missing', { field: 'eventData' });
  const dataType = typeIn(dataEl);
  const codec =
    typeof dataType === 'string' && Object.hasOwn(EVENT_DATA_CODECS, dataType)
      ? (EVENT_DATA_CODECS[dataType as XsiEventType] as ObjectCodec<object>)
      : undefined;
  const eventData: XsiEventData =
    codec === undefined
      ? { type: 'Unrecognized', name: dataType ?? '' }
      : ({ type: dataType, ...codec.decodeElement(dataEl, ctx) } as XsiEventData);
  return { type: 'SubscriptionEvent', ...envelope, eventData };
}

// XSI-Events golden documents (golden/events/*.xml, written by hand from the XSI R23 schema and
// checked with xmllint against XSISchema.xsd before they were committed): each passes the shape
// rules, and the client's decoder reads it to the values asserted here — the minimal form (required
// elements only) and the full form (every optional element, the ones we do not model included).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeXsiDocument } from '../../../src/codecs/xsi/documents.ts';
import type { XsiCall, XsiQueueEntry } from '../../../src/codecs/xsi/call.ts';
import type { XsiEvent, XsiEventData, XsiSubscriptionEvent } from '../../../src/codecs/xsi/events.ts';
import { formatFindings, schemaSet } from '../shape/index.ts';
import { xsiSchema } from './xsi-rules.ts';

const rules = schemaSet(xsiSchema);
const golden = (name: string): string => readFileSync(new URL(`./golden/events/${name}`, import.meta.url), 'utf8');

function decodeEvent(xml: string): XsiEvent {
  const r = decodeXsiDocument(xml);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  if (r.value.root !== 'Event') throw new Error(`root ${r.value.root}`);
  return r.value.event;
}

const ALICE = 'alice@example.com';
const SUB = '0d4c3b2a-1111-4222-8333-444455556666';
const CHANNEL = '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11';
const QUEUE_SUB = '7a7a7a7a-1111-4222-8333-444455556666';

/** The envelope of the minimal golden events: required elements, plus channelId/targetId when given. */
function envelope(eventID: string, sequenceNumber: number, subscriptionId: string, extra: Partial<XsiSubscriptionEvent> = {}): Omit<XsiSubscriptionEvent, 'eventData'> {
  return { type: 'SubscriptionEvent', eventID, sequenceNumber, userId: ALICE, externalApplicationId: 'unity-connect', subscriptionId, ...extra };
}

const MIN_CALL: XsiCall = {
  callId: 'callhalf-22519:0',
  extTrackingId: '118:1',
  personality: 'Terminator',
  state: 'Alerting',
  remoteParty: { privacy: false },
  allowAnswer: false,
  allowRetrieve: false,
  startTime: 1700000000123,
  recorded: false,
};

const FULL_CALL: XsiCall = {
  callId: 'callhalf-22519:0',
  extTrackingId: '118:1',
  networkCallId: 'BW1715324031802181019@10.0.0.1',
  personality: 'Terminator',
  state: 'Remote Held',
  releaseCause: { internalReleaseCause: 'Temporarily Unavailable', q850Cause: '41', sipStatus: '480', cdrTerminationCause: '041' },
  releasingParty: 'remoteRelease',
  remoteParty: {
    name: 'Bob Jones',
    address: { value: 'tel:+15551234567', countryCode: '1' },
    userId: 'bob@example.com',
    userDN: { value: 'tel:+15551234567;ext=4567', countryCode: '1' },
    privacy: true,
    callType: 'City-Wide Centrex',
  },
  appearance: 2,
  allowAnswer: true,
  allowRetrieve: true,
  startTime: 1700000000123,
  answerTime: 1700000004000,
  heldTime: 1700000010000,
  totalHeldTime: 5000,
  detachedTime: 1700000020000,
  releaseTime: 1700000030000,
  acdCallInfo: {
    acdUserId: 'sales@example.com',
    acdName: 'Sales',
    acdNumber: { value: 'tel:+15550009000', countryCode: '1' },
    numCallsInQueue: 0,
    waitTime: 12,
    longestWaitTime: 30,
    holdReminder: true,
    callingPartyInfo: { name: 'Bob Jones', address: { value: 'tel:+15551234567' }, privacy: false },
    routePoint: true,
    dispositionCode: 'D7',
    postCallAgentState: 'Wrap-Up',
  },
  recorded: true,
  allowedRecordingControls: 'pause-stop',
  recordingState: 'Started',
};

const MIN_ENTRY: XsiQueueEntry = {
  callId: 'callhalf-42:0',
  extTrackingId: '42:1',
  remoteParty: { privacy: false },
  addTime: 1700000120000,
  acdName: 'Sales',
  acdNumber: { value: 'tel:+15550009000' },
};

/** golden file → the event our decoder must read from it. */
const EXPECTED: Record<string, XsiEvent> = {
  'CallReceivedEvent.min.xml': { ...envelope('4b7e0c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c', 1, SUB), eventData: { type: 'CallReceivedEvent', call: MIN_CALL } },
  'CallReceivedEvent.full.xml': {
    ...envelope('4b7e0c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2d', 2147483647, SUB, {
      sharedSubscriptionId: '9e8d7c6b-aaaa-4bbb-8ccc-ddddeeeeffff',
      channelId: CHANNEL,
      targetId: ALICE,
      targetSubId: 'sub-1',
    }),
    eventData: { type: 'CallReceivedEvent', call: FULL_CALL },
  },
  'CallRecordingStoppedEvent.min.xml': {
    ...envelope('c0ffee00-0000-4000-8000-000000000001', 9, SUB),
    eventData: {
      type: 'CallRecordingStoppedEvent',
      call: { ...MIN_CALL, personality: 'Originator', state: 'Active', remoteParty: { address: { value: 'tel:+15551234567' }, privacy: false }, answerTime: 1700000002000, allowedRecordingControls: 'record' },
      reason: 'Failure',
    },
  },
  'CallSubscriptionEvent.min.xml': {
    ...envelope('c0ffee00-0000-4000-8000-000000000002', 1, SUB, { channelId: CHANNEL, targetId: ALICE }),
    eventData: { type: 'CallSubscriptionEvent', hookStatus: 'On-Hook' },
  },
  'CallSubscriptionEvent.full.xml': {
    ...envelope('c0ffee00-0000-4000-8000-000000000003', 1, SUB, { channelId: CHANNEL, targetId: ALICE }),
    eventData: {
      type: 'CallSubscriptionEvent',
      calls: {
        call: [
          {
            callId: 'callhalf-1:0',
            extTrackingId: '7:1',
            personality: 'Originator',
            state: 'Held',
            remoteParty: { name: 'Carol', userId: 'carol@example.com', callType: 'Group', privacy: false },
            allowAnswer: false,
            allowRetrieve: true,
            startTime: 1700000000000,
            answerTime: 1700000001000,
            heldTime: 1700000005000,
            recorded: false,
          },
          {
            callId: 'callhalf-2:0',
            extTrackingId: '8:1',
            personality: 'Terminator',
            state: 'Alerting',
            remoteParty: { address: { value: 'tel:+441632960101', countryCode: '44' }, privacy: true },
            allowAnswer: true,
            allowRetrieve: false,
            startTime: 1700000006000,
            recorded: false,
          },
        ],
      },
      hookStatus: 'Off-Hook',
    },
  },
  'CallRedirectedEvent.min.xml': {
    ...envelope('c0ffee00-0000-4000-8000-000000000004', 3, SUB),
    eventData: {
      type: 'CallRedirectedEvent',
      calls: { call: [{ ...MIN_CALL, callId: 'callhalf-3:0', extTrackingId: '9:1', state: 'Detached', startTime: 1700000000000, detachedTime: 1700000009000 }] },
    },
  },
  'HookStatusEvent.min.xml': { ...envelope('c0ffee00-0000-4000-8000-000000000005', 4, SUB), eventData: { type: 'HookStatusEvent', hookStatus: 'Off-Hook' } },
  'envelope-r23.full.xml': {
    type: 'SubscriptionEvent',
    eventID: 'c0ffee00-0000-4000-8000-000000000006',
    sequenceNumber: 12,
    clientId: 'unity-client-7',
    externalApplicationId: 'unity-connect',
    subscriptionId: SUB,
    httpContact: { uri: 'https://app.example.com/xsi-events' },
    targetId: 'bob@example.com',
    eventData: { type: 'HookStatusEvent', hookStatus: 'On-Hook' },
  },
  'SubscriptionTerminatedEvent.min.xml': {
    ...envelope('c0ffee00-0000-4000-8000-000000000007', 5, SUB, { channelId: CHANNEL, targetId: 'bob@example.com' }),
    eventData: { type: 'SubscriptionTerminatedEvent' },
  },
  'ChannelTerminatedEvent.min.xml': { type: 'ChannelTerminatedEvent', channelId: CHANNEL, reason: 'NonResponsiveChannel' },
  'ErrorEvent.min.xml': { type: 'ErrorEvent', errorCode: 110000, errorMessage: 'Only EventResponse and ChannelHeartBeat may be sent on a channel' },
  'CallWaitingEvent.unmodelled.xml': { ...envelope('c0ffee00-0000-4000-8000-000000000008', 6, SUB), eventData: { type: 'Unrecognized', name: 'CallWaitingEvent' } },
  'ACDSubscriptionEvent.min.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000001', 1, QUEUE_SUB, { channelId: CHANNEL, targetId: 'sales@example.com' }),
    eventData: { type: 'ACDSubscriptionEvent' },
  },
  'ACDSubscriptionEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000002', 1, QUEUE_SUB, { channelId: CHANNEL, targetId: 'sales@example.com' }),
    eventData: {
      type: 'ACDSubscriptionEvent',
      queueEntries: {
        queueEntry: [
          {
            callId: 'callhalf-40:0',
            extTrackingId: '40:1',
            remoteParty: { name: 'Waiting Caller', address: { value: 'tel:+15550005555', countryCode: '1' }, callType: 'Network', privacy: false },
            addTime: 1700000100000,
            removeTime: 1700000160000,
            mandatoryEntrance: true,
            bounced: true,
            reordered: true,
            preservedWaitTime: 15,
            acdName: 'Sales',
            acdNumber: { value: 'tel:+15550009000', countryCode: '1' },
            acdPriority: '1-High',
            addTimeInPriorityBucket: 1700000110000,
            preservedWaitTimeInPriorityBucket: 5,
            answeringUserId: ALICE,
            answeringCallId: 'callhalf-41:0',
            answeringNetworkCallId: 'BW-net-41',
          },
          MIN_ENTRY,
        ],
      },
    },
  },
  'ACDCallAddedEvent.min.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000003', 2, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallAddedEvent', queueEntry: MIN_ENTRY, position: 1 },
  },
  'ACDCallAddedEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000004', 3, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: {
      type: 'ACDCallAddedEvent',
      queueEntry: { ...MIN_ENTRY, callId: 'callhalf-43:0', extTrackingId: '43:1', remoteParty: { name: 'Dana', address: { value: 'tel:+441632960101' }, privacy: false }, addTime: 1700000130000, acdPriority: '3-Low' },
      position: 2,
    },
  },
  'ACDCallOfferedToAgentEvent.min.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000005', 4, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallOfferedToAgentEvent', queueEntry: { ...MIN_ENTRY, answeringUserId: ALICE } },
  },
  'ACDCallAbandonedEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000006', 5, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallAbandonedEvent', queueEntry: { ...MIN_ENTRY, removeTime: 1700000125000 }, entrancePlaying: true },
  },
  'ACDCallBouncedEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000007', 6, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallBouncedEvent', queueEntry: { ...MIN_ENTRY, bounced: true }, position: 1 },
  },
  'ACDCallUpdatedEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000008', 7, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallUpdatedEvent', queueEntry: MIN_ENTRY, reason: 'Call Picked-Up' },
  },
  'ACDCallPromotedEvent.min.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000009', 8, QUEUE_SUB, { targetId: 'sales@example.com' }),
    eventData: { type: 'ACDCallPromotedEvent', queueEntry: { ...MIN_ENTRY, acdPriority: '0-Highest' }, position: 1 },
  },
  'CallCenterMonitoringEvent.min.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000010', 1, '7b7b7b7b-1111-4222-8333-444455556666', { targetId: 'sales@example.com' }),
    eventData: {
      type: 'CallCenterMonitoringEvent',
      monitoringStatus: {
        averageSpeedOfAnswer: { value: 0 },
        longestWaitTime: { value: 0 },
        numCallsInQueue: { value: 0 },
        numAgentsAssigned: 0,
        numAgentsStaffed: 0,
        numStaffedAgentsIdle: 0,
        numStaffedAgentsUnavailable: 0,
      },
    },
  },
  'CallCenterMonitoringEvent.full.xml': {
    ...envelope('acd00000-0000-4000-8000-000000000011', 2, '7b7b7b7b-1111-4222-8333-444455556666', { targetId: 'sales@example.com' }),
    eventData: {
      type: 'CallCenterMonitoringEvent',
      monitoringStatus: {
        averageHandlingTime: { value: 185, severity: 1, prevSeverity: 0, threshold: 180 },
        expectedWaitTime: { value: 40 },
        averageSpeedOfAnswer: { value: 22, severity: 0 },
        longestWaitTime: { value: 95, severity: 2, prevSeverity: 1, threshold: 60 },
        numCallsInQueue: { value: 3 },
        numAgentsAssigned: 5,
        numAgentsStaffed: 4,
        numStaffedAgentsIdle: 1,
        numStaffedAgentsUnavailable: 2,
      },
    },
  },
  'AgentSubscriptionEvent.min.xml': {
    ...envelope('a6e00000-0000-4000-8000-000000000001', 1, '7c7c7c7c-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: { type: 'AgentSubscriptionEvent', joinData: {} },
  },
  'AgentSubscriptionEvent.full.xml': {
    ...envelope('a6e00000-0000-4000-8000-000000000002', 1, '7c7c7c7c-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: {
      type: 'AgentSubscriptionEvent',
      joinData: { joinInfos: { joinInfo: [{ acdUserId: 'sales@example.com', joined: true, skillLevel: 3 }, { acdUserId: 'support@example.com' }] } },
      stateInfo: {
        state: 'Wrap-Up',
        stateTimestamp: { value: 1700000200000, severity: 1, prevSeverity: 0, threshold: 120 },
        unavailableCode: 'LUNCH',
        wrapUpCallId: 'callhalf-41:0',
        signInTimestamp: 1700000000000,
        totalAvailableTime: 3600,
        averageWrapUpTime: { value: 45 },
        wrapUpCallCenterUserId: 'sales@example.com',
      },
    },
  },
  'AgentStateEvent.min.xml': {
    ...envelope('a6e00000-0000-4000-8000-000000000003', 2, '7c7c7c7c-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: { type: 'AgentStateEvent', agentStateInfo: { state: 'Available', stateTimestamp: { value: 1700000300000 } } },
  },
  'AgentStateEvent.full.xml': {
    ...envelope('a6e00000-0000-4000-8000-000000000004', 3, '7c7c7c7c-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: {
      type: 'AgentStateEvent',
      agentStateInfo: {
        state: 'Unavailable',
        stateTimestamp: { value: 1700000400000, severity: 2 },
        unavailableCode: '1234567890',
        signInTimestamp: 1700000000000,
        totalAvailableTime: 0,
        averageWrapUpTime: { value: 0, threshold: 30 },
      },
    },
  },
  'VoiceMailMessageSummaryEvent.min.xml': {
    ...envelope('7e7e0000-0000-4000-8000-000000000001', 1, '7d7d7d7d-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: { type: 'VoiceMailMessageSummaryEvent', messageSummary: {} },
  },
  'VoiceMailMessageSummaryEvent.full.xml': {
    ...envelope('7e7e0000-0000-4000-8000-000000000002', 2, '7d7d7d7d-1111-4222-8333-444455556666', { targetId: ALICE }),
    eventData: { type: 'VoiceMailMessageSummaryEvent', messageSummary: { newMessages: 2, oldMessages: 1, newUrgentMessages: 1, oldUrgentMessages: 3 } },
  },
};

/** Event types whose eventData has the same content as a golden one: read from it with only the xsi:type changed. */
const SAME_CONTENT: Record<string, readonly string[]> = {
  'CallReceivedEvent.min.xml': [
    'CallOriginatingEvent', 'CallOriginatedEvent', 'CallAnsweredEvent', 'CallHeldEvent', 'CallRetrievedEvent', 'CallUpdatedEvent', 'CallTransferredEvent',
    'CallReleasingEvent', 'CallReleasedEvent', 'CallDetachedEvent', 'CallForwardedEvent', 'CallPickedUpEvent', 'CallBargedInEvent', 'CallMonitoredEvent',
    'CallCollectingEvent', 'CallParkRetrievedEvent', 'CallClientSessionInfoUpdatedEvent', 'CallSecurityClassificationUpdatedEvent', 'PlayMusicOnHoldFailureEvent',
    'CallRecordingStartingEvent', 'CallRecordingStartedEvent', 'CallRecordingPausedEvent', 'CallRecordingResumedEvent',
  ],
  'CallSubscriptionEvent.full.xml': ['CallSubscriptionResyncEvent'],
  'ACDSubscriptionEvent.full.xml': ['ACDSubscriptionResyncEvent'],
  'ACDCallOfferedToAgentEvent.min.xml': ['ACDCallAnsweredByAgentEvent', 'ACDCallReleasedEvent', 'ACDCallEscapedEvent', 'ACDWhisperStartedEvent'],
  'ACDCallPromotedEvent.min.xml': ['ACDCallReorderedEvent'],
};

const withType = (xml: string, from: string, to: string): string => xml.replace(`xsi1:type="xsi:${from}"`, `xsi1:type="xsi:${to}"`);
const typeOf = (file: string): string => file.split('.')[0]!;

describe('XSI-Events golden documents (XSI R23)', () => {
  it.each(Object.keys(EXPECTED))('%s passes the shape rules and decodes to its values', (file) => {
    const xml = golden(file);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decodeEvent(xml)).toEqual(EXPECTED[file]);
  });

  it.each(Object.entries(SAME_CONTENT).flatMap(([file, types]) => types.map((t) => [t, file] as const)))('%s (content of %s) decodes under its own type', (type, file) => {
    const xml = withType(golden(file), typeOf(file), type);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    const event = decodeEvent(xml) as XsiSubscriptionEvent;
    expect(event.eventData).toEqual({ ...(EXPECTED[file] as XsiSubscriptionEvent).eventData, type } as XsiEventData);
  });

  it('covers every eventData type the decoder models', async () => {
    const { XSI_EVENT_TYPES } = await import('../../../src/codecs/xsi/events.ts');
    const covered = new Set([
      ...Object.values(EXPECTED).flatMap((e) => (e.type === 'SubscriptionEvent' ? [e.eventData.type] : [])),
      ...Object.values(SAME_CONTENT).flat(),
    ]);
    expect(XSI_EVENT_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it('reads a pretty-printed token with surrounding whitespace as the token (xs:token collapses)', () => {
    const xml = golden('CallReceivedEvent.min.xml').replace('<xsi:callId>callhalf-22519:0</xsi:callId>', '<xsi:callId>\n  callhalf-22519:0\n</xsi:callId>');
    expect(rules.check(xml)).toEqual([]);
    expect((decodeEvent(xml) as XsiSubscriptionEvent).eventData).toMatchObject({ call: { callId: 'callhalf-22519:0' } });
  });

  it('reads what a server outside the schema sends where the client can still act, and says so for the rest', () => {
    // The specification's own example ends a channel with MaxChannelsReached, outside ChannelTerminatedReason.
    const maxChannels = golden('ChannelTerminatedEvent.min.xml').replace('NonResponsiveChannel', 'MaxChannelsReached');
    expect(rules.check(maxChannels)).not.toEqual([]);
    expect(decodeEvent(maxChannels)).toEqual({ type: 'ChannelTerminatedEvent', channelId: CHANNEL, reason: 'MaxChannelsReached' });
    // A PositiveInt count of 0: still a count.
    const zero = golden('ACDCallAddedEvent.min.xml').replace('<xsi:position>1</xsi:position>', '<xsi:position>0</xsi:position>');
    expect(rules.check(zero)).not.toEqual([]);
    expect((decodeEvent(zero) as XsiSubscriptionEvent).eventData).toMatchObject({ type: 'ACDCallAddedEvent', position: 0 });
    // A call state outside CallState: nothing to act on — the envelope reads (for the 400 acknowledgement), the element is named.
    const badState = golden('CallReceivedEvent.min.xml').replace('<xsi:state>Alerting</xsi:state>', '<xsi:state>Ringing</xsi:state>');
    expect((decodeEvent(badState) as XsiSubscriptionEvent).eventData).toMatchObject({ type: 'Unreadable', name: 'CallReceivedEvent', code: 'INVALID_FIELD', message: expect.stringContaining('<state>') });
  });
});

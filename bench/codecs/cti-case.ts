// CTI case: a burst of 100 000 call events as the CTI server sends them (xsp:event wrapping an
// xsi:Event with a call payload, one document per message with declaration and "\n",
// cti-xsi.md §2.5). Ours = the depth0 stream framing + XML parse + CTI/XSI decode to typed
// messages; raw = fast-xml-parser on the same document bytes.
import { createCtiStreamDecoder, encodeCtiMessage, type CtiMessage, type XsiCall, type XsiEventType } from '../../src/codecs/index.ts';
import type { BenchCase } from './bench-case.ts';
import { rawParse } from './raw-parser.ts';

const EVENTS: Array<{ type: XsiEventType; state: XsiCall['state']; personality: XsiCall['personality'] }> = [
  { type: 'CallReceivedEvent', state: 'Alerting', personality: 'Terminator' },
  { type: 'CallAnsweredEvent', state: 'Active', personality: 'Terminator' },
  { type: 'CallHeldEvent', state: 'Held', personality: 'Terminator' },
  { type: 'CallRetrievedEvent', state: 'Active', personality: 'Terminator' },
  { type: 'CallOriginatedEvent', state: 'Alerting', personality: 'Originator' },
  { type: 'CallUpdatedEvent', state: 'Active', personality: 'Originator' },
  { type: 'CallReleasedEvent', state: 'Released', personality: 'Originator' },
];

function eventMessage(k: number): CtiMessage {
  const e = EVENTS[k % EVENTS.length]!;
  const user = `user${k % 500}@lab.test`;
  const call: XsiCall = {
    callId: `callhalf-${1000 + (k >> 3)}:0`,
    extTrackingId: `${5000 + (k >> 3)}:1`,
    personality: e.personality,
    state: e.state,
    remoteParty: {
      name: `Caller ${k % 977}`,
      address: { value: `tel:+1617555${String(k % 10000).padStart(4, '0')}`, countryCode: '1' },
      privacy: false,
      callType: 'Network',
    },
    appearance: 1,
    allowAnswer: e.state === 'Alerting',
    allowRetrieve: e.state === 'Held',
    startTime: 1_700_000_000_000 + k * 37,
    ...(e.state === 'Active' || e.state === 'Held' ? { answerTime: 1_700_000_000_500 + k * 37 } : {}),
    ...(e.state === 'Released' ? { releaseTime: 1_700_000_009_000 + k * 37 } : {}),
    recorded: false,
    allowedRecordingControls: 'record',
  };
  return {
    kind: 'event',
    requestId: String(40 + k),
    event: {
      type: 'SubscriptionEvent',
      eventID: `0f6b1c2e-3a4d-4e5f-8a9b-${String(k).padStart(12, '0')}`,
      sequenceNumber: k + 1,
      userId: user,
      externalApplicationId: 'unity-connect',
      subscriptionId: `9a8b7c6d-1111-2222-3333-${String(k % 500).padStart(12, '0')}`,
      channelId: '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11',
      targetId: user,
      eventData: { type: e.type, call } as never,
    },
  };
}

function burst(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => {
    const r = encodeCtiMessage(eventMessage(k));
    if (!r.ok) throw r.error;
    return r.value;
  });
}

const stream = createCtiStreamDecoder();

/** Framing + decode: the document arrives as one chunk of the stream; exactly one message must come out. */
function decodeThroughStream(doc: Uint8Array): CtiMessage {
  const pushed = stream.push(doc);
  if (!pushed.ok) throw pushed.error;
  const [one] = pushed.value;
  if (one === undefined || pushed.value.length !== 1) throw new Error('expected exactly one CTI message per document');
  if (!one.ok) throw one.error;
  return one.value;
}

export const cases: BenchCase[] = [
  {
    name: 'CTI burst of 100 000 call events (xsp:event + xsi:Event), framing + decode',
    bytes: burst(100_000),
    decode: decodeThroughStream,
    rawParse: (d) => rawParse(d, 'UTF-8'),
  },
];

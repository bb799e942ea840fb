import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeXsiDocument,
  encodeXsiChunk,
  encodeXsiDocument,
  type XsiDocument,
} from '../../src/codecs/xsi/documents.ts';
import { XSI_BODY_CODECS } from '../../src/codecs/xsi/bodies.ts';
import { XSI_EVENT_TYPES, type XsiEvent } from '../../src/codecs/xsi/events.ts';
import { xsiDocumentArb } from './xsi-arbitrary.ts';

const BW = 'http://schema.broadsoft.com/xsi';
const XSI_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function mustEncode(doc: XsiDocument): string {
  const r = encodeXsiDocument(doc);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

// Golden: a CallReceivedEvent in the real single-line form (cti-xsi.md §3.3, §3.4), written by us.
const CALL_RECEIVED =
  `<xsi:Event xsi1:type="xsi:SubscriptionEvent" xmlns:xsi="${BW}" xmlns:xsi1="${XSI_INSTANCE}">` +
  '<xsi:eventID>0f6b1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b</xsi:eventID><xsi:sequenceNumber>7</xsi:sequenceNumber>' +
  '<xsi:userId>alice@example.com</xsi:userId><xsi:externalApplicationId>unity-connect</xsi:externalApplicationId>' +
  '<xsi:subscriptionId>9a8b7c6d-1111-2222-3333-444455556666</xsi:subscriptionId>' +
  '<xsi:channelId>5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11</xsi:channelId><xsi:targetId>alice@example.com</xsi:targetId>' +
  '<xsi:eventData xsi1:type="xsi:CallReceivedEvent"><xsi:call><xsi:callId>callhalf-12215:0</xsi:callId>' +
  '<xsi:extTrackingId>2793:1</xsi:extTrackingId><xsi:personality>Terminator</xsi:personality><xsi:state>Alerting</xsi:state>' +
  '<xsi:remoteParty><xsi:name>Bob Jones</xsi:name><xsi:address countryCode="1">tel:+15551234567</xsi:address>' +
  '<xsi:userId>bob@example.com</xsi:userId><xsi:userDN countryCode="1">tel:+15551234567;ext=4567</xsi:userDN>' +
  '<xsi:callType>Group</xsi:callType></xsi:remoteParty><xsi:appearance>1</xsi:appearance><xsi:allowAnswer/>' +
  '<xsi:startTime>1700000000123</xsi:startTime></xsi:call></xsi:eventData></xsi:Event>';

const CALL_RECEIVED_VALUE: XsiEvent = {
  type: 'SubscriptionEvent',
  eventID: '0f6b1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  sequenceNumber: 7,
  userId: 'alice@example.com',
  externalApplicationId: 'unity-connect',
  subscriptionId: '9a8b7c6d-1111-2222-3333-444455556666',
  channelId: '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11',
  targetId: 'alice@example.com',
  eventData: {
    type: 'CallReceivedEvent',
    call: {
      callId: 'callhalf-12215:0',
      extTrackingId: '2793:1',
      personality: 'Terminator',
      state: 'Alerting',
      remoteParty: {
        name: 'Bob Jones',
        address: { value: 'tel:+15551234567', countryCode: '1' },
        userId: 'bob@example.com',
        userDN: { value: 'tel:+15551234567;ext=4567', countryCode: '1' },
        privacy: false,
        callType: 'Group',
      },
      appearance: 1,
      allowAnswer: true,
      allowRetrieve: false,
      startTime: 1700000000123,
      recorded: false,
    },
  },
};

describe('XSI-Events golden forms', () => {
  it('writes the heartbeat chunk as exactly the 97-byte document', () => {
    const r = encodeXsiChunk({ root: 'ChannelHeartBeat', body: {} });
    expect(r.ok && text(r.value)).toBe(`${DECL}<ChannelHeartBeat xmlns="${BW}"/>`);
    expect(r.ok && r.value.length).toBe(97);
  });

  it('writes the first channel chunk as declaration, newline, one-line Channel (181 bytes)', () => {
    const r = encodeXsiChunk({ root: 'Channel', body: { channelId: '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11', expires: 86400 } });
    expect(r.ok && text(r.value)).toBe(
      `${DECL}\n<Channel xmlns="${BW}"><channelId>5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11</channelId><expires>86400</expires></Channel>`,
    );
    expect(r.ok && r.value.length).toBe(181);
  });

  it('accepts ChannelHeartbeat (lower-case b) as the heartbeat', () => {
    expect(decodeXsiDocument(`${DECL}<ChannelHeartbeat xmlns="${BW}"/>`)).toEqual({ ok: true, value: { root: 'ChannelHeartBeat', body: {} } });
  });

  it('decodes the ChannelTerminatedEvent form: type on the root, only channelId and reason', () => {
    const doc =
      `${DECL}<xsi:Event xsi1:type="xsi:ChannelTerminatedEvent" xmlns:xsi="${BW}" xmlns:xsi1="${XSI_INSTANCE}">` +
      '<xsi:channelId>5d9f0f7e</xsi:channelId><xsi:reason>DuplicateChannelSet</xsi:reason></xsi:Event>';
    const expected: XsiDocument = { root: 'Event', event: { type: 'ChannelTerminatedEvent', channelId: '5d9f0f7e', reason: 'DuplicateChannelSet' } };
    expect(decodeXsiDocument(doc)).toEqual({ ok: true, value: expected });
    expect(DECL + mustEncode(expected)).toBe(doc);
  });

  it('decodes and re-encodes a CallReceivedEvent in the real form', () => {
    expect(decodeXsiDocument(DECL + '\n' + CALL_RECEIVED)).toEqual({ ok: true, value: { root: 'Event', event: CALL_RECEIVED_VALUE } });
    expect(mustEncode({ root: 'Event', event: CALL_RECEIVED_VALUE })).toBe(CALL_RECEIVED);
  });

  it('resolves by namespace URI, not prefix: swapped and default prefixes decode the same', () => {
    const swapped = CALL_RECEIVED.replaceAll('xsi1:', 'TMP:')
      .replaceAll('xsi:', 'xsi1:')
      .replaceAll('TMP:', 'xsi:')
      .replace(`xmlns:xsi="${BW}" xmlns:xsi1="${XSI_INSTANCE}"`, `xmlns:xsi1="${BW}" xmlns:xsi="${XSI_INSTANCE}"`);
    // After the swap `xsi1` is BroadWorks and `xsi` the schema-instance namespace.
    expect(swapped).toContain(`xmlns:xsi1="${BW}"`);
    expect(decodeXsiDocument(swapped)).toEqual({ ok: true, value: { root: 'Event', event: CALL_RECEIVED_VALUE } });
    const defaultNs = mustEncode({ root: 'Event', event: CALL_RECEIVED_VALUE })
      .replaceAll('xsi:', '')
      .replaceAll('xmlns:xsi=', 'xmlns=')
      .replaceAll('xsi1:type="', 'xsi1:type="xsi:')
      .replace('xmlns=', `xmlns:xsi="${BW}" xmlns=`);
    expect(defaultNs).toContain('<Event xsi1:type="xsi:SubscriptionEvent"');
    expect(decodeXsiDocument(defaultNs)).toEqual({ ok: true, value: { root: 'Event', event: CALL_RECEIVED_VALUE } });
    const foreign = CALL_RECEIVED.replace(`xmlns:xsi="${BW}"`, 'xmlns:xsi="http://schema.broadsoft.com/xsi-events"');
    const r = decodeXsiDocument(foreign);
    expect(r.ok ? 'decoded' : r.error.code).toBe('UNKNOWN_TYPE');
  });

  it('ignores elements it does not model (redirections, endpoint) and keeps what it does', () => {
    const withExtras = CALL_RECEIVED.replace(
      '<xsi:appearance>',
      '<xsi:endpoint xsi1:type="xsi:AccessEndpoint"><xsi:addressOfRecord>alice@example.com</xsi:addressOfRecord></xsi:endpoint><xsi:appearance>',
    );
    expect(decodeXsiDocument(withExtras)).toEqual({ ok: true, value: { root: 'Event', event: CALL_RECEIVED_VALUE } });
  });

  it('decodes an eventData of an unmodelled type as Unrecognized so it can still be acknowledged', () => {
    const other = CALL_RECEIVED.replace('xsi:CallReceivedEvent', 'xsi:CallParkedEvent');
    const r = decodeXsiDocument(other);
    expect(r.ok && r.value.root === 'Event' && r.value.event.type === 'SubscriptionEvent' && r.value.event.eventID).toBe(
      '0f6b1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(r.ok && r.value.root === 'Event' && r.value.event.type === 'SubscriptionEvent' && r.value.event.eventData).toEqual({
      type: 'Unrecognized',
      name: 'CallParkedEvent',
    });
  });

  it('decodes an idle CallSubscriptionEvent (hookStatus only) and a SubscriptionTerminatedEvent (empty eventData)', () => {
    const idle = CALL_RECEIVED.replace(/<xsi:eventData.*<\/xsi:eventData>/, '<xsi:eventData xsi1:type="xsi:CallSubscriptionEvent"><xsi:hookStatus>On-Hook</xsi:hookStatus></xsi:eventData>');
    const r = decodeXsiDocument(idle);
    expect(r.ok && r.value.root === 'Event' && r.value.event.type === 'SubscriptionEvent' && r.value.event.eventData).toEqual({
      type: 'CallSubscriptionEvent',
      hookStatus: 'On-Hook',
    });
    const ended = CALL_RECEIVED.replace(/<xsi:eventData.*<\/xsi:eventData>/, '<xsi:eventData xsi1:type="xsi:SubscriptionTerminatedEvent"/>');
    const t = decodeXsiDocument(ended);
    expect(t.ok && t.value.root === 'Event' && t.value.event.type === 'SubscriptionEvent' && t.value.event.eventData).toEqual({
      type: 'SubscriptionTerminatedEvent',
    });
  });

  it('reads an ISO-8859-1 ErrorInfo whose summary starts with a space', () => {
    const doc = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<ErrorInfo xmlns="${BW}"><summary> Zugriff verweigert f\u00fcr Ger\u00e4t</summary><summaryEnglish> Access denied</summaryEnglish><errorCode>8251</errorCode></ErrorInfo>`;
    const bytes = Uint8Array.from(doc, (c) => c.charCodeAt(0));
    expect(decodeXsiDocument(bytes)).toEqual({
      ok: true,
      value: { root: 'ErrorInfo', body: { summary: ' Zugriff verweigert für Gerät', summaryEnglish: ' Access denied', errorCode: 8251 } },
    });
  });

  it('reads a voicemail list with flags, a server-relative messageId and no optional parts', () => {
    const doc =
      `<VoiceMessagingMessages xmlns="${BW}"><messageInfoList><messageInfo><duration>5000</duration>` +
      '<callingPartyInfo><name>Bob</name><address countryCode="1">tel:+15551234567</address></callingPartyInfo>' +
      '<read/><urgent/><time>1700000000000</time>' +
      '<messageId>/v2.0/user/alice@example.com/VoiceMessagingMessages/7e1a</messageId></messageInfo>' +
      '<messageInfo><time>1700000001000</time></messageInfo></messageInfoList></VoiceMessagingMessages>';
    const r = decodeXsiDocument(doc);
    expect(r).toEqual({
      ok: true,
      value: {
        root: 'VoiceMessagingMessages',
        body: {
          messageInfoList: {
            messageInfo: [
              {
                duration: 5000,
                callingPartyInfo: { name: 'Bob', address: { value: 'tel:+15551234567', countryCode: '1' }, privacy: false },
                read: true,
                urgent: true,
                confidential: false,
                video: false,
                fax: false,
                time: 1700000000000,
                messageId: '/v2.0/user/alice@example.com/VoiceMessagingMessages/7e1a',
              },
              { read: false, urgent: false, confidential: false, video: false, fax: false, time: 1700000001000 },
            ],
          },
        },
      },
    });
    if (r.ok) expect(mustEncode(r.value)).toBe(doc);
  });

  it('names the missing or invalid field in a typed error without quoting values', () => {
    const noSeq = CALL_RECEIVED.replace('<xsi:sequenceNumber>7</xsi:sequenceNumber>', '');
    const a = decodeXsiDocument(noSeq);
    expect(a.ok ? 'decoded' : [a.error.code, a.error.detail?.field]).toEqual(['MISSING_FIELD', 'sequenceNumber']);
    // A call event whose state is outside CallState: the envelope still reads (so the event can be
    // acknowledged as dropped), the eventData says which element was wrong, never its value.
    const badState = CALL_RECEIVED.replace('<xsi:state>Alerting</xsi:state>', '<xsi:state>secret-state-value</xsi:state>');
    const b = decodeXsiDocument(badState);
    const data = b.ok && b.value.root === 'Event' && b.value.event.type === 'SubscriptionEvent' ? b.value.event.eventData : undefined;
    expect(data).toMatchObject({ type: 'Unreadable', name: 'CallReceivedEvent', code: 'INVALID_FIELD' });
    expect(data?.type === 'Unreadable' && data.message).toMatch(/<state>/);
    expect(JSON.stringify(data)).not.toContain('secret-state-value');
  });
});

describe('XSI round trips', () => {
  it('decode(encode(x)) = x for every event type and every document root', () => {
    fc.assert(
      fc.property(xsiDocumentArb, (doc) => {
        const chunk = encodeXsiChunk(doc);
        expect(chunk.ok).toBe(true);
        if (chunk.ok) expect(decodeXsiDocument(chunk.value)).toEqual({ ok: true, value: doc });
      }),
      { numRuns: 300 },
    );
  });

  it('covers every eventData type and every body root in the generators', () => {
    const seen = new Set<string>();
    fc.sample(xsiDocumentArb, 3000).forEach((d) => {
      seen.add(d.root === 'Event' ? (d.event.type === 'SubscriptionEvent' ? d.event.eventData.type : d.event.type) : d.root);
    });
    for (const t of [...XSI_EVENT_TYPES, ...Object.keys(XSI_BODY_CODECS), 'ChannelTerminatedEvent', 'ErrorEvent']) expect(seen).toContain(t);
  });

  it('only ever gives a document or a typed error for mutated bytes', () => {
    fc.assert(
      fc.property(
        xsiDocumentArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        (doc, mutations) => {
          const chunk = encodeXsiChunk(doc);
          if (!chunk.ok) return;
          const bytes = chunk.value.slice();
          for (const [at, v] of mutations) bytes[at % bytes.length] = v;
          const r = decodeXsiDocument(bytes);
          if (!r.ok) expect(typeof r.error.code).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an entity bomb, a 100 000-deep nesting and an oversized document quickly, with their codes', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><ErrorInfo xmlns="${'http://schema.broadsoft.com/xsi'}"><summaryEnglish>&lol2;</summaryEnglish><errorCode>1</errorCode></ErrorInfo>`;
    const a = decodeXsiDocument(bomb);
    expect(a.ok ? 'decoded' : a.error.code).toBe('DOCTYPE_REFUSED');
    const deep = decodeXsiDocument('<a>'.repeat(100_000) + '</a>'.repeat(100_000));
    expect(deep.ok ? 'decoded' : deep.error.code).toBe('TOO_DEEP');
    const big = decodeXsiDocument(`<ErrorInfo xmlns="http://schema.broadsoft.com/xsi"><summaryEnglish>${'x'.repeat(5000)}</summaryEnglish><errorCode>1</errorCode></ErrorInfo>`, { maxBytes: 4096 });
    expect(big.ok ? 'decoded' : big.error.code).toBe('TOO_LARGE');
  });

  it('refuses to encode text XML cannot carry, with a typed error', () => {
    const r = encodeXsiDocument({ root: 'CallStartInfo', body: { callId: 'a\u0001b', externalTrackingId: 'x' } });
    expect(r.ok ? 'encoded' : [r.error.code, r.error.detail?.field]).toEqual(['INVALID_FIELD', 'callId']);
  });
});

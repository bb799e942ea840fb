// XSI-Actions and XSI-Events channel golden documents (golden/actions, golden/channel; written by
// hand from the XSI R23 schema and checked with xmllint against XSISchema.xsd before they were
// committed): each passes the shape rules and decodes to the values asserted here; the XSI client,
// fed the golden bodies as its server's answers, gives its callers the values they depend on.
import { readFileSync } from 'node:fs';
import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createXsiClient } from '../../../src/adapters/xsi/xsi-client.ts';
import { decodeBusyLampField } from '../../../src/codecs/xsi/busy-lamp-field.ts';
import { decodeXsiDocument, encodeXsiDocument, type XsiDocument } from '../../../src/codecs/xsi/documents.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import type { HttpsRequestOptions, HttpsResponse } from '../../../src/effects/https-request.ts';
import { formatFindings, schemaSet } from '../shape/index.ts';
import { xsiSchema } from './xsi-rules.ts';

const rules = schemaSet(xsiSchema);
const golden = (path: string): string => readFileSync(new URL(`./golden/${path}`, import.meta.url), 'utf8');

function decode(xml: string): XsiDocument {
  const r = decodeXsiDocument(xml);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const MESSAGE_ID = '/v2.0/user/alice@example.com/VoiceMessagingMessages/6a2c5a34-0f55-4a41-9b7e-2b1d6f0c9e11';
const ENTRY_40 = {
  callId: 'callhalf-40:0',
  extTrackingId: '40:1',
  remoteParty: { name: 'Waiting Caller', address: { value: 'tel:+15550005555' }, privacy: false },
  addTime: 1700000100000,
  acdName: 'Sales',
  acdNumber: { value: 'tel:+15550009000' },
  acdPriority: '2-Medium',
};
const ENTRY_42 = { callId: 'callhalf-42:0', extTrackingId: '42:1', remoteParty: { privacy: false }, addTime: 1700000120000, acdName: 'Sales', acdNumber: { value: 'tel:+15550009000' } };
const FLAGS_OFF = { read: false, urgent: false, confidential: false, video: false, fax: false };

const EXPECTED: Record<string, XsiDocument> = {
  'actions/VoiceMessagingMessages.min.xml': { root: 'VoiceMessagingMessages', body: { messageInfoList: { messageInfo: [] } } },
  'actions/VoiceMessagingMessages.full.xml': {
    root: 'VoiceMessagingMessages',
    body: {
      messageInfoList: {
        messageInfo: [
          {
            duration: 12000,
            callingPartyInfo: { name: 'Dana Whitfield', userId: 'dana@example.com', address: { value: 'tel:+441632960101', countryCode: '44' }, privacy: true },
            read: true,
            urgent: true,
            confidential: true,
            video: true,
            fax: true,
            time: 1700000500000,
            faxPageCount: 2,
            messageId: MESSAGE_ID,
          },
          { ...FLAGS_OFF, time: 1700000600000 },
        ],
      },
    },
  },
  'actions/VoiceMessage.min.xml': {
    root: 'VoiceMessage',
    body: { messageInfo: { ...FLAGS_OFF, time: 1700000600000 }, messageMediaContent: { description: 'Voice message', mediaType: 'WAV', content: 'UklGRg==' } },
  },
  'actions/VoiceMessage.full.xml': {
    root: 'VoiceMessage',
    body: {
      messageInfo: {
        ...FLAGS_OFF,
        duration: 3000,
        callingPartyInfo: { name: 'Reception', address: { value: 'tel:+441632960102' }, privacy: false },
        urgent: true,
        time: 1700000700000,
        messageId: '/v2.0/user/alice@example.com/VoiceMessagingMessages/0b1c2d3e-4f50-4617-a8b9-cadbecfd0e1f',
      },
      messageMediaContent: { description: 'Message from Reception', mediaType: 'MP3', content: 'SUQz\nBAAAAAAA' },
    },
  },
  'actions/VoiceMailMessageSummary.min.xml': { root: 'VoiceMailMessageSummary', body: { summary: {} } },
  'actions/VoiceMailMessageSummary.full.xml': { root: 'VoiceMailMessageSummary', body: { summary: { newMessages: 4, oldMessages: 10, newUrgentMessages: 1, oldUrgentMessages: 2 } } },
  'actions/Calls.min.xml': { root: 'Calls', body: { call: [] } },
  'actions/Calls.full.xml': {
    root: 'Calls',
    body: { call: [{ callId: 'callhalf-22519:0', uri: '/v2.0/user/alice@example.com/calls/callhalf-22519:0' }, { callId: 'callhalf-22520:0' }] },
  },
  'actions/CallStartInfo.min.xml': { root: 'CallStartInfo', body: { callId: 'callhalf-22600:0', externalTrackingId: '301:1' } },
  'actions/CallRecording.min.xml': { root: 'CallRecording', body: {} },
  'actions/CallRecording.full.xml': { root: 'CallRecording', body: { recordingMode: 'always-pause-resume' } },
  'actions/CallCenter.min.xml': { root: 'CallCenter', body: {} },
  'actions/CallCenter.full.xml': {
    root: 'CallCenter',
    body: {
      agentACDState: 'Sign-Out',
      agentUnavailableCode: 'BREAK',
      callCenterList: {
        callCenterDetails: [
          { serviceUserId: 'sales@example.com', available: true, phoneNumber: '5550009000', extension: '9000', type: 'Premium', priority: '1', isLogOffAllowed: false, skillLevel: 2 },
          {},
        ],
      },
    },
  },
  'actions/CallCenter.request.xml': { root: 'CallCenter', body: { agentACDState: 'Available' } },
  'actions/ACDQueue.min.xml': { root: 'ACDQueue', body: {} },
  'actions/ACDQueue.full.xml': { root: 'ACDQueue', body: { queueEntries: { queueEntry: [ENTRY_40, ENTRY_42] } } },
  'actions/ErrorInfo.min.xml': { root: 'ErrorInfo', body: { summaryEnglish: 'User not found', errorCode: 4008 } },
  'actions/ErrorInfo.full.xml': { root: 'ErrorInfo', body: { summary: ' [Error 4410] Not authorized', summaryEnglish: ' [Error 4410] Not authorized', errorCode: 4410 } },
  'channel/Channel.request.full.xml': { root: 'Channel', body: { channelSetId: 'uc-set-alice', priority: 1, weight: 50, expires: 3600, applicationId: 'unity-connect' } },
  'channel/Channel.response.min.xml': { root: 'Channel', body: {} },
  'channel/Channel.response.full.xml': {
    root: 'Channel',
    body: { channelId: '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11', channelSetId: 'uc-set-alice', priority: 1, weight: 50, expires: 86400, applicationId: 'unity-connect' },
  },
  'channel/ChannelHeartBeat.min.xml': { root: 'ChannelHeartBeat', body: {} },
  'channel/Subscription.request.full.xml': { root: 'Subscription', body: { event: 'Advanced Call', expires: 3600, channelSetId: 'uc-set-alice', applicationId: 'unity-connect' } },
  'channel/Subscription.response.min.xml': { root: 'Subscription', body: {} },
  'channel/Subscription.response.full.xml': {
    root: 'Subscription',
    body: {
      subscriptionId: '0d4c3b2a-1111-4222-8333-444455556666',
      sharedSubscriptionId: '9e8d7c6b-aaaa-4bbb-8ccc-ddddeeeeffff',
      subscriberId: 'alice@example.com',
      targetIdType: 'User',
      targetGrpParentId: 'SP-1',
      targetId: 'bob@example.com',
      targetSubId: 'line-2',
      eventPackageList: { event: ['Basic Call', 'Call Center Agent'] },
      expires: 86400,
      httpContact: { uri: 'https://app.example.com/events' },
      applicationId: 'unity-connect',
    },
  },
  'channel/EventResponse.full.xml': { root: 'EventResponse', body: { eventID: '4b7e0c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c', statusCode: 200, reason: 'OK' } },
};

/** Without the declaration and the whitespace between elements: how two one-line forms compare. */
const canonical = (xml: string): string => xml.replace(/^<\?xml[^>]*\?>/, '').replace(/<!--.*?-->/gs, '').replace(/>\s+</g, '><').trim();

describe('XSI-Actions and channel golden documents (XSI R23)', () => {
  it.each(Object.keys(EXPECTED))('%s passes the shape rules and decodes to its values', (file) => {
    const xml = golden(file);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decode(xml)).toEqual(EXPECTED[file]);
  });

  it.each(['BusyLampField.min.xml', 'BusyLampField.full.xml'])('%s passes the shape rules', (file) => {
    const xml = golden(`actions/${file}`);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
  });

  it('reads the BusyLampField list: every monitored user with the details shown, a nil name as none', () => {
    expect(decodeBusyLampField(golden('actions/BusyLampField.min.xml'))).toEqual({ ok: true, value: { users: [] } });
    expect(decodeBusyLampField(golden('actions/BusyLampField.full.xml'))).toEqual({
      ok: true,
      value: {
        listURI: 'sip:blf-alice@example.com',
        users: [
          { userId: 'bob@example.com', externalId: 'ext-7', firstName: 'Bob', lastName: 'Jones', groupId: 'G-Lab', serviceProvider: { value: 'ENT-1', isEnterprise: 'true' }, number: '6175552901', extension: '2901' },
          { userId: 'carol@example.com' },
        ],
      },
    });
  });

  it('writes the request bodies the client sends exactly as the golden forms', () => {
    for (const file of ['actions/CallCenter.request.xml', 'channel/Channel.request.full.xml', 'channel/Subscription.request.full.xml', 'channel/EventResponse.full.xml']) {
      const encoded = encodeXsiDocument(EXPECTED[file]!);
      expect(encoded.ok && canonical(encoded.value)).toBe(canonical(golden(file)));
    }
  });
});

// ---------------------------------------------------------------- the XSI client over golden answers

const BASE = 'https://xsp.example.com';
const ALICE = 'alice@example.com';

/** An XSI client whose server answers each path with a golden document (or a given status). */
function clientAnswering(answers: Record<string, { status?: number; file?: string }>) {
  const sent: Array<{ method: string; path: string; body?: string }> = [];
  const request = (options: HttpsRequestOptions) => {
    const path = options.url.slice(BASE.length);
    sent.push({ method: options.method ?? 'GET', path, ...(options.body !== undefined ? { body: String(options.body) } : {}) });
    const answer = answers[`${options.method ?? 'GET'} ${path}`];
    const body = answer?.file ? new TextEncoder().encode(golden(answer.file)) : new Uint8Array();
    return of<HttpsResponse>({ status: answer?.status ?? (answer ? 200 : 404), headers: {}, body });
  };
  const client = createXsiClient({ baseUrl: BASE, credentials: () => ({ userId: ALICE, password: 'pw' }), resolver: createHostMapResolver({}), request });
  return { client, sent };
}

const A = `/com.broadsoft.xsi-actions/v2.0/user/${ALICE}`;

describe('the XSI client over the golden forms', () => {
  it('reads voicemail, the MWI counts (absent = 0), the calls and the recording mode (absent = null)', async () => {
    const full = clientAnswering({
      [`GET ${A}/VoiceMessagingMessages`]: { file: 'actions/VoiceMessagingMessages.full.xml' },
      [`GET ${A}/calls/MessageSummary`]: { file: 'actions/VoiceMailMessageSummary.full.xml' },
      [`GET ${A}/calls`]: { file: 'actions/Calls.full.xml' },
      [`GET ${A}/services/CallRecording`]: { file: 'actions/CallRecording.full.xml' },
      [`GET /com.broadsoft.xsi-actions${MESSAGE_ID}`]: { file: 'actions/VoiceMessage.full.xml' },
    }).client;
    const list = await full.voicemail();
    expect(list.ok && list.value.map((m) => [m.id, m.time, m.urgent])).toEqual([
      ['6a2c5a34-0f55-4a41-9b7e-2b1d6f0c9e11', 1700000500000, true],
      ['', 1700000600000, false],
    ]);
    const media = await full.voicemailMessage(MESSAGE_ID);
    expect(media.ok && [media.value.mediaType, media.value.description, Buffer.from(media.value.content).subarray(0, 3).toString()]).toEqual(['MP3', 'Message from Reception', 'ID3']);
    expect(await full.messageSummary()).toEqual({ ok: true, value: { newMessages: 4, oldMessages: 10, newUrgentMessages: 1, oldUrgentMessages: 2 } });
    expect(await full.calls()).toEqual({ ok: true, value: ['callhalf-22519:0', 'callhalf-22520:0'] });
    expect(await full.recordingMode()).toEqual({ ok: true, value: 'always-pause-resume' });

    const min = clientAnswering({
      [`GET ${A}/VoiceMessagingMessages`]: { file: 'actions/VoiceMessagingMessages.min.xml' },
      [`GET ${A}/calls/MessageSummary`]: { file: 'actions/VoiceMailMessageSummary.min.xml' },
      [`GET ${A}/calls`]: { file: 'actions/Calls.min.xml' },
      [`GET ${A}/services/CallRecording`]: { file: 'actions/CallRecording.min.xml' },
    }).client;
    expect(await min.voicemail()).toEqual({ ok: true, value: [] });
    expect(await min.messageSummary()).toEqual({ ok: true, value: { newMessages: 0, oldMessages: 0, newUrgentMessages: 0, oldUrgentMessages: 0 } });
    expect(await min.calls()).toEqual({ ok: true, value: [] });
    expect(await min.recordingMode()).toEqual({ ok: true, value: null });
  });

  it('reads the agent state and queue in both forms and sends the CallCenter body as the golden request', async () => {
    const q = '/com.broadsoft.xsi-actions/v2.0/callcenter/sales@example.com/calls';
    const full = clientAnswering({
      [`GET ${A}/services/CallCenter`]: { file: 'actions/CallCenter.full.xml' },
      [`PUT ${A}/services/CallCenter`]: {},
      [`GET ${q}`]: { file: 'actions/ACDQueue.full.xml' },
    });
    const state = await full.client.agentState();
    // A callCenterDetails without its (optional) serviceUserId names no call center to ask about: left out.
    expect(state.ok && state.value).toEqual({
      agentACDState: 'Sign-Out',
      agentUnavailableCode: 'BREAK',
      callCenterList: { callCenterDetails: [{ serviceUserId: 'sales@example.com', available: true, phoneNumber: '5550009000', extension: '9000', type: 'Premium', priority: '1', isLogOffAllowed: false, skillLevel: 2 }] },
    });
    expect(await full.client.queue('sales@example.com')).toEqual({ ok: true, value: [ENTRY_40, ENTRY_42] });
    expect((await full.client.setAgentState('Available')).ok).toBe(true);
    const put = full.sent.find((s) => s.method === 'PUT');
    expect(rules.check(put!.body!)).toEqual([]);
    expect(canonical(put!.body!)).toBe(canonical(golden('actions/CallCenter.request.xml')));

    const min = clientAnswering({ [`GET ${A}/services/CallCenter`]: { file: 'actions/CallCenter.min.xml' }, [`GET ${q}`]: { file: 'actions/ACDQueue.min.xml' } }).client;
    expect(await min.agentState()).toEqual({ ok: true, value: {} });
    expect(await min.queue('sales@example.com')).toEqual({ ok: true, value: [] });
  });

  it('reads the BusyLampField list as the monitored user ids, and an ErrorInfo answer as a typed failure', async () => {
    const c = clientAnswering({
      [`GET ${A}/services/BusyLampField`]: { file: 'actions/BusyLampField.full.xml' },
      [`GET ${A}/services/CallRecording`]: { status: 403, file: 'actions/ErrorInfo.full.xml' },
      [`GET ${A}/calls`]: { status: 404, file: 'actions/ErrorInfo.min.xml' },
    }).client;
    expect(await c.busyLampField()).toEqual({ ok: true, value: ['bob@example.com', 'carol@example.com'] });
    expect(await c.recordingMode()).toMatchObject({ ok: false, error: { kind: 'server-error', status: 403, errorCode: 4410, summary: '[Error 4410] Not authorized' } });
    expect(await c.calls()).toMatchObject({ ok: false, error: { kind: 'server-error', status: 404, errorCode: 4008, summary: 'User not found' } });
    const empty = clientAnswering({ [`GET ${A}/services/BusyLampField`]: { file: 'actions/BusyLampField.min.xml' } }).client;
    expect(await empty.busyLampField()).toEqual({ ok: true, value: [] });
  });
});

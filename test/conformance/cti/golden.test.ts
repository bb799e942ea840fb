// CTI / XSP golden documents (golden/requests, golden/responses, golden/messages; written by hand
// from XspXMLInterface.xsd and the CTI schema and checked with xmllint against CTISchema.xsd
// before they were committed): each passes the shape rules and decodes to the values asserted
// here; every request form the client sends is byte for byte what its encoder writes; and the CTI
// link, answered with the golden responses and events, acts on them and acknowledges as the
// schema says.
import { readFileSync } from 'node:fs';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCtiLink, type CtiLinkEvent } from '../../../src/adapters/cti/cti-link.ts';
import { CTI_COMMAND_NAMES, type CtiCommandName } from '../../../src/codecs/cti/commands.ts';
import type { CtiCommand, CtiMessage, CtiRequest } from '../../../src/codecs/cti/messages.ts';
import { decodeCtiMessage, encodeCtiMessage } from '../../../src/codecs/cti/stream.ts';
import type { ByteSocket } from '../../../src/effects/byte-socket.ts';
import { formatFindings } from '../shape/index.ts';
import { ctiSchemaSet as rules } from './cti-rules.ts';

const golden = (path: string): string => readFileSync(new URL(`./golden/${path}`, import.meta.url), 'utf8');
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function decode(xml: string): CtiMessage {
  const r = decodeCtiMessage(xml);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const ALICE = 'alice@example.com';
const CALL = 'callhalf-5:0';
const CHANNEL = '5d9f0f7e-8a4c-4d1e-9a3b-2f6c1b0e7a11';
const SUB = '0d4c3b2a-1111-4222-8333-444455556666';
const MIN_AUTH = { credentials: 'YWxpY2VAZXhhbXBsZS5jb206cHc=' };
const SENT_AUTH = { credentials: 'YWxpY2VAZXhhbXBsZS5jb206UzNjcjN0' };

/** The minimal request forms: no version attribute (its schema default, 18.0, is read), required parameters only. */
const MIN_COMMANDS: Record<CtiCommandName, CtiCommand> = {
  AddChannelRequest: { name: 'AddChannelRequest', params: {}, version: '22.0', payload: { root: 'Channel', body: {} } },
  UpdateChannelRequest: { name: 'UpdateChannelRequest', params: { channelId: 'ch-1' }, version: '22.0', payload: { root: 'Channel', body: {} } },
  DeleteChannelRequest: { name: 'DeleteChannelRequest', params: { channelId: 'ch-1' }, version: '22.0' },
  AddUserSubscriptionRequest: { name: 'AddUserSubscriptionRequest', params: { userId: 'bob@example.com' }, version: '22.0', payload: { root: 'Subscription', body: {} } },
  UpdateSubscriptionRequest: { name: 'UpdateSubscriptionRequest', params: { subscriptionId: 'sub-1' }, version: '22.0', payload: { root: 'Subscription', body: {} } },
  DeleteSubscriptionRequest: { name: 'DeleteSubscriptionRequest', params: { subscriptionId: 'sub-1' }, version: '22.0' },
  DialRequest: { name: 'DialRequest', params: { subscriberid: ALICE, address: '2901' }, version: '22.0' },
  TalkRequest: { name: 'TalkRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  HoldRequest: { name: 'HoldRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  ReleaseRequest: { name: 'ReleaseRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  BlindTransferRequest: { name: 'BlindTransferRequest', params: { subscriberid: ALICE, callid: CALL, address: 'tel:+15550004444' }, version: '22.0' },
  ConsultativeTransferRequest: { name: 'ConsultativeTransferRequest', params: { subscriberid: ALICE, callid1: CALL, callid2: 'callhalf-6:0' }, version: '22.0' },
  RetrieveCallIdInfoListRequest: { name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE }, version: '22.0' },
  // callId is optional in RecordRequest: here only the uri names the call, and the decoder reads it from there.
  RecordRequest: { name: 'RecordRequest', params: { subscriberid: ALICE, callId: CALL }, version: '22.0' },
  PauseRecordingRequest: { name: 'PauseRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  ResumeRecordingRequest: { name: 'ResumeRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  StopRecordingRequest: { name: 'StopRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  GetAgentStateRequest: { name: 'GetAgentStateRequest', params: { subscriberid: ALICE }, version: '22.0' },
  SetAgentStateRequest: { name: 'SetAgentStateRequest', params: { subscriberid: ALICE }, version: '22.0', payload: { root: 'CallCenter', body: {} } },
  GetACDRequest: { name: 'GetACDRequest', params: { callcenterid: 'sales@example.com' }, version: '22.0' },
};

/** The full request forms: what the client writes (version attribute, every optional parameter, the bodies it sends). */
const FULL_COMMANDS: Record<CtiCommandName, CtiCommand> = {
  AddChannelRequest: {
    name: 'AddChannelRequest',
    params: {},
    version: '22.0',
    payload: { root: 'Channel', body: { channelSetId: 'uc-set-alice', priority: 1, weight: 50, expires: 3600, applicationId: 'unity-connect' } },
  },
  UpdateChannelRequest: { name: 'UpdateChannelRequest', params: { channelId: CHANNEL }, version: '22.0', payload: { root: 'Channel', body: { expires: 3600 } } },
  DeleteChannelRequest: { name: 'DeleteChannelRequest', params: { channelId: CHANNEL }, version: '22.0' },
  AddUserSubscriptionRequest: {
    name: 'AddUserSubscriptionRequest',
    params: { userId: 'bob@example.com' },
    version: '22.0',
    payload: { root: 'Subscription', body: { event: 'Basic Call', expires: 3600, channelSetId: 'uc-set-alice', applicationId: 'unity-connect' } },
  },
  UpdateSubscriptionRequest: { name: 'UpdateSubscriptionRequest', params: { subscriptionId: SUB }, version: '22.0', payload: { root: 'Subscription', body: { expires: 3600 } } },
  DeleteSubscriptionRequest: { name: 'DeleteSubscriptionRequest', params: { subscriptionId: SUB }, version: '22.0' },
  DialRequest: {
    name: 'DialRequest',
    params: {
      subscriberid: ALICE,
      address: 'tel:+15550009999',
      clid: '6175552900',
      location: 'BroadWorksAnywhere',
      locationAddress: '+15557770000',
      info: 'sales call',
      conferenceId: '77',
      pin: '1234',
    },
    version: '22.0',
  },
  TalkRequest: { name: 'TalkRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  HoldRequest: { name: 'HoldRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  ReleaseRequest: { name: 'ReleaseRequest', params: { subscriberid: ALICE, callid: CALL, decline: 'true' }, version: '22.0' },
  BlindTransferRequest: { name: 'BlindTransferRequest', params: { subscriberid: ALICE, callid: CALL, address: '+15550004444' }, version: '22.0' },
  ConsultativeTransferRequest: { name: 'ConsultativeTransferRequest', params: { subscriberid: ALICE, callid1: CALL, callid2: 'callhalf-6:0' }, version: '22.0' },
  RetrieveCallIdInfoListRequest: { name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE }, version: '22.0' },
  RecordRequest: { name: 'RecordRequest', params: { subscriberid: ALICE, callId: CALL }, version: '22.0' },
  PauseRecordingRequest: { name: 'PauseRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  ResumeRecordingRequest: { name: 'ResumeRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  StopRecordingRequest: { name: 'StopRecordingRequest', params: { subscriberid: ALICE, callid: CALL }, version: '22.0' },
  GetAgentStateRequest: { name: 'GetAgentStateRequest', params: { subscriberid: ALICE }, version: '22.0' },
  SetAgentStateRequest: {
    name: 'SetAgentStateRequest',
    params: { subscriberid: ALICE },
    version: '22.0',
    payload: { root: 'CallCenter', body: { agentACDState: 'Unavailable', agentUnavailableCode: 'LUNCH' } },
  },
  GetACDRequest: { name: 'GetACDRequest', params: { callcenterid: 'sales@example.com' }, version: '22.0' },
};

/** The full forms' other xsp:request fields (ssoCredentials / authorization appear where the lab must read them). */
function fullRequest(name: CtiCommandName): CtiRequest {
  const base = { kind: 'request' as const, version: '18.0', sessionId: 'uc-cti-1', command: FULL_COMMANDS[name] };
  if (name === 'DeleteSubscriptionRequest') return { ...base, requestId: '8', auth: { ssoCredentials: 'dG9rZW4tNjA=' } };
  if (name === 'GetACDRequest') return { ...base, requestId: '9', auth: { authorization: 'Basic YWxpY2VAZXhhbXBsZS5jb206UzNjcjN0' } };
  return { ...base, requestId: '7', auth: SENT_AUTH };
}

describe('CTI requests: golden forms (CTISchema request elements in xsp:request)', () => {
  it.each(CTI_COMMAND_NAMES)('%s minimal form passes the rules and decodes to its values', (name) => {
    const xml = golden(`requests/${name}.min.xml`);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decode(xml)).toEqual({ kind: 'request', version: '18.0', requestId: '1', sessionId: 's-1', auth: MIN_AUTH, command: MIN_COMMANDS[name] });
  });

  it.each(CTI_COMMAND_NAMES)('%s full form passes the rules, decodes to its values, and is exactly what the encoder writes', (name) => {
    const xml = golden(`requests/${name}.full.xml`);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decode(xml)).toEqual(fullRequest(name));
    const written = encodeCtiMessage(fullRequest(name));
    expect(written.ok && text(written.value)).toBe(xml);
  });
});

const RESPONSE_HEAD = { kind: 'response' as const, requestId: '7', sessionId: 'uc-cti-1' };
const RESPONSES: Record<string, CtiMessage> = {
  'empty.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK' },
  'emptyPayload.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK' },
  'unauthorized.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 401, reason: 'Unauthorized' },
  'Channel.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK', payload: { root: 'Channel', body: { channelId: CHANNEL } } },
  'Channel.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 200,
    reason: 'OK',
    payload: { root: 'Channel', body: { channelId: CHANNEL, channelSetId: 'uc-set-alice', priority: 1, weight: 50, expires: 86400, applicationId: 'unity-connect' } },
  },
  'Subscription.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK', payload: { root: 'Subscription', body: { subscriptionId: SUB } } },
  'Subscription.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 200,
    reason: 'OK',
    payload: {
      root: 'Subscription',
      body: { subscriptionId: SUB, subscriberId: ALICE, targetIdType: 'User', targetId: 'bob@example.com', event: 'Basic Call', expires: 7200, channelSetId: 'uc-set-alice', applicationId: 'unity-connect' },
    },
  },
  'CallStartInfo.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 201, reason: 'Created', payload: { root: 'CallStartInfo', body: { callId: 'callhalf-22600:0', externalTrackingId: '301:1' } } },
  'Calls.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK', payload: { root: 'Calls', body: { call: [] } } },
  'Calls.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 200,
    reason: 'OK',
    payload: { root: 'Calls', body: { call: [{ callId: CALL, uri: `/v2.0/user/${ALICE}/calls/${CALL}` }, { callId: 'callhalf-6:0' }] } },
  },
  'CallCenter.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK', payload: { root: 'CallCenter', body: {} } },
  'CallCenter.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 200,
    reason: 'OK',
    payload: {
      root: 'CallCenter',
      body: { agentACDState: 'Available', agentUnavailableCode: 'LUNCH', callCenterList: { callCenterDetails: [{ serviceUserId: 'sales@example.com', available: true, phoneNumber: '5550009000', extension: '9000' }] } },
    },
  },
  'ACDQueue.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 200, reason: 'OK', payload: { root: 'ACDQueue', body: {} } },
  'ACDQueue.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 200,
    reason: 'OK',
    payload: {
      root: 'ACDQueue',
      body: {
        queueEntries: {
          queueEntry: [
            { callId: 'callhalf-42:0', extTrackingId: '42:1', remoteParty: { name: 'Waiting', privacy: false }, addTime: 1700000120000, acdName: 'Sales', acdNumber: { value: 'tel:+15550009000', countryCode: '1' } },
          ],
        },
      },
    },
  },
  'ErrorInfo.min.xml': { ...RESPONSE_HEAD, version: '17.0', statusCode: 404, reason: 'Not Found', payload: { root: 'ErrorInfo', body: { summaryEnglish: 'Call not found', errorCode: 4008 } } },
  'ErrorInfo.full.xml': {
    ...RESPONSE_HEAD,
    version: '17.0',
    statusCode: 403,
    reason: 'Forbidden',
    payload: { root: 'ErrorInfo', body: { summary: ' [Error 4410] Not authorized for this subscriber', summaryEnglish: ' [Error 4410] Not authorized for this subscriber', errorCode: 4410 } },
  },
};

const ENVELOPE = {
  type: 'SubscriptionEvent' as const,
  eventID: 'e1e1e1e1-0000-4000-8000-000000000001',
  sequenceNumber: 3,
  userId: ALICE,
  externalApplicationId: 'unity-connect',
  subscriptionId: SUB,
};
const MESSAGES: Record<string, CtiMessage> = {
  'event.min.xml': { kind: 'event', version: '17.0', requestId: '40', event: { ...ENVELOPE, eventData: { type: 'HookStatusEvent', hookStatus: 'Off-Hook' } } },
  'event.full.xml': {
    kind: 'event',
    version: '17.0',
    requestId: '41',
    event: {
      ...ENVELOPE,
      channelId: CHANNEL,
      targetId: 'bob@example.com',
      eventData: {
        type: 'CallUpdatedEvent',
        call: {
          callId: 'callhalf-9:0',
          extTrackingId: '19:1',
          personality: 'Originator',
          state: 'Active',
          remoteParty: { name: 'Carol', address: { value: 'tel:2903' }, userId: 'carol@example.com', privacy: false, callType: 'Group' },
          appearance: 1,
          allowAnswer: false,
          allowRetrieve: false,
          startTime: 1700000000000,
          answerTime: 1700000003000,
          recorded: true,
          allowedRecordingControls: 'pause-stop',
          recordingState: 'Started',
        },
      },
    },
  },
  'event.ChannelTerminatedEvent.xml': { kind: 'event', version: '17.0', requestId: '42', event: { type: 'ChannelTerminatedEvent', channelId: CHANNEL, reason: 'ExplicitDelete' } },
  'eventResponse.min.xml': { kind: 'eventResponse', version: '17.0', requestId: '40', eventResponse: { eventID: ENVELOPE.eventID, statusCode: 400, reason: 'Bad Request' } },
  'eventResponse.full.xml': { kind: 'eventResponse', version: '17.0', requestId: '40', eventResponse: { eventID: ENVELOPE.eventID, statusCode: 200, reason: 'OK' } },
  'keepalive.min.xml': { kind: 'keepalive', version: '17.0', requestId: '5', period: 300 },
  'keepalive.full.xml': { kind: 'keepalive', version: '17.0', requestId: '5', period: 300 },
  'keepaliveResponse.min.xml': { kind: 'keepaliveResponse', version: '17.0', requestId: '5' },
  'keepaliveResponse.full.xml': { kind: 'keepaliveResponse', version: '17.0', requestId: '5' },
};

describe('CTI responses, events, acknowledgements and keepalives: golden forms (XspXMLInterface.xsd)', () => {
  it.each(Object.keys(RESPONSES))('responses/%s passes the rules and decodes to its values', (file) => {
    const xml = golden(`responses/${file}`);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decode(xml)).toEqual(RESPONSES[file]);
  });

  it.each(Object.keys(MESSAGES))('messages/%s passes the rules and decodes to its values', (file) => {
    const xml = golden(`messages/${file}`);
    expect(rules.check(xml), formatFindings(rules.check(xml))).toEqual([]);
    expect(decode(xml)).toEqual(MESSAGES[file]);
  });

  it('writes the eventResponse, keepalive (client) and keepaliveResponse (lab) full forms exactly', () => {
    for (const file of ['eventResponse.full.xml', 'keepalive.full.xml', 'keepaliveResponse.full.xml']) {
      const written = encodeCtiMessage(MESSAGES[file]!);
      expect(written.ok && text(written.value)).toBe(golden(`messages/${file}`));
    }
  });
});

// ---------------------------------------------------------------- the CTI link over golden answers

/** A connection whose peer answers each request with the golden response chosen for its element. */
function goldenServer(answers: Partial<Record<CtiCommandName, string>>) {
  const inbound = new Subject<Uint8Array>();
  const written: CtiMessage[] = [];
  const push = (xml: string) => inbound.next(new TextEncoder().encode(xml));
  const socket: ByteSocket = {
    data$: inbound.asObservable(),
    info: { host: 'cti.example.com', address: '127.0.0.1', port: 8011, tls: null },
    write(data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      const m = decode(text(bytes));
      written.push(m);
      if (m.kind === 'request') {
        const answer = answers[m.command.name] ?? 'empty.min.xml';
        const xml = answer.startsWith('<') ? answer : golden(`responses/${answer}`);
        queueMicrotask(() => push(xml.replace('<requestId>7</requestId>', `<requestId>${m.requestId}</requestId>`)));
      }
      if (m.kind === 'keepalive') queueMicrotask(() => push(golden('messages/keepaliveResponse.min.xml').replace('<requestId>5</requestId>', `<requestId>${m.requestId}</requestId>`)));
    },
    end: () => inbound.complete(),
    destroy: () => inbound.complete(),
  };
  return { socket, written, push };
}

function openLink(answers: Partial<Record<CtiCommandName, string>>) {
  const server = goldenServer(answers);
  let n = 0;
  const link = createCtiLink({ socket: server.socket, credentials: () => ({ userId: ALICE, password: 'S3cr3t' }), ids: () => `uc-cti-${++n}`, channelSetId: 'uc-set-alice', applicationId: 'unity-connect' });
  const seen: CtiLinkEvent[] = [];
  link.events$.subscribe((e) => seen.push(e));
  return { link, seen, ...server };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('the CTI link over the golden forms', () => {
  it('authenticates on the Channel and Subscription responses, then reads and acknowledges events as the schema says', async () => {
    const { link, seen, written, push } = openLink({ AddChannelRequest: 'Channel.min.xml', AddUserSubscriptionRequest: 'Subscription.min.xml' });
    const auth = await link.authenticate({ userId: ALICE, callPackage: 'Advanced Call' });
    expect(auth).toMatchObject({ ok: true, value: { channelId: CHANNEL, subscriptions: [{ subscriptionId: SUB, targetId: ALICE, event: 'Advanced Call', expires: 3600 }] } });
    // What it sent passes the rules.
    for (const m of written) {
      const xml = encodeCtiMessage(m);
      expect(xml.ok && rules.check(text(xml.value))).toEqual([]);
    }

    push(golden('messages/event.full.xml'));
    await settle();
    expect(seen).toContainEqual(expect.objectContaining({ type: 'event', targetId: 'bob@example.com', sequenceNumber: 3, data: expect.objectContaining({ type: 'CallUpdatedEvent' }) }));
    // The acknowledgement echoes the event's requestId and eventID, status 200: the golden full form.
    const ack = written.findLast((m) => m.kind === 'eventResponse');
    expect(ack).toEqual({ ...MESSAGES['eventResponse.full.xml'], requestId: '41' });

    // A known event type with content outside the schema: acknowledged as dropped (400), reported.
    push(golden('messages/event.full.xml').replace('<xsi:state>Active</xsi:state>', '<xsi:state>Ringing</xsi:state>'));
    await settle();
    expect(written.findLast((m) => m.kind === 'eventResponse')).toEqual({ ...MESSAGES['eventResponse.min.xml'], requestId: '41' });
    expect(seen.at(-1)).toMatchObject({ type: 'protocol-error', code: 'INVALID_FIELD', message: expect.stringContaining('<state>') });

    // ChannelTerminatedEvent: never acknowledged.
    const acks = written.filter((m) => m.kind === 'eventResponse').length;
    push(golden('messages/event.ChannelTerminatedEvent.xml'));
    await settle();
    expect(seen.at(-1)).toEqual({ type: 'channel-terminated', channelId: CHANNEL, reason: 'ExplicitDelete' });
    expect(written.filter((m) => m.kind === 'eventResponse')).toHaveLength(acks);
    link.close();
  });

  it('reads CallStartInfo, Calls, CallCenter and ErrorInfo answers; keepalive on keepaliveResponse', async () => {
    const { link, push } = openLink({
      AddChannelRequest: 'Channel.full.xml',
      AddUserSubscriptionRequest: 'Subscription.full.xml',
      DialRequest: 'CallStartInfo.min.xml',
      RetrieveCallIdInfoListRequest: 'Calls.full.xml',
      GetAgentStateRequest: 'CallCenter.full.xml',
      HoldRequest: 'ErrorInfo.full.xml',
      TalkRequest: 'ErrorInfo.min.xml',
    });
    const auth = await link.authenticate({ userId: ALICE, callPackage: 'Advanced Call' });
    expect(auth).toMatchObject({ ok: true, value: { channelId: CHANNEL, channelExpires: 86400, subscriptions: [{ expires: 7200 }] } });
    expect(await link.dial('2901')).toEqual({ ok: true, value: { callId: 'callhalf-22600:0', externalTrackingId: '301:1' } });
    expect(await link.agentState()).toMatchObject({ ok: true, value: { agentACDState: 'Available', callCenterList: { callCenterDetails: [{ serviceUserId: 'sales@example.com' }] } } });
    expect(await link.hold(CALL)).toMatchObject({ ok: false, error: { kind: 'server-error', statusCode: 403, errorCode: 4410, summary: '[Error 4410] Not authorized for this subscriber' } });
    expect(await link.answer(CALL)).toMatchObject({ ok: false, error: { kind: 'server-error', statusCode: 404, errorCode: 4008 } });
    expect(await link.keepalive(3)).toEqual({ ok: true, value: { seq: 3 } });
    // resync: the call list, then the own CallSubscriptionEvent (the golden XSI full form, in an xsp:event).
    const resync = link.resync();
    await settle();
    const snapshot = readFileSync(new URL('../xsi/golden/events/CallSubscriptionEvent.full.xml', import.meta.url), 'utf8').replace(/^<\?xml[^>]*\?>\s*/, '');
    push(`<xsp:event xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"><requestId>50</requestId><xsp:payload>${snapshot}</xsp:payload></xsp:event>`);
    const r = await resync;
    expect(r).toMatchObject({ ok: true, value: { callIds: [CALL, 'callhalf-6:0'], calls: [], hookStatus: 'Off-Hook' } });
    link.close();
  });

  it('settles a request whose success answer carries a payload it cannot read with a failure naming it, not a timeout', async () => {
    const unknownBody = golden('responses/CallStartInfo.min.xml').replace(/<CallStartInfo .*<\/CallStartInfo>/, '<CallLogs xmlns="http://schema.broadsoft.com/xsi"/>');
    const { link } = openLink({ DialRequest: unknownBody });
    const answer = await Promise.race([link.dial('2901'), new Promise((r) => setTimeout(() => r('timed out'), 1_000))]);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: expect.stringContaining('CallLogs') } });
    link.close();
  });
});

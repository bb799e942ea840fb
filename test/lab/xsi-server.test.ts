import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeXsiDocument, type XsiDocument } from '../../src/codecs/xsi/documents.ts';
import { createLabPki, type LabPki } from '../../src/lab/pki/index.ts';
import { LabTelephony } from '../../src/lab/telephony/index.ts';
import { startXsiServer, type XsiServer, type XsiServerOptions } from '../../src/lab/xsi-server/xsi-server.ts';
import { rawHttps } from './portal-https-client.ts';
import { RawChunkedStream } from './xsi-raw-stream.ts';

const ALICE = 'alice@lab.test';
const BOB = 'bob@lab.test';
const CC = 'sales-cc@lab.test';
const passwords = { [ALICE]: 'alice-pw', [BOB]: 'bob-pw' };
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
const A = '/com.broadsoft.xsi-actions/v2.0';
const E = '/com.broadsoft.xsi-events/v2.0';

let pki: LabPki;
let cert: { certPem: string; keyPem: string };
let server: XsiServer | undefined;
let telephony: LabTelephony;
let clock = 1_000_000;
const streams: RawChunkedStream[] = [];

beforeAll(async () => {
  pki = await createLabPki();
  cert = await pki.issueServerCertificate({ dnsNames: ['xsp.lab.test'] });
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.socket.destroy();
  await server?.stop();
  server = undefined;
});

async function start(extra: Partial<XsiServerOptions> = {}): Promise<XsiServer> {
  telephony = new LabTelephony({
    seed: 3,
    now: () => clock,
    users: [
      { userId: ALICE, firstName: 'Alice', lastName: 'Archer', extension: '2001', phoneNumber: '+441000002001', services: ['Voice Messaging User', 'Call Recording', 'Call Center'], callCenters: [CC] },
      { userId: BOB, firstName: 'Bob', lastName: 'B', extension: '2002', services: [] },
    ],
    callCenters: [{ id: CC, name: 'Sales', phoneNumber: '+441000009000' }],
  });
  server = await startXsiServer({
    ...cert,
    telephony,
    passwords,
    release: '22.0_1.1123',
    profiles: { [ALICE]: { groupId: 'G-Lab', serviceProviderId: 'SP-Lab', isEnterprise: false, impId: 'alice@xmpp.lab.test' } },
    recordingModes: { [ALICE]: 'on-demand-user-start', [BOB]: 'on-demand' },
    ...extra,
  });
  return server;
}

async function xsi(method: string, path: string, opts: { user?: string; pw?: string; body?: string; auth?: string | null } = {}) {
  const user = opts.user ?? ALICE;
  const headers: Record<string, string> = { 'content-type': 'application/xml' };
  if (opts.auth !== null) headers.authorization = opts.auth ?? basic(user, opts.pw ?? passwords[user as keyof typeof passwords]);
  const res = await rawHttps(server!.port, pki.caCertPem, 'xsp.lab.test', { method, path, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  const text = res.body.toString('utf8');
  let doc: XsiDocument | undefined;
  if (text.length > 0 && String(res.headers['content-type']).includes('xml')) {
    const d = decodeXsiDocument(res.body);
    if (d.ok) doc = d.value;
  }
  return { status: res.status, headers: res.headers, text, doc };
}

describe('XSI-Actions (cti-xsi.md §4) over raw HTTPS', () => {
  it('needs Basic auth with the full user@domain: 401 with a challenge otherwise', async () => {
    await start();
    for (const auth of [null, basic(ALICE, 'wrong'), basic('alice', 'alice-pw'), 'Bearer x']) {
      const r = await xsi('GET', `${A}/user/${ALICE}/profile`, { auth });
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Basic realm="BroadWorks"');
    }
  });

  it('serves the profile and the versions', async () => {
    await start();
    const p = await xsi('GET', `${A}/user/${ALICE}/profile`);
    expect(p.status).toBe(200);
    expect(p.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://schema.broadsoft.com/xsi">')).toBe(true);
    expect(p.doc).toMatchObject({ root: 'Profile', body: { details: { userId: ALICE, firstName: 'Alice', lastName: 'Archer', groupId: 'G-Lab', serviceProvider: { value: 'SP-Lab', isEnterprise: 'false' }, number: '+441000002001', extension: '2001' }, additionalDetails: { impId: 'alice@xmpp.lab.test' } } });
    const v = await xsi('GET', `${A}/versions`);
    expect(v.doc).toEqual({ root: 'Versions', body: { commands: { baseline: '22.0', patchedCommand: [] } } });
    expect((await xsi('GET', `${E}/versions`)).status).toBe(200);
  });

  it('answers ErrorInfo for unknown resources (404) and other users (403)', async () => {
    await start();
    const r = await xsi('GET', `${A}/user/${ALICE}/nothing`);
    expect(r.status).toBe(404);
    expect(r.doc).toMatchObject({ root: 'ErrorInfo', body: { errorCode: 4008 } });
    expect((r.doc as { body: { summaryEnglish: string } }).body.summaryEnglish.startsWith(' ')).toBe(true);
    expect((await xsi('GET', `${A}/user/${BOB}/profile`)).status).toBe(403);
  });

  it('dials, lists, holds, answers and releases calls; path segments match case-insensitively', async () => {
    await start();
    const dial = await xsi('POST', `${A}/user/${ALICE}/calls/new?address=%2B15550001111`);
    expect(dial.status).toBe(201);
    expect(dial.doc?.root).toBe('CallStartInfo');
    const incoming = telephony.placeIncomingCall(ALICE, { number: '+15550002222' });
    const list = await xsi('GET', `${A}/user/${ALICE}/calls`);
    expect(list.doc?.root === 'Calls' && list.doc.body.call.map((c) => c.callId)).toContain(incoming.callId);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${incoming.callId}/Talk`)).status).toBe(200);
    expect(telephony.call(incoming.callId).state).toBe('Active');
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${incoming.callId}/hold`)).status).toBe(200);
    expect(telephony.call(incoming.callId).state).toBe('Held');
    expect((await xsi('PUT', `${A}/USER/${ALICE}/Calls/${incoming.callId}/TALK`)).status).toBe(200);
    expect((await xsi('DELETE', `${A}/user/${ALICE}/calls/${incoming.callId}`)).status).toBe(200);
    expect(telephony.calls(ALICE).map((c) => c.callId)).not.toContain(incoming.callId);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/nope/Hold`)).status).toBe(404);
  });

  it('transfers blind (address) and consultative (two calls)', async () => {
    await start();
    const one = telephony.placeIncomingCall(ALICE, { number: '+15550008881' });
    telephony.answer(ALICE, one.callId);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${one.callId}/BlindTransfer`)).status).toBe(400); // no address
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${one.callId}/BlindTransfer?address=2002`)).status).toBe(200);
    expect(telephony.calls(ALICE)).toEqual([]);
    const a = telephony.placeIncomingCall(ALICE, { number: '+15550008882' });
    telephony.answer(ALICE, a.callId);
    telephony.hold(ALICE, a.callId);
    const b = telephony.dial(ALICE, '+15550008883');
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${b.callId}/ConsultTransfer/${a.callId}`)).status).toBe(200);
    expect(telephony.calls(ALICE)).toEqual([]);
  });

  it('controls recording per mode: repeats succeed, StopRecording only in on-demand-user-start', async () => {
    await start();
    const call = telephony.placeIncomingCall(ALICE, { number: '+15550003333' });
    telephony.answer(ALICE, call.callId);
    expect((await xsi('GET', `${A}/user/${ALICE}/services/CallRecording`)).doc).toEqual({ root: 'CallRecording', body: { recordingMode: 'on-demand-user-start' } });
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${call.callId}/Record`)).status).toBe(200);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${call.callId}/Record`)).status).toBe(200);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${call.callId}/PauseRecording`)).status).toBe(200);
    expect(telephony.call(call.callId).recording).toBe('Paused');
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${call.callId}/ResumeRecording`)).status).toBe(200);
    expect((await xsi('PUT', `${A}/user/${ALICE}/calls/${call.callId}/StopRecording`)).status).toBe(200);
    expect(telephony.call(call.callId).recording).toBe('Stopped');
    const bobCall = telephony.placeIncomingCall(BOB, { number: '+15550004444' });
    telephony.answer(BOB, bobCall.callId);
    expect((await xsi('PUT', `${A}/user/${BOB}/calls/${bobCall.callId}/Record`, { user: BOB })).status).toBe(200);
    const stop = await xsi('PUT', `${A}/user/${BOB}/calls/${bobCall.callId}/StopRecording`, { user: BOB });
    expect(stop.status).toBe(400);
    expect(stop.doc?.root).toBe('ErrorInfo');
  });

  it('lists, fetches, marks and deletes voicemail, with the MWI summary following', async () => {
    await start();
    const list = await xsi('GET', `${A}/user/${ALICE}/VoiceMessagingMessages`);
    if (list.doc?.root !== 'VoiceMessagingMessages') throw new Error('no list');
    const infos = list.doc.body.messageInfoList.messageInfo;
    expect(infos).toHaveLength(3);
    expect(infos[0]!.messageId).toMatch(new RegExp(`^/v2\\.0/user/${ALICE}/VoiceMessagingMessages/[0-9a-f-]{36}$`));
    const summary = async () => {
      const s = await xsi('GET', `${A}/user/${ALICE}/calls/MessageSummary`);
      return s.doc?.root === 'VoiceMailMessageSummary' ? s.doc.body.summary : undefined;
    };
    // MessageSummary counts are PositiveInt: the zero oldUrgentMessages is left out.
    expect(await summary()).toEqual({ newMessages: 2, oldMessages: 1, newUrgentMessages: 1 });
    const path = `/com.broadsoft.xsi-actions${infos[0]!.messageId}`; // §4.3: append to <base>/com.broadsoft.xsi-actions
    const msg = await xsi('GET', path);
    expect(msg.doc?.root === 'VoiceMessage' && msg.doc.body.messageMediaContent.mediaType).toBe('WAV');
    expect(msg.doc?.root === 'VoiceMessage' && Buffer.from(msg.doc.body.messageMediaContent.content, 'base64').subarray(0, 4).toString()).toBe('RIFF');
    expect((await xsi('PUT', `${path}/markAsRead`)).status).toBe(200);
    expect(await summary()).toMatchObject({ newMessages: 1, oldMessages: 2 });
    expect((await xsi('PUT', `${path}/MarkAsUnread`)).status).toBe(200);
    expect((await xsi('DELETE', path)).status).toBe(200);
    expect((await xsi('GET', path)).status).toBe(404);
    expect((await xsi('PUT', `${A}/user/${ALICE}/VoiceMessagingMessages/MarkAllAsRead`)).status).toBe(200);
    const after = await summary();
    expect(after).toMatchObject({ oldMessages: 2 });
    expect(after).not.toHaveProperty('newMessages');
  });

  it('reads and sets the agent state, lists the queue and reports queue and agent statistics', async () => {
    clock = 1_000_000;
    await start({ now: () => clock });
    expect((await xsi('PUT', `${A}/user/${ALICE}/services/CallCenter`, { body: '<CallCenter xmlns="http://schema.broadsoft.com/xsi"><agentACDState>Available</agentACDState></CallCenter>' })).status).toBe(200);
    const cc = await xsi('GET', `${A}/user/${ALICE}/services/callcenter`);
    expect(cc.doc).toMatchObject({ root: 'CallCenter', body: { agentACDState: 'Available', callCenterList: { callCenterDetails: [{ serviceUserId: CC }] } } });
    expect((await xsi('GET', `${A}/user/${BOB}/services/CallCenter`, { user: BOB })).status).toBe(403);

    const waiting = telephony.addQueueEntry(CC, { number: '+15550005555', name: 'W1' });
    const abandoned = telephony.addQueueEntry(CC, { number: '+15550006666', name: 'W2' });
    const queue = await xsi('GET', `${A}/callcenter/${CC}/calls`);
    expect(queue.doc?.root === 'ACDQueue' && queue.doc.body.queueEntries?.queueEntry).toHaveLength(2);
    clock += 20_000;
    telephony.removeQueueEntry(CC, abandoned.entryId, 'Abandoned');
    clock += 10_000;
    const agentCall = telephony.distributeQueueEntry(CC, waiting.entryId, ALICE);
    telephony.answer(ALICE, agentCall.callId);
    clock += 60_000;
    telephony.release(ALICE, agentCall.callId);
    const report = await xsi('GET', `${A}/callcenter/${CC}/report?from=0&to=${clock}&format=json`);
    expect(report.status).toBe(200);
    const json = JSON.parse(report.text);
    expect(json.queue).toMatchObject({ callsReceived: 2, callsAnswered: 1, callsAbandoned: 1, callsInQueue: 0, longestWaitSeconds: 30, averageWaitSeconds: 25 });
    expect(json.agents).toEqual([{ userId: ALICE, state: 'Available', callsAnswered: 1, talkSeconds: 60 }]);
    const xml = await xsi('GET', `${A}/callcenter/${CC}/report?from=0&to=${clock}`);
    expect(xml.text).toContain('<CallCenterReport xmlns="http://schema.broadsoft.com/xsi"><callCenterId>sales-cc@lab.test</callCenterId>');
    expect((await xsi('GET', `${A}/callcenter/${CC}/report?from=5&to=1`)).status).toBe(400);
    expect((await xsi('GET', `${A}/callcenter/${CC}/calls`, { user: BOB })).status).toBe(403);
  });
});

describe('XSI-Events streaming channel (cti-xsi.md §3) read chunk by chunk', () => {
  const channelBody = '<Channel xmlns="http://schema.broadsoft.com/xsi"><channelSetId>uc-set</channelSetId><priority>1</priority><weight>50</weight><expires>120</expires><applicationId>unity</applicationId></Channel>';

  async function openStream(): Promise<{ stream: RawChunkedStream; channelId: string }> {
    const stream = await RawChunkedStream.open(server!.port, pki.caCertPem, `/com.broadsoft.async${E}/channel`, basic(ALICE, 'alice-pw'), channelBody);
    streams.push(stream);
    const first = await stream.next();
    expect(stream.status).toBe(200);
    expect(stream.headers.toLowerCase()).toContain('transfer-encoding: chunked');
    const m = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Channel xmlns="http:\/\/schema\.broadsoft\.com\/xsi"><channelId>([0-9a-f-]{36})<\/channelId><expires>3600<\/expires><\/Channel>$/.exec(first);
    expect(m).not.toBeNull();
    return { stream, channelId: m![1]! };
  }

  it('streams Channel, initial event, heartbeats, call events and the final ChannelTerminatedEvent, one document per chunk', async () => {
    await start();
    const { stream, channelId } = await openStream();
    const sub = await xsi('POST', `${E}/user/${ALICE}`, { body: '<Subscription xmlns="http://schema.broadsoft.com/xsi"><event>Advanced Call</event><expires>3600</expires><channelSetId>uc-set</channelSetId><applicationId>unity</applicationId></Subscription>' });
    expect(sub.status).toBe(200);
    expect(sub.doc?.root).toBe('Subscription');

    const initial = decodeXsiDocument(await stream.next());
    expect(initial.ok && initial.value.root === 'Event' && initial.value.event).toMatchObject({ type: 'SubscriptionEvent', channelId, eventData: { type: 'CallSubscriptionEvent', hookStatus: 'On-Hook' } });

    expect((await xsi('PUT', `${E}/channel/${channelId}/heartbeat`)).status).toBe(200);
    const beat = await stream.next();
    expect(beat).toBe('<?xml version="1.0" encoding="UTF-8"?><ChannelHeartBeat xmlns="http://schema.broadsoft.com/xsi"/>');
    expect(Buffer.byteLength(beat)).toBe(97);

    telephony.placeIncomingCall(ALICE, { number: '+15550007777' });
    const chunk = await stream.next();
    expect(chunk.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xsi:Event xsi1:type="xsi:SubscriptionEvent"')).toBe(true);
    const received = decodeXsiDocument(chunk);
    if (!received.ok || received.value.root !== 'Event' || received.value.event.type !== 'SubscriptionEvent') throw new Error('not an event');
    expect(received.value.event.eventData.type).toBe('CallReceivedEvent');
    expect(server!.unackedEvents().map((u) => u.type).sort()).toEqual(['CallReceivedEvent', 'CallSubscriptionEvent']);
    for (const doc of [initial, received]) {
      if (!doc.ok || doc.value.root !== 'Event' || doc.value.event.type !== 'SubscriptionEvent') continue;
      const ack = await xsi('POST', `${E}/channel/eventresponse`, { body: `<EventResponse xmlns="http://schema.broadsoft.com/xsi"><eventID>${doc.value.event.eventID}</eventID><statusCode>200</statusCode><reason>OK</reason></EventResponse>` });
      expect(ack.status).toBe(200);
    }
    expect(server!.unackedEvents()).toEqual([]);

    expect((await xsi('DELETE', `${E}/channel/${channelId}`)).status).toBe(200);
    const last = await stream.next();
    expect(last).toContain('xsi1:type="xsi:ChannelTerminatedEvent"');
    expect(last).toContain('<xsi:reason>ExplicitDelete</xsi:reason>');
    await stream.waitEnd();
    expect(stream.ended).toBe(true);
    expect((await xsi('PUT', `${E}/channel/${channelId}/heartbeat`)).status).toBe(404);
  });

  it('refuses a subscription to an unknown target (404) and a malformed body (400)', async () => {
    await start();
    await openStream();
    const unknown = await xsi('POST', `${E}/user/nobody@lab.test/subscription`, { body: '<Subscription xmlns="http://schema.broadsoft.com/xsi"><event>Basic Call</event><channelSetId>uc-set</channelSetId></Subscription>' });
    expect(unknown.status).toBe(404);
    expect((await xsi('POST', `${E}/user/${ALICE}`, { body: '<Subscription xmlns="http://schema.broadsoft.com/xsi"><event>BLF</event><channelSetId>uc-set</channelSetId></Subscription>' })).status).toBe(400);
  });

  it('cuts the stream on the drop-all fault', async () => {
    await start();
    const { stream } = await openStream();
    await server!.fault({ type: 'drop-all' });
    await stream.waitEnd();
    expect(stream.socket.destroyed).toBe(true);
  });
});

describe('XSI server faults (HTTPS fault base)', () => {
  it('refuses new connections on refuse-new and listens again on the same port after clear', async () => {
    await start();
    const port = server!.port;
    await server!.fault({ type: 'refuse-new' });
    await expect(xsi('GET', `${A}/versions`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server!.fault({ type: 'clear' });
    expect(server!.port).toBe(port);
    expect((await xsi('GET', `${A}/versions`)).status).toBe(200);
  });

  it('hangs up mid-handshake on close-mid-tls', async () => {
    await start();
    await server!.fault({ type: 'close-mid-tls' });
    await expect(xsi('GET', `${A}/versions`)).rejects.toThrow(/socket|ECONNRESET|disconnected/i);
  });
});

describe('XSI-Events channel liveness', () => {
  it('ends a channel without heartbeats with ChannelTerminatedEvent NonResponsiveChannel', async () => {
    await start({ eventTimeoutMs: 60 });
    const stream = await RawChunkedStream.open(server!.port, pki.caCertPem, `/com.broadsoft.async${E}/channel`, basic(ALICE, 'alice-pw'), '<Channel xmlns="http://schema.broadsoft.com/xsi"><channelSetId>s</channelSetId><expires>3600</expires></Channel>');
    streams.push(stream);
    await stream.next(); // Channel
    const last = await stream.next();
    expect(last).toContain('<xsi:reason>NonResponsiveChannel</xsi:reason>');
    await stream.waitEnd();
    expect(stream.ended).toBe(true);
  });
});

describe('XSI session cookie', () => {
  it('sets a JSESSIONID on Basic authentication and accepts it alone afterwards; a forged one is 401', async () => {
    await start();
    const first = await xsi('GET', `${A}/user/${ALICE}/profile`);
    const setCookie = String(first.headers['set-cookie']);
    const id = /JSESSIONID=([0-9a-f-]{36})/.exec(setCookie)?.[1];
    expect(id).toBeDefined();
    const res = await rawHttps(server!.port, pki.caCertPem, 'xsp.lab.test', { method: 'GET', path: `${A}/user/${ALICE}/profile`, headers: { cookie: `JSESSIONID=${id}` } });
    expect(res.status).toBe(200);
    const forged = await rawHttps(server!.port, pki.caCertPem, 'xsp.lab.test', { method: 'GET', path: `${A}/user/${ALICE}/profile`, headers: { cookie: 'JSESSIONID=00000000-0000-4000-8000-000000000000' } });
    expect(forged.status).toBe(401);
  });
});

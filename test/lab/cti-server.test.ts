import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { XsiSubscriptionEvent } from '../../src/codecs/xsi/events.ts';
import { startCtiServer, type CtiServer, type CtiServerOptions } from '../../src/lab/cti-server/cti-server.ts';
import { createLabPki } from '../../src/lab/pki/index.ts';
import { LabTelephony } from '../../src/lab/telephony/index.ts';
import { basicCredentials } from '../../src/codecs/cti/credentials.ts';
import { RawCti } from './cti-raw-client.ts';

const ALICE = 'alice@lab.test';
const BOB = 'bob@lab.test';
const CC = 'sales-cc@lab.test';
const passwords = { [ALICE]: 'alice-pw', [BOB]: 'bob-pw' };

let server: CtiServer | undefined;
let telephony: LabTelephony;
const clients: RawCti[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.destroy();
  await server?.stop();
  server = undefined;
});

async function start(extra: Partial<CtiServerOptions> = {}): Promise<CtiServer> {
  telephony = new LabTelephony({
    seed: 1,
    users: [
      { userId: ALICE, firstName: 'Alice', lastName: 'A', extension: '2001', phoneNumber: '+441000002001', services: ['Call Center', 'Call Recording'], callCenters: [CC] },
      { userId: BOB, firstName: 'Bob', lastName: 'B', extension: '2002', services: [] },
    ],
    callCenters: [{ id: CC, name: 'Sales', phoneNumber: '+441000009000' }],
  });
  server = await startCtiServer({ telephony, passwords, ...extra });
  return server;
}
async function client(userId = ALICE): Promise<RawCti> {
  const c = await RawCti.connect(server!.endpoints.plain!.port, userId, passwords[userId as keyof typeof passwords]);
  clients.push(c);
  return c;
}
async function withChannel(c: RawCti, channelSetId = 'uc-set-1'): Promise<string> {
  const r = await c.call({ name: 'AddChannelRequest', params: {}, payload: { root: 'Channel', body: { channelSetId, priority: 1, weight: 50, expires: 100, applicationId: 'unity' } } });
  expect(r.statusCode).toBe(200);
  if (r.payload?.root !== 'Channel') throw new Error('no Channel');
  return r.payload.body.channelId!;
}
async function subscribe(c: RawCti, event: string, target = ALICE) {
  return c.call({ name: 'AddUserSubscriptionRequest', params: { userId: target }, payload: { root: 'Subscription', body: { event, expires: 3600, channelSetId: 'uc-set-1', applicationId: 'unity' } } });
}
const ack = (c: RawCti, ev: { requestId: string; event: XsiSubscriptionEvent | { type: string } }) =>
  c.send({ kind: 'eventResponse', requestId: ev.requestId, eventResponse: { eventID: (ev.event as XsiSubscriptionEvent).eventID, statusCode: 200, reason: 'OK' } });

describe('CTI server (cti-xsi.md §2) over raw sockets', () => {
  it('checks credentials on every request: 401 with the same requestId and no payload', async () => {
    await start();
    const c = await client();
    const id = c.request({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } }, 'wrong');
    const r = await c.take('response', (m) => m.requestId === id);
    expect(r).toMatchObject({ statusCode: 401, reason: 'Unauthorized', sessionId: 'uc-1' });
    expect(r.payload).toBeUndefined();
    const ok = await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } });
    expect(ok.statusCode).toBe(200);
  });

  it('binds a channel to the socket and writes one declaration-prefixed document per message', async () => {
    await start();
    const c = await client();
    await withChannel(c);
    const text = Buffer.concat(c.raw).toString('utf8');
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><xsp:response version="17\.0" xmlns:xsp="http:\/\/schema\.broadsoft\.com\/XspXMLInterface"><requestId>1<\/requestId><sessionId>uc-1<\/sessionId><statusCode>200<\/statusCode><reason>OK<\/reason><xsp:payload><Channel xmlns="http:\/\/schema\.broadsoft\.com\/xsi"><channelId>[0-9a-f-]{36}<\/channelId><expires>3600<\/expires><\/Channel><\/xsp:payload><\/xsp:response>\n$/);
  });

  it('subscribes, sends the initial CallSubscriptionEvent, then call events that need acknowledgement', async () => {
    await start();
    const c = await client();
    const channelId = await withChannel(c);
    const sub = await subscribe(c, 'Advanced Call');
    expect(sub.statusCode).toBe(200);
    const initial = await c.event('CallSubscriptionEvent');
    const env = initial.event as XsiSubscriptionEvent;
    expect(env).toMatchObject({ sequenceNumber: 1, userId: ALICE, channelId, targetId: ALICE, externalApplicationId: 'unity' });
    expect(env.eventData).toEqual({ type: 'CallSubscriptionEvent', hookStatus: 'On-Hook' });
    ack(c, initial);
    await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } }); // the ack was read

    const incoming = telephony.placeIncomingCall(ALICE, { number: '+15551234567', name: 'Caller' });
    const received = await c.event('CallReceivedEvent');
    const data = (received.event as XsiSubscriptionEvent).eventData;
    expect(data).toMatchObject({ type: 'CallReceivedEvent', call: { callId: incoming.callId, state: 'Alerting', personality: 'Terminator', allowAnswer: true, remoteParty: { name: 'Caller', address: { value: 'tel:+15551234567' } } } });
    expect((received.event as XsiSubscriptionEvent).sequenceNumber).toBe(2);
    expect(server!.unackedEvents().map((u) => u.type)).toEqual(['CallReceivedEvent']);
    ack(c, received);
    await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } }); // a round trip: the ack was read
    expect(server!.unackedEvents()).toEqual([]);

    const steps: Array<[Parameters<RawCti['call']>[0], string]> = [
      [{ name: 'TalkRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallAnsweredEvent'],
      [{ name: 'HoldRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallHeldEvent'],
      [{ name: 'TalkRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallRetrievedEvent'],
      [{ name: 'RecordRequest', params: { subscriberid: ALICE, callId: incoming.callId } }, 'CallRecordingStartedEvent'],
      [{ name: 'PauseRecordingRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallRecordingPausedEvent'],
      [{ name: 'ResumeRecordingRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallRecordingResumedEvent'],
      [{ name: 'StopRecordingRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallRecordingStoppedEvent'],
      [{ name: 'ReleaseRequest', params: { subscriberid: ALICE, callid: incoming.callId } }, 'CallReleasedEvent'],
    ];
    for (const [command, eventType] of steps) {
      const r = await c.call(command);
      expect(r.statusCode, command.name).toBe(200);
      ack(c, await c.event(eventType));
    }
  });

  it('replaces a matching subscription instead of adding a second one', async () => {
    await start();
    const c = await client();
    await withChannel(c);
    const first = await subscribe(c, 'Basic Call');
    const second = await subscribe(c, 'Basic Call');
    const ids = [first, second].map((r) => (r.payload?.root === 'Subscription' ? r.payload.body.subscriptionId : ''));
    expect(ids[0]).not.toBe(ids[1]);
    await c.event('CallSubscriptionEvent');
    await c.event('CallSubscriptionEvent');
    telephony.placeIncomingCall(ALICE, { number: '+15550000001' });
    const ev = await c.event('CallReceivedEvent');
    expect((ev.event as XsiSubscriptionEvent).subscriptionId).toBe(ids[1]);
    await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } });
    expect(c.messages.filter((m) => m.kind === 'event')).toHaveLength(0); // no second copy
  });

  it('answers keepalive with keepaliveResponse carrying the same requestId', async () => {
    await start();
    const c = await client();
    c.send({ kind: 'keepalive', requestId: 'ka-9', period: 300 });
    expect(await c.take('keepaliveResponse')).toMatchObject({ requestId: 'ka-9' });
    expect(Buffer.concat(c.raw).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><xsp:keepaliveResponse version="17.0" xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"><requestId>ka-9</requestId></xsp:keepaliveResponse>\n');
  });

  it('accepts the public example form: unqualified request element, %placeholders% in uri, params', async () => {
    await start();
    const c = await client();
    const creds = basicCredentials(ALICE, 'alice-pw');
    c.socket.write(
      `<xsp:request version="17.sp4" xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"><requestId>77</requestId><sessionId>s</sessionId><credentials>${creds}</credentials>` +
        `<RetrieveCallIdInfoListRequest><uri>/com.broadsoft.xsi-actions/v2.0/user/%subscriberid%/calls</uri><method>GET</method><version>17.0</version><params><subscriberId>${ALICE}</subscriberId></params></RetrieveCallIdInfoListRequest></xsp:request>`,
    );
    const r = await c.take('response', (m) => m.requestId === '77');
    expect(r.statusCode).toBe(200);
    expect(r.payload?.root).toBe('Calls');
  });

  it('lists call ids for resync after a reconnect, and refuses another subscriber (403)', async () => {
    await start();
    const call = telephony.placeIncomingCall(ALICE, { number: '+15550000002' });
    const c = await client();
    const r = await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } });
    expect(r.payload).toEqual({ root: 'Calls', body: { call: [{ callId: call.callId, uri: `/v2.0/user/${ALICE}/calls/${call.callId}` }] } });
    const other = await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: BOB } });
    expect(other.statusCode).toBe(403);
    expect(other.payload?.root).toBe('ErrorInfo');
  });

  it('pushes ACD queue events to a Call Center Queue subscription and answers GetACD and agent state', async () => {
    await start();
    const c = await client();
    await withChannel(c);
    expect((await subscribe(c, 'Call Center Queue', CC)).statusCode).toBe(200);
    // ACDSubscriptionEvent.queueEntries is optional and its list needs one entry: an empty queue has none.
    const initial = (await c.event('ACDSubscriptionEvent')).event;
    expect(initial.type === 'SubscriptionEvent' && initial.eventData).toEqual({ type: 'ACDSubscriptionEvent' });
    telephony.addQueueEntry(CC, { number: '+15550000003', name: 'Waiting' });
    const added = await c.event('ACDCallAddedEvent');
    expect((added.event as XsiSubscriptionEvent).eventData).toMatchObject({ position: 1, queueEntry: { acdName: 'Sales', remoteParty: { name: 'Waiting' } } });
    const queue = await c.call({ name: 'GetACDRequest', params: { callcenterid: CC } });
    expect(queue.payload).toMatchObject({ root: 'ACDQueue', body: { queueEntries: { queueEntry: [{ acdName: 'Sales' }] } } });
    const set = await c.call({ name: 'SetAgentStateRequest', params: { subscriberid: ALICE }, payload: { root: 'CallCenter', body: { agentACDState: 'Available' } } });
    expect(set.statusCode).toBe(200);
    const state = await c.call({ name: 'GetAgentStateRequest', params: { subscriberid: ALICE } });
    expect(state.payload).toMatchObject({ root: 'CallCenter', body: { agentACDState: 'Available', callCenterList: { callCenterDetails: [{ serviceUserId: CC }] } } });
  });

  it('drops the channel with the socket: later events have nowhere to go', async () => {
    await start();
    const c = await client();
    await withChannel(c);
    await subscribe(c, 'Basic Call');
    await c.event('CallSubscriptionEvent');
    c.socket.destroy();
    await c.closed;
    while (server!.connectionCount > 0) await new Promise((r) => setTimeout(r, 5));
    telephony.placeIncomingCall(ALICE, { number: '+15550000004' });
    // The closed channel's unacknowledged events are forgotten with it, and the new call's events
    // are not queued anywhere.
    expect(server!.unackedEvents()).toEqual([]);
  });

  it('answers a malformed document with 400 and keeps the connection', async () => {
    await start();
    const c = await client();
    c.socket.write('<xsp:nonsense xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"/>');
    expect(await c.take('response')).toMatchObject({ statusCode: 400 });
    expect((await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } })).statusCode).toBe(200);
  });

  it('closes an idle connection after the configured limit', async () => {
    await start({ idleLimitMs: 50 });
    const c = await client();
    await c.closed;
    expect(c.socket.destroyed).toBe(true);
  });

  it('serves TLS with the lab CA and drops connections on the drop-all fault', async () => {
    const pki = await createLabPki();
    const cert = await pki.issueServerCertificate({ dnsNames: ['cti.lab.test'] });
    await start({ tls: { certPem: cert.certPem, keyPem: cert.keyPem, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } });
    const c = await RawCti.connectTls(server!.endpoints.tls!.port, pki.caCertPem, ALICE, 'alice-pw');
    clients.push(c);
    expect((await c.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } })).statusCode).toBe(200);
    await server!.fault({ type: 'drop-all' });
    await c.closed;
  });
});

describe('CTI server — faults and channel sets', () => {
  it('leaves a keepalive unanswered on the half-open fault (how clients detect a dead link)', async () => {
    await start();
    const c = await client();
    await server!.fault({ type: 'half-open' });
    c.send({ kind: 'keepalive', requestId: 'ka-1', period: 300 });
    while (server!.ignoredBytes === 0) await new Promise((r) => setTimeout(r, 5));
    await server!.fault({ type: 'clear' });
    c.send({ kind: 'keepalive', requestId: 'ka-2', period: 300 });
    expect(await c.take('keepaliveResponse')).toMatchObject({ requestId: 'ka-2' });
    expect(c.messages).toEqual([]); // ka-1 never got an answer
  });

  it('closes the connection after the first request on the close-mid-login fault', async () => {
    await start();
    await server!.fault({ type: 'close-mid-login' });
    const c = await client();
    c.request({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } });
    await c.closed;
    expect(c.messages).toEqual([]);
  });

  it('delays answers on the delay fault but keeps their order', async () => {
    await start();
    await server!.fault({ type: 'delay', ms: 30 });
    const c = await client();
    const ids = [c.request({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } }), c.request({ name: 'GetAgentStateRequest', params: { subscriberid: ALICE } })];
    const first = await c.take('response');
    const second = await c.take('response');
    expect([first.requestId, second.requestId]).toEqual(ids);
  });

  it('terminates the older channel set with DuplicateChannelSet when a new set reuses the applicationId', async () => {
    await start();
    const c = await client();
    const oldChannel = await withChannel(c, 'set-old');
    await withChannel(c, 'set-new');
    const ended = await c.take('event', (e) => e.event.type === 'ChannelTerminatedEvent');
    expect(ended.event).toEqual({ type: 'ChannelTerminatedEvent', channelId: oldChannel, reason: 'DuplicateChannelSet' });
    expect(server!.unackedEvents()).toEqual([]); // ChannelTerminatedEvent is never acknowledged
  });
});

describe('CTI channel and subscription refresh and delete', () => {
  it('refreshes and deletes subscriptions and channels; unknown ids are 404', async () => {
    await start();
    const c = await client();
    const channelId = await withChannel(c);
    const sub = await subscribe(c, 'Basic Call');
    const subscriptionId = sub.payload?.root === 'Subscription' ? sub.payload.body.subscriptionId! : '';
    await c.event('CallSubscriptionEvent');
    const refreshed = await c.call({ name: 'UpdateSubscriptionRequest', params: { subscriptionId }, payload: { root: 'Subscription', body: { expires: 7200 } } });
    expect(refreshed.payload).toEqual({ root: 'Subscription', body: { subscriptionId, expires: 7200 } });
    const channel = await c.call({ name: 'UpdateChannelRequest', params: { channelId }, payload: { root: 'Channel', body: { expires: 10 } } });
    expect(channel.payload).toEqual({ root: 'Channel', body: { channelId, expires: 3600 } }); // below 3600 is raised
    expect((await c.call({ name: 'DeleteSubscriptionRequest', params: { subscriptionId } })).statusCode).toBe(200);
    expect((await c.call({ name: 'DeleteSubscriptionRequest', params: { subscriptionId } })).statusCode).toBe(404);
    telephony.placeIncomingCall(ALICE, { number: '+15550000009' });
    expect((await c.call({ name: 'DeleteChannelRequest', params: { channelId } })).statusCode).toBe(200);
    expect(await c.take('event', (e) => e.event.type === 'ChannelTerminatedEvent')).toMatchObject({ event: { channelId, reason: 'ExplicitDelete' } });
    expect(c.messages.filter((m) => m.kind === 'event')).toEqual([]); // no call event after the unsubscribe
    expect((await c.call({ name: 'UpdateChannelRequest', params: { channelId }, payload: { root: 'Channel', body: { expires: 3600 } } })).statusCode).toBe(404);
  });
});

describe('CTI server robustness', () => {
  test.prop([fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 5 })], { numRuns: 20 })(
    'survives arbitrary bytes: a fresh connection still gets answers',
    async (chunks) => {
      if (!server) await start();
      const junk = await client();
      for (const chunk of chunks) junk.socket.write(chunk);
      junk.socket.write('<xsp:keepalive xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"><requestId>x</requestId><period>1</period></xsp:keepalive>');
      const fresh = await client();
      fresh.send({ kind: 'keepalive', requestId: 'alive', period: 300 });
      expect(await fresh.take('keepaliveResponse')).toMatchObject({ requestId: 'alive' });
    },
  );
});

describe('CTI reconnect', () => {
  it('keeps subscriptions across a reconnect: a new channel in the same set gets the events, and the call list resyncs', async () => {
    await start();
    const first = await client();
    await withChannel(first);
    await subscribe(first, 'Standard Call');
    await first.event('CallSubscriptionEvent');
    first.socket.destroy();
    await first.closed;
    while (server!.connectionCount > 0) await new Promise((r) => setTimeout(r, 5));
    const missed = telephony.placeIncomingCall(ALICE, { number: '+15550000010' }); // while disconnected: lost

    const second = await client();
    const channelId = await withChannel(second); // same channelSetId uc-set-1
    const list = await second.call({ name: 'RetrieveCallIdInfoListRequest', params: { subscriberid: ALICE } });
    expect(list.payload?.root === 'Calls' && list.payload.body.call.map((c) => c.callId)).toEqual([missed.callId]);
    telephony.answer(ALICE, missed.callId);
    const answered = await second.event('CallAnsweredEvent');
    expect(answered.event).toMatchObject({ channelId, sequenceNumber: 2 }); // the subscription's numbering continues (nothing was sent while no channel existed)
  });
});

// The CTI link against the real lab CTI server over loopback TCP and TLS (lab CA trusted by
// configuration): channel, subscriptions, event acknowledgement, keepalive, call control,
// recording, wrong credentials, resync after a drop.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, ReplaySubject, type Observable } from 'rxjs';
import { createCtiLink, type CtiLink, type CtiLinkEvent } from '../../../src/adapters/cti/cti-link.ts';
import type { XsiEventData } from '../../../src/codecs/xsi/events.ts';
import { ANN, BOB, openCti, PASSWORDS, SALES, sequentialIds, startCtiLab, type CtiLab, type RecordedSocket } from './support/cti-lab.ts';

let lab: CtiLab;
const links: CtiLink[] = [];

beforeAll(async () => {
  lab = await startCtiLab();
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(() => {
  for (const l of links.splice(0)) l.close();
  // Releasing a call also releases its peer leg: look the live calls up again each time.
  for (let c = lab.telephony.calls()[0]; c !== undefined; c = lab.telephony.calls()[0]) lab.telephony.remoteRelease(c.callId);
});

interface Opened {
  link: CtiLink;
  conn: RecordedSocket;
  events: Observable<CtiLinkEvent>;
  seen: CtiLinkEvent[];
}

async function open(options: { tls?: boolean; userId?: string; password?: string } = {}): Promise<Opened> {
  const userId = options.userId ?? ANN;
  const password = options.password ?? PASSWORDS[userId]!;
  const conn = await openCti(lab, { tls: options.tls ?? false });
  const link = createCtiLink({
    socket: conn.socket,
    credentials: () => ({ userId, password }),
    ids: sequentialIds(),
    channelSetId: `uc-set-${userId}`,
    applicationId: 'unity-connect',
  });
  links.push(link);
  const replay = new ReplaySubject<CtiLinkEvent>();
  const seen: CtiLinkEvent[] = [];
  link.events$.subscribe({ next: (e) => (seen.push(e), replay.next(e)), complete: () => replay.complete() });
  return { link, conn, events: replay.asObservable(), seen };
}

type EventOf<T extends XsiEventData['type']> = Extract<CtiLinkEvent, { type: 'event' }> & { data: Extract<XsiEventData, { type: T }> };

function xsiEvent<T extends XsiEventData['type']>(o: Opened, type: T, match: (e: EventOf<T>) => boolean = () => true): Promise<EventOf<T>> {
  return firstValueFrom(o.events.pipe(filter((e): e is EventOf<T> => e.type === 'event' && e.data.type === type && match(e as EventOf<T>))));
}

const callIdOf = (e: { data: XsiEventData }): string => ('call' in e.data ? e.data.call.callId : '');

/** A keepalive round trip: the server has read every eventResponse written before it. */
async function settle(o: Opened): Promise<void> {
  const k = await o.link.keepalive(99);
  expect(k.ok).toBe(true);
}

/** Events the lab sent on this link's channel and still waits an acknowledgement for. */
const unackedOn = (o: Opened) => lab.server.unackedEvents().filter((u) => u.channelId === o.link.channelId);

describe('CTI link: channel, subscriptions and acknowledgements (cti-xsi.md §2.4, §3.1)', () => {
  it('over TLS adds a channel bound to the connection and subscribes the user, a BLF user, the queue and the agent', async () => {
    const o = await open({ tls: true });
    expect(o.link.secure).toBe(true);
    const auth = await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call', monitoredUsers: [BOB], callCenters: [SALES], agent: true });
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    expect(auth.value.channelExpires).toBe(3600);
    expect(auth.value.subscriptions.map((s) => [s.targetId, s.event])).toEqual([
      [ANN, 'Advanced Call'],
      [BOB, 'Basic Call'],
      [SALES, 'Call Center Queue'],
      [ANN, 'Call Center Agent'],
    ]);
    expect(auth.value.refused).toEqual([]);
    expect(lab.server.hub.channel(auth.value.channelId)?.channelSetId).toBe(`uc-set-${ANN}`);
    // The initial events of every subscription arrive, are delivered and acknowledged.
    await xsiEvent(o, 'CallSubscriptionEvent', (e) => e.targetId === ANN);
    await xsiEvent(o, 'CallSubscriptionEvent', (e) => e.targetId === BOB);
    await xsiEvent(o, 'ACDSubscriptionEvent');
    await xsiEvent(o, 'AgentSubscriptionEvent');
    // Queue and agent changes arrive as decoded ACD / agent events.
    const entry = lab.telephony.addQueueEntry(SALES, { number: '+15550002222', name: 'Queued' });
    const added = await xsiEvent(o, 'ACDCallAddedEvent');
    expect([added.targetId, added.data.queueEntry.callId, added.data.position]).toEqual([SALES, entry.entryId, 1]);
    lab.telephony.setAgentState(ANN, 'Available');
    expect((await xsiEvent(o, 'AgentStateEvent')).data.agentStateInfo.state).toBe('Available');
    lab.telephony.removeQueueEntry(SALES, entry.entryId, 'Abandoned');
    await xsiEvent(o, 'ACDCallAbandonedEvent');
    lab.telephony.setAgentState(ANN, 'Sign-Out');
    await xsiEvent(o, 'AgentStateEvent', (e) => e.data.agentStateInfo.state === 'Sign-Out');
    await settle(o);
    expect(unackedOn(o)).toEqual([]);
    expect(o.conn.written().match(/<xsp:eventResponse /g)?.length).toBe(8);
  });

  it('sends the credentials as a Basic token on every request, never the password in clear', async () => {
    const o = await open();
    await o.link.authenticate({ userId: ANN, callPackage: 'Standard Call' });
    const wire = o.conn.written();
    const token = Buffer.from(`${ANN}:${PASSWORDS[ANN]}`).toString('base64');
    expect(wire.split(`<credentials>${token}</credentials>`).length - 1).toBe(2); // channel + subscription
    expect(wire).not.toContain(PASSWORDS[ANN]);
    expect(wire).toContain('<sessionId>uc-cti-1</sessionId>');
  });

  it('answers effect.keepalive: xsp:keepalive with the period, acknowledged with the same seq', async () => {
    const o = await open();
    const k = await o.link.keepalive(7);
    expect(k).toEqual({ ok: true, value: { seq: 7 } });
    expect(o.conn.written()).toMatch(/<xsp:keepalive version="17.0" [^>]*><requestId>1<\/requestId><period>300<\/period><\/xsp:keepalive>/);
  });

  it('wrong credentials are a typed auth failure (401) and the password is in no message', async () => {
    const wrong = 'Wrong-Password-99';
    const o = await open({ password: wrong });
    const auth = await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    expect(auth.ok).toBe(false);
    if (auth.ok) return;
    expect(auth.error).toMatchObject({ kind: 'auth', statusCode: 401 });
    const everything = JSON.stringify([auth.error, o.seen]);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORDS[ANN]);
    expect(o.link.channelId).toBeNull();
  });

  it('a ChannelTerminatedEvent becomes a typed event and is never acknowledged', async () => {
    const o = await open();
    const auth = await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    if (!auth.ok) throw new Error(auth.error.message);
    await xsiEvent(o, 'CallSubscriptionEvent');
    const before = o.conn.written().match(/<xsp:eventResponse /g)?.length;
    lab.server.hub.removeChannel(auth.value.channelId, 'Expired');
    const ended = await firstValueFrom(o.events.pipe(filter((e) => e.type === 'channel-terminated')));
    expect(ended).toEqual({ type: 'channel-terminated', channelId: auth.value.channelId, reason: 'Expired' });
    expect(o.link.channelId).toBeNull();
    await settle(o);
    expect(o.conn.written().match(/<xsp:eventResponse /g)?.length).toBe(before);
    // The runtime re-adds the channel with authenticate(): the subscriptions are replaced, not doubled.
    const again = await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    expect(again.ok && again.value.channelId).not.toBe(auth.value.channelId);
    expect(lab.server.hub.subscription(auth.value.subscriptions[0]!.subscriptionId)).toBeUndefined();
  });
});

describe('CTI link: calls from the lab telephony, call control and recording (cti-xsi.md §2.4, §3.4)', () => {
  it('a ringing call appears as events; answer, hold, retrieve, record/pause/resume/stop and release drive it', async () => {
    const o = await open({ tls: true });
    const auth = await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    expect(auth.ok).toBe(true);
    await xsiEvent(o, 'CallSubscriptionEvent');

    const call = lab.telephony.placeIncomingCall(ANN, { number: '+15550001234', name: 'Dana' });
    const received = await xsiEvent(o, 'CallReceivedEvent', (e) => callIdOf(e) === call.callId);
    expect(received.data.call.state).toBe('Alerting');
    expect(received.data.call.remoteParty.name).toBe('Dana');

    expect((await o.link.answer(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallAnsweredEvent', (e) => callIdOf(e) === call.callId);
    expect((await o.link.hold(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallHeldEvent', (e) => callIdOf(e) === call.callId);
    expect((await o.link.retrieve(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallRetrievedEvent', (e) => callIdOf(e) === call.callId);

    expect((await o.link.record(call.callId)).ok).toBe(true);
    const started = await xsiEvent(o, 'CallRecordingStartedEvent', (e) => callIdOf(e) === call.callId);
    expect(started.data.call.recordingState).toBe('Started');
    expect((await o.link.pauseRecording(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallRecordingPausedEvent', (e) => callIdOf(e) === call.callId);
    expect((await o.link.resumeRecording(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallRecordingResumedEvent', (e) => callIdOf(e) === call.callId);
    expect((await o.link.stopRecording(call.callId)).ok).toBe(true);
    const stopped = await xsiEvent(o, 'CallRecordingStoppedEvent', (e) => callIdOf(e) === call.callId);
    expect(stopped.data.reason).toBe('User Requested');

    expect((await o.link.release(call.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallReleasedEvent', (e) => callIdOf(e) === call.callId);
    expect(lab.telephony.calls(ANN)).toEqual([]);
    await settle(o);
    expect(unackedOn(o)).toEqual([]);
  });

  it('dials a colleague (seen on the BLF subscription), then transfers blind and consultatively', async () => {
    const o = await open();
    await o.link.authenticate({ userId: ANN, callPackage: 'Advanced Call', monitoredUsers: [BOB] });
    const dialled = await o.link.dial('2002');
    expect(dialled.ok).toBe(true);
    if (!dialled.ok) return;
    await xsiEvent(o, 'CallOriginatedEvent', (e) => callIdOf(e) === dialled.value.callId);
    const atBob = await xsiEvent(o, 'CallReceivedEvent', (e) => e.targetId === BOB);
    lab.telephony.answer(BOB, callIdOf(atBob));

    // Blind transfer of Bob's call to Cy (2003): Ann leaves the call.
    expect((await o.link.blindTransfer(dialled.value.callId, '2003')).ok).toBe(true);
    await xsiEvent(o, 'CallReleasedEvent', (e) => callIdOf(e) === dialled.value.callId);

    // Consultative: an outside call held, a second call to Bob, then join them.
    const first = lab.telephony.placeIncomingCall(ANN, { number: '+15550009999' });
    await o.link.answer(first.callId);
    await o.link.hold(first.callId);
    const second = await o.link.dial('2002');
    if (!second.ok) throw new Error(second.error.message);
    const atBob2 = await xsiEvent(o, 'CallReceivedEvent', (e) => e.targetId === BOB && callIdOf(e) !== callIdOf(atBob));
    lab.telephony.answer(BOB, callIdOf(atBob2));
    await xsiEvent(o, 'CallAnsweredEvent', (e) => callIdOf(e) === second.value.callId);
    expect((await o.link.consultativeTransfer(first.callId, second.value.callId)).ok).toBe(true);
    await xsiEvent(o, 'CallReleasedEvent', (e) => callIdOf(e) === first.callId);
    expect(lab.telephony.calls(ANN)).toEqual([]);
    await settle(o);
    expect(unackedOn(o)).toEqual([]);
  });

  it('a command on an unknown call is a typed server error with the ErrorInfo summary', async () => {
    const o = await open();
    const held = await o.link.hold('callhalf-nope:0');
    expect(held.ok).toBe(false);
    if (held.ok) return;
    expect(held.error).toMatchObject({ kind: 'server-error', statusCode: 404, errorCode: 4008 });
  });
});

describe('CTI link: resync after the lab drops the connection (issue 5 "No loss")', () => {
  it('reports the drop, and a new link resyncs to exactly the calls that exist now', async () => {
    const a = await open();
    await a.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    const gone = lab.telephony.placeIncomingCall(ANN, { number: '+15550000001' });
    const stays = lab.telephony.placeIncomingCall(ANN, { number: '+15550000002' });
    await xsiEvent(a, 'CallReceivedEvent', (e) => callIdOf(e) === stays.callId);
    await a.link.answer(stays.callId);

    await lab.server.fault({ type: 'drop-all' });
    const dropped = await firstValueFrom(a.events.pipe(filter((e) => e.type === 'dropped')));
    expect(dropped).toMatchObject({ type: 'dropped' });
    // While the client is away: one call ends, a new one rings.
    lab.telephony.remoteRelease(gone.callId);
    const fresh = lab.telephony.placeIncomingCall(ANN, { number: '+15550000003' });

    const b = await open();
    const auth = await b.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    expect(auth.ok).toBe(true);
    const snapshot = await b.link.resync();
    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    expect(snapshot.value.callIds.sort()).toEqual([stays.callId, fresh.callId].sort());
    expect(snapshot.value.calls.map((c) => [c.callId, c.state]).sort()).toEqual(
      [
        [stays.callId, 'Active'],
        [fresh.callId, 'Alerting'],
      ].sort(),
    );
    expect(snapshot.value.hookStatus).toBe('Off-Hook');
    expect(b.conn.written()).toContain('RetrieveCallIdInfoListRequest');
    // A second resync (no new initial event pending) subscribes again for a fresh snapshot.
    lab.telephony.remoteRelease(fresh.callId);
    const again = await b.link.resync();
    expect(again.ok && again.value.calls.map((c) => c.callId)).toEqual([stays.callId]);
    await settle(b);
    expect(unackedOn(b)).toEqual([]);
  });
});

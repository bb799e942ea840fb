// The lab as a load target at reception scale: 20,000 users on the receptionist's Busy Lamp Field
// list, served over XSI (the list), CAP (one monitoringUsersRequest) and CTI (a subscription per
// user); reception-1000 with its call-rate activity on a virtual clock. Over raw sockets, with no
// project client code. No wall-clock figure is asserted (README "The lab at reception scale").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as net from 'node:net';
import { decodeBusyLampField } from '../../src/codecs/xsi/busy-lamp-field.ts';
import { startLab, type Lab, type LabUser } from '../../src/lab/index.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { RawCti } from './cti-raw-client.ts';
import { busyLampFieldXml, capMonitor } from './support/reception-raw.ts';

const N = 20_000;
const sockets: net.Socket[] = [];
afterAll(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

async function xsiBusyLampField(lab: Lab, me: LabUser) {
  const blf = decodeBusyLampField(await busyLampFieldXml(lab, me));
  if (!blf.ok) throw blf.error;
  return blf.value.users;
}

describe(`the lab at reception scale: ${N.toLocaleString('en-US')} monitored users in one lab`, () => {
  let lab: Lab;
  let monitored: LabUser[];
  beforeAll(async () => {
    lab = await startLab({ scenario: 'r22-cti', monitoredUsers: N, seed: 'reception' });
    monitored = lab.users.slice(1);
  }, 60_000);
  afterAll(() => lab?.stop());

  it('starts with every user, and XSI serves all of them as the receptionist\'s BusyLampField list', { timeout: 60_000 }, async () => {
    expect(lab.users).toHaveLength(N + 1);
    expect(lab.scenario.description).toContain(`; 20,000 users on ann@lab.test's Busy Lamp Field list`);
    const users = await xsiBusyLampField(lab, lab.users[0]!);
    expect(users.map((u) => u.userId)).toEqual(monitored.map((u) => u.loginId));
    expect(users.at(-1)).toEqual({ userId: 'user49996@lab.test', firstName: monitored.at(-1)!.firstName, lastName: monitored.at(-1)!.lastName, number: '6175549996', extension: '49996' });
    // A monitored user logs in over XSI with the lab password as well (the password index), and has
    // no list of its own (the users added monitor nobody).
    expect(await xsiBusyLampField(lab, monitored.at(-1)!)).toEqual([]);
  });

  it('CAP monitors all of them in one monitoringUsersRequest, sends each one\'s state, then their calls', { timeout: 60_000 }, async () => {
    const ids = monitored.map((u) => u.loginId);
    const { cap, response } = await capMonitor(lab, ids, sockets);
    expect(response).toContain('commandType="monitoringUsersResponse"');
    expect(response.match(/<monUser>/g)).toHaveLength(N);
    expect(lab.telephony.monitoredBy(lab.users[0]!.loginId)).toEqual(ids);
    // cap.md §9: the initial BLF state, one sessionUpdate per monitored user, in list order.
    const initial: string[] = [];
    for (let i = 0; i < N; i++) initial.push(/<monitoredUserId>([^<]+)</.exec(await cap.next())?.[1] ?? '');
    expect(initial).toEqual(ids);
    const last = monitored.at(-1)!;
    const call = lab.telephony.placeIncomingCall(last.loginId, { number: '+15550001234' });
    const update = await cap.next();
    expect(update).toContain('commandType="callUpdate"');
    expect(update).toContain(`<monitoredUserUid>${last.uid}</monitoredUserUid><monitoredUserId>${last.loginId}</monitoredUserId><call callId="${call.callId}"`);
    lab.telephony.release(last.loginId, call.callId);
    lab.telephony.setMonitoring(lab.users[0]!.loginId, []);
  });

  it('CTI takes a Basic Call subscription for each of them and pushes a monitored user\'s call to its subscription', { timeout: 60_000 }, async () => {
    const me = lab.users[0]!;
    const cti = await RawCti.connect(lab.services['cti']!.port, me.loginId, me.password);
    sockets.push(cti.socket);
    const channel = await cti.call({ name: 'AddChannelRequest', params: {}, payload: { root: 'Channel', body: { channelSetId: 'set', priority: 1, weight: 50, expires: 3600, applicationId: 'unity' } } });
    expect(channel.statusCode).toBe(200);
    let lastId = '';
    for (const u of monitored)
      lastId = cti.request({ name: 'AddUserSubscriptionRequest', params: { userId: u.loginId }, payload: { root: 'Subscription', body: { event: 'Basic Call', expires: 3600, channelSetId: 'set', applicationId: 'unity' } } });
    expect((await cti.take('response', (r) => r.requestId === lastId)).statusCode).toBe(200);
    const responses = cti.messages.filter((m) => m.kind === 'response');
    expect(responses).toHaveLength(N - 1);
    expect(responses.every((r) => r.kind === 'response' && r.statusCode === 200)).toBe(true);
    const last = monitored.at(-1)!;
    await cti.take('event', (e) => e.event.type === 'SubscriptionEvent' && e.event.targetId === last.loginId && e.event.eventData.type === 'CallSubscriptionEvent');
    cti.messages.length = 0;
    lab.telephony.placeIncomingCall(last.loginId, { number: '+15550004321' });
    const received = await cti.event('CallReceivedEvent');
    expect(received.event).toMatchObject({ type: 'SubscriptionEvent', targetId: last.loginId, userId: me.loginId });
    expect(cti.messages.filter((m) => m.kind === 'event')).toHaveLength(0); // nobody else's subscription got it
  });
});

describe('reception-1000 and its call-rate activity on a virtual clock', () => {
  it('starts, and calls at the rate ring, answer and release monitored users, seen over CAP as their lamps', { timeout: 60_000 }, async () => {
    const clock = new VirtualClock(0);
    const lab = await startLab({ scenario: 'reception-1000', seed: 'r1000', activity: { callsPerSecond: 20, callDurationMs: 4_000, ringMs: 1_000 }, scheduler: clock });
    try {
      expect(lab.scenario.name).toBe('reception-1000');
      expect(lab.users).toHaveLength(1_001);
      const ids = lab.users.slice(1).map((u) => u.loginId);
      expect((await xsiBusyLampField(lab, lab.users[0]!)).map((u) => u.userId)).toEqual(ids);
      const { cap, response } = await capMonitor(lab, ids, sockets);
      expect(response.match(/<monUser>/g)).toHaveLength(1_000);
      for (let i = 0; i < ids.length; i++) await cap.next(); // the initial state of each lamp
      expect(lab.callRate!.placed).toBe(0); // nothing happens while the clock stands still

      // 20 calls a second: one every 50 ms from 50 ms on, so by 5 s 100 calls, of which those started
      // by 1 s are over (4 s), those started by 4 s answered (1 s of ringing) and the rest ringing.
      clock.advance(5_000);
      expect(lab.callRate).toBe(lab.activity);
      expect(lab.callRate!.placed).toBe(100);
      const busy = lab.telephony.calls();
      expect(busy).toHaveLength(80);
      expect(busy.every((c) => ids.includes(c.userId))).toBe(true);
      // Over CAP: every call's ringing, answer and release, as monitored users' updates.
      const states = new Map<string, string[]>();
      let updates = 0;
      while (updates < 100 + 80 + 20) {
        const doc = await cap.next();
        if (!doc.includes('commandType="callUpdate"')) continue;
        updates++;
        expect(ids).toContain(/<monitoredUserId>([^<]+)</.exec(doc)?.[1]);
        const [, callId, state] = /<call callId="([^"]+)"[^>]*><state>(\d)<\/state>/.exec(doc) ?? [];
        states.set(callId!, [...(states.get(callId!) ?? []), state!]);
      }
      expect(states.size).toBe(100);
      const seen = [...states.values()].map((s) => s.join(' '));
      // cap.md §6 states: 1 alerting, 2 active, 5 released — 20 calls over, 60 talking, 20 still ringing.
      expect(seen.filter((s) => s === '1 2 5')).toHaveLength(20);
      expect(seen.filter((s) => s === '1 2')).toHaveLength(60);
      expect(seen.filter((s) => s === '1')).toHaveLength(20);
    } finally {
      await lab.stop();
    }
    expect(clock.pendingCount()).toBe(0); // stop cancels the activity's timers
  });
});

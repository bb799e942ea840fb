import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LabTelephony, TelephonyError, type TelephonyEvent, type TelephonyUserInput } from '../../src/lab/telephony/index.ts';

const USERS: TelephonyUserInput[] = [
  { userId: 'ann@lab.test', firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', services: ['Client Call Control', 'Call Center'], callCenters: ['sales@lab.test'] },
  { userId: 'bob@lab.test', firstName: 'Bob', lastName: 'Ray', extension: '2002', phoneNumber: '6175552002', services: ['Client Call Control'] },
  { userId: 'cy@lab.test', firstName: 'Cy', lastName: 'Dee', extension: '2003', services: [] },
];

function lab(seed = 7): { t: LabTelephony; events: TelephonyEvent[] } {
  let clock = 1_000;
  const t = new LabTelephony({ seed, users: USERS, callCenters: [{ id: 'sales@lab.test', name: 'Sales' }], now: () => (clock += 10) });
  const events: TelephonyEvent[] = [];
  t.on((e) => events.push(e));
  return { t, events };
}

describe('lab telephony model', () => {
  it('an internal call rings the callee, both legs go Active on answer, and release ends both', () => {
    const { t, events } = lab();
    const out = t.dial('ann@lab.test', '2002');
    expect(out).toMatchObject({ state: 'Alerting', personality: 'Originator', remote: { userId: 'bob@lab.test' } });
    const [bobLeg] = t.calls('bob@lab.test');
    expect(bobLeg).toMatchObject({ state: 'Alerting', personality: 'Terminator', remote: { number: '2001', name: 'Ann Lee' } });
    expect(bobLeg!.extTrackingId).toBe(out.extTrackingId);
    t.answer('bob@lab.test', bobLeg!.callId);
    expect(t.call(out.callId).state).toBe('Active');
    t.release('ann@lab.test', out.callId);
    expect(t.calls()).toEqual([]);
    expect(events.map((e) => `${e.type}:${'userId' in e ? e.userId : ''}`)).toEqual([
      'call-added:ann@lab.test',
      'call-added:bob@lab.test',
      'call-updated:bob@lab.test',
      'call-updated:ann@lab.test',
      'call-released:ann@lab.test',
      'call-released:bob@lab.test',
    ]);
  });

  it('hold puts the other side in Remote Held and retrieve brings both back', () => {
    const { t } = lab();
    const out = t.dial('ann@lab.test', '6175552002');
    const bobLeg = t.calls('bob@lab.test')[0]!;
    t.answer('bob@lab.test', bobLeg.callId);
    t.hold('ann@lab.test', out.callId);
    expect(t.call(out.callId).state).toBe('Held');
    expect(t.call(bobLeg.callId).state).toBe('Remote Held');
    t.answer('ann@lab.test', out.callId); // Answer on a held call retrieves (cap.md §5 lab rule)
    expect(t.call(bobLeg.callId).state).toBe('Active');
    expect(() => t.retrieve('ann@lab.test', out.callId)).toThrow(TelephonyError);
  });

  it('incoming external call, answer, recording start/pause/resume/stop with invalid steps refused', () => {
    const { t } = lab();
    const call = t.placeIncomingCall('ann@lab.test', { number: '+441234', name: 'Outside' });
    expect(() => t.startRecording('ann@lab.test', call.callId)).toThrow(/ringing/);
    t.answer('ann@lab.test', call.callId);
    expect(t.startRecording('ann@lab.test', call.callId).recording).toBe('Started');
    expect(t.pauseRecording('ann@lab.test', call.callId).recording).toBe('Paused');
    expect(() => t.pauseRecording('ann@lab.test', call.callId)).toThrow(/Paused/);
    expect(t.resumeRecording('ann@lab.test', call.callId).recording).toBe('Started');
    expect(t.stopRecording('ann@lab.test', call.callId).recording).toBe('Stopped');
  });

  it('blind transfer hands the outside caller to another lab user', () => {
    const { t } = lab();
    const call = t.placeIncomingCall('ann@lab.test', { number: '+441234' });
    t.answer('ann@lab.test', call.callId);
    const leg = t.blindTransfer('ann@lab.test', call.callId, '2003');
    expect(t.calls('ann@lab.test')).toEqual([]);
    expect(leg).toMatchObject({ userId: 'cy@lab.test', state: 'Alerting', remote: { number: '+441234' } });
  });

  it('consult transfer joins the two remote parties and removes the transferring user', () => {
    const { t } = lab();
    const toBob = t.dial('ann@lab.test', '2002');
    t.answer('bob@lab.test', t.calls('bob@lab.test')[0]!.callId);
    t.hold('ann@lab.test', toBob.callId);
    const toCy = t.dial('ann@lab.test', '2003');
    t.answer('cy@lab.test', t.calls('cy@lab.test')[0]!.callId);
    t.consultTransfer('ann@lab.test', toBob.callId, toCy.callId);
    expect(t.calls('ann@lab.test')).toEqual([]);
    const bob = t.calls('bob@lab.test')[0]!;
    const cy = t.calls('cy@lab.test')[0]!;
    expect(bob).toMatchObject({ state: 'Active', remote: { userId: 'cy@lab.test' }, peerCallId: cy.callId });
    expect(cy).toMatchObject({ state: 'Active', remote: { userId: 'bob@lab.test' }, peerCallId: bob.callId });
  });

  it('call-center queue entries come and go, distribution rings the agent with the call center id', () => {
    const { t, events } = lab();
    const entry = t.addQueueEntry('sales@lab.test', { number: '+15550001' });
    expect(t.queue('sales@lab.test')).toHaveLength(1);
    const call = t.distributeQueueEntry('sales@lab.test', entry.entryId, 'ann@lab.test');
    expect(call).toMatchObject({ callCenterId: 'sales@lab.test', state: 'Alerting' });
    expect(t.queue('sales@lab.test')).toEqual([]);
    expect(events.some((e) => e.type === 'queue-entry-removed' && e.reason === 'Distributed')).toBe(true);
    t.setAgentState('ann@lab.test', 'Available');
    expect(t.user('ann@lab.test').agentState).toBe('Available');
    expect(() => t.addQueueEntry('nope', { number: '1' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_CALL_CENTER' }));
  });

  it('BLF monitoring keeps known users only and reports watchers', () => {
    const { t } = lab();
    expect(t.setMonitoring('ann@lab.test', ['bob@lab.test', 'ghost@lab.test', 'ann@lab.test'])).toEqual(['bob@lab.test']);
    t.addMonitoring('ann@lab.test', ['cy@lab.test']);
    expect(t.watchersOf('cy@lab.test')).toEqual(['ann@lab.test']);
    t.removeMonitoring('ann@lab.test', ['bob@lab.test']);
    expect(t.monitoredBy('ann@lab.test')).toEqual(['cy@lab.test']);
  });

  it('finds users by uid, extension and DN, agents by call center, and monitoring, from indexes', () => {
    const { t } = lab();
    const bob = t.user('bob@lab.test');
    expect(t.userByUid(bob.uid)?.userId).toBe('bob@lab.test');
    expect(t.userByUid(1)).toBeUndefined();
    expect(t.userByNumber('2003')?.userId).toBe('cy@lab.test');
    expect(t.userByNumber('617-555-2002')?.userId).toBe('bob@lab.test');
    expect(t.userByNumber('2009')).toBeUndefined();
    expect(t.agentsOf('sales@lab.test').map((u) => u.userId)).toEqual(['ann@lab.test']);
    expect(t.agentsOf('nope')).toEqual([]);
    t.setMonitoring('ann@lab.test', ['bob@lab.test']);
    expect(t.isMonitoring('ann@lab.test', 'bob@lab.test')).toBe(true);
    expect(t.isMonitoring('ann@lab.test', 'cy@lab.test')).toBe(false);
    expect(t.isMonitoring('bob@lab.test', 'ann@lab.test')).toBe(false);
    // A number two users share belongs to the first of them, as the scan in input order found it.
    const shared = new LabTelephony({ users: [USERS[0]!, { ...USERS[1]!, userId: 'twin@lab.test', extension: '6175552001' }] });
    expect(shared.userByNumber('6175552001')?.userId).toBe('ann@lab.test');
  });

  it('refuses operations on unknown users and on other users\' calls with typed errors', () => {
    const { t } = lab();
    const call = t.placeIncomingCall('ann@lab.test', { number: '1' });
    expect(() => t.answer('bob@lab.test', call.callId)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CALL' }));
    expect(() => t.dial('ghost@lab.test', '2001')).toThrow(expect.objectContaining({ code: 'UNKNOWN_USER' }));
    expect(() => t.dial('ann@lab.test', 'abc')).toThrow(expect.objectContaining({ code: 'BAD_NUMBER' }));
  });

  type Op = { op: 'dial' | 'answer' | 'hold' | 'retrieve' | 'release' | 'incoming' | 'xfer' | 'remoteAnswer'; u: number; n: number };
  const opArb: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('dial', 'answer', 'hold', 'retrieve', 'release', 'incoming', 'xfer', 'remoteAnswer'),
    u: fc.nat(2),
    n: fc.nat(5),
  });


  function run(seed: number, ops: Op[]): { t: LabTelephony; events: TelephonyEvent[] } {
    const world = lab(seed);
    const numbers = ['2001', '2002', '2003', '+4400', '555', '6175552001'];
    for (const { op, u, n } of ops) {
      // Call operations act on one of all live calls, as its owner, so that they mostly apply.
      const live = world.t.calls();
      const target = live[n % Math.max(1, live.length)];
      const callId = target?.callId ?? 'none';
      const userId = op === 'dial' || op === 'incoming' || !target ? USERS[u]!.userId : target.userId;
      try {
        if (op === 'dial') world.t.dial(userId, numbers[n]!);
        else if (op === 'incoming') world.t.placeIncomingCall(userId, { number: numbers[n]! });
        else if (op === 'answer') world.t.answer(userId, callId);
        else if (op === 'hold') world.t.hold(userId, callId);
        else if (op === 'retrieve') world.t.retrieve(userId, callId);
        else if (op === 'release') world.t.release(userId, callId);
        else if (op === 'xfer') world.t.blindTransfer(userId, callId, numbers[n]!);
        else world.t.remoteAnswer(callId);
      } catch (error) {
        if (!(error instanceof TelephonyError)) throw error;
      }
    }
    return world;
  }

  it('any sequence of operations keeps legs consistent (symmetric peers, matching hold states)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(opArb, { maxLength: 40 }), (seed, ops) => {
        const { t } = run(seed, ops);
        // The per-user index says what a scan of all calls says, oldest first.
        for (const { userId } of USERS) {
          expect(t.calls(userId)).toEqual(t.calls().filter((c) => c.userId === userId));
          expect(t.callCount(userId)).toBe(t.calls(userId).length);
        }
        for (const call of t.calls()) {
          expect(call.state).not.toBe('Released');
          if (call.peerCallId !== null) {
            const peer = t.call(call.peerCallId);
            expect(peer.peerCallId).toBe(call.callId);
            // Hold is seen from the other side; a ringing leg's caller is ringing, talking, or holding
            // (a transferred caller), never released.
            if (call.state === 'Held') expect(['Remote Held', 'Alerting']).toContain(peer.state);
            if (call.state === 'Remote Held') expect(peer.state).toBe('Held');
            if (call.state === 'Alerting') expect(['Alerting', 'Active', 'Held']).toContain(peer.state);
            if (call.state === 'Active') expect(['Active', 'Alerting']).toContain(peer.state);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same seed and operations give the same ids and events', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(opArb, { maxLength: 25 }), (seed, ops) => {
        expect(run(seed, ops).events).toEqual(run(seed, ops).events);
      }),
      { numRuns: 50 },
    );
    expect(lab(1).t.dial('ann@lab.test', '555').callId).not.toBe(lab(2).t.dial('ann@lab.test', '555').callId);
  });
});

// The domain reducer (issue 11 item 2), property-tested against small independent models: the calls
// of a line, the lamps, the settling of each message's delivery, the bounds, and purity.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { callActions } from '../../../src/machines/domain/call-actions.ts';
import type { DomainEvent } from '../../../src/machines/domain/contract.ts';
import { DOMAIN_LIMITS, INITIAL_DOMAIN_STATE, conversationKey, type CallFacts, type DomainState } from '../../../src/machines/domain/domain-state.ts';
import { foldDomain, reduceDomain } from '../../../src/machines/domain/reduce-domain.ts';
import { canonicalJson } from '../../../src/machines/log/digest.ts';
import { callEvent, callFacts, domainEvent, imEvent } from './arbitraries.ts';

/** A line modelled as a Map (listing replaces, change merges, release deletes). */
function modelLine(events: readonly DomainEvent[], user: string | undefined): Map<string, CallFacts> {
  const line = new Map<string, CallFacts>();
  for (const e of events) {
    // A user dropped from the BLF list loses the lamp, and with it the calls it showed.
    if (e.type === 'LAMPS.MONITORED' && user !== undefined && !e.users.includes(user)) line.clear();
    if (e.type === 'LAMPS.MONITORED' || !('monitoredUser' in e ? e.monitoredUser === user : user === undefined)) continue;
    if (e.type === 'CALLS.LISTED') {
      line.clear();
      for (const c of e.calls) line.set(c.callId, c);
    } else if (e.type === 'CALL.CHANGED') {
      const before = line.get(e.call.callId);
      // An update that names nobody (no name, number, user, nor privacy) keeps the party known before.
      const r = e.call.remote;
      const hasParty = r.name !== undefined || r.number !== undefined || r.userId !== undefined || r.privacy === true;
      line.set(e.call.callId, before ? { ...before, ...e.call, remote: hasParty ? e.call.remote : before.remote } : e.call);
    } else if (e.type === 'CALL.RELEASED') line.delete(e.callId);
  }
  return line;
}

describe('domain reducer, property', () => {
  test.prop([fc.array(callEvent, { minLength: 8, maxLength: 40 })])('the own line holds exactly the calls the model holds, each with its actions', (events) => {
    const state = foldDomain(events);
    const model = modelLine(events, undefined);
    expect(Object.keys(state.calls).sort()).toEqual([...model.keys()].sort());
    for (const [id, facts] of model) {
      const call = state.calls[id]!;
      expect(call.state).toBe(facts.state);
      expect(call.remote).toEqual(facts.remote);
      expect(call.actions).toEqual(callActions({ ...facts, recording: facts.recording ?? 'off' }));
      expect(call.actions).toContain('release');
    }
  });

  test.prop([fc.array(callEvent, { minLength: 8, maxLength: 40 })])('each lamp is idle with no call, ringing when one rings in, else busy', (events) => {
    const state = foldDomain(events);
    // Model: per monitored user, whether the lamp is known and what the last call or hook news said.
    const model = new Map<string, { known: 'unknown' | 'idle' | 'busy' | 'calls' }>();
    for (const e of events) {
      if (e.type === 'LAMPS.MONITORED') {
        for (const user of [...model.keys()]) if (!e.users.includes(user)) model.delete(user);
        for (const user of e.users) if (!model.has(user)) model.set(user, { known: 'unknown' });
        continue;
      }
      const user = 'monitoredUser' in e ? e.monitoredUser : undefined;
      if (user === undefined) continue;
      const lamp = model.get(user) ?? { known: 'unknown' as const };
      model.set(user, lamp);
      const calls = modelLine(events.slice(0, events.indexOf(e) + 1), user);
      if (e.type === 'HOOK.CHANGED') {
        if (calls.size === 0) lamp.known = e.offHook ? 'busy' : 'idle';
      } else lamp.known = calls.size === 0 ? 'idle' : 'calls';
    }
    expect(Object.keys(state.lamps).sort()).toEqual([...model.keys()].sort());
    for (const [user, lamp] of Object.entries(state.lamps)) {
      const calls = Object.values(lamp.calls);
      expect(Object.keys(lamp.calls).sort()).toEqual([...modelLine(events, user).keys()].sort());
      const known = model.get(user)!.known;
      if (known !== 'calls') expect(lamp.state).toBe(known);
      else if (calls.some((c) => c.state === 'alerting' && c.direction !== 'outgoing')) expect(lamp.state).toBe('ringing');
      else expect(lamp.state).toBe('busy');
    }
  });

  test.prop([fc.array(imEvent, { minLength: 8, maxLength: 40 })])('an outbound message settles once: the first report after it was queued wins', (events) => {
    const state = foldDomain(events);
    // Model: per (service, id), the first queue, then the first settle report for it.
    const expected = new Map<string, string>(); // service:id → delivery; the first queue of an id wins
    for (const e of events) {
      if (e.type === 'USER.COMMAND' && e.messageId !== undefined && !expected.has(`${e.service}:${e.messageId}`)) expected.set(`${e.service}:${e.messageId}`, 'queued');
      if ((e.type === 'IM.DELIVERED' || e.type === 'IM.REJECTED') && expected.get(`${e.service}:${e.id}`) === 'queued') {
        expected.set(`${e.service}:${e.id}`, e.type === 'IM.DELIVERED' ? 'delivered' : 'rejected');
      }
      if (e.type === 'COMMAND.RESULT' && !e.ok && expected.get(`${e.service}:${e.messageId}`) === 'queued') expected.set(`${e.service}:${e.messageId}`, 'failed');
    }
    const out = Object.values(state.conversations).flatMap((c) => c.messages.filter((m) => m.direction === 'out').map((m) => ({ service: c.service, ...m })));
    expect(out.map((m) => `${m.service}:${m.id}`).sort()).toEqual([...expected.keys()].sort());
    for (const m of out) expect(m.delivery).toBe(expected.get(`${m.service}:${m.id}`));
  });

  test.prop([fc.array(imEvent, { minLength: 8, maxLength: 40 })])('a message received twice (a resend after a reconnect) is shown once', (events) => {
    const state = foldDomain([...events, ...events.filter((e) => e.type === 'IM.RECEIVED')]);
    for (const conv of Object.values(state.conversations)) {
      const inbound = conv.messages.filter((m) => m.direction === 'in').map((m) => m.id);
      expect(new Set(inbound).size).toBe(inbound.length);
    }
  });

  test.prop([fc.array(domainEvent, { minLength: 8, maxLength: 60 })])('pure: the same events give the same state, the inputs are never changed', (events) => {
    const frozen = JSON.stringify(events);
    const a = foldDomain(events);
    const b = foldDomain(JSON.parse(frozen) as DomainEvent[]);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(JSON.stringify(events)).toBe(frozen);
    expect(canonicalJson(INITIAL_DOMAIN_STATE)).toBe(canonicalJson(foldDomain([])));
  });

  test.prop([fc.array(domainEvent, { minLength: 8, maxLength: 60 }), fc.constantFrom({ type: 'KEEPALIVE.ACK', seq: 1 }, { type: 'CALL.CHANGED' }, { type: 'IM.RECEIVED', service: 'imp' }, { type: 'CALLS.LISTED', calls: 'x' })])(
    'an event it does not know, or a malformed one, leaves the very same state',
    (events, odd) => {
      const state = foldDomain(events);
      expect(reduceDomain(state, odd)).toBe(state);
    },
  );

  it('stays within its bounds however long the session', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(callFacts, fc.nat({ max: 10_000 })), { minLength: 1, maxLength: 50 }), (seeds) => {
        let state: DomainState = INITIAL_DOMAIN_STATE;
        for (let i = 0; i < 600; i++) {
          const [facts, n] = seeds[i % seeds.length]!;
          state = reduceDomain(state, { type: 'CALL.CHANGED', call: { ...facts, callId: `call-${i}` } });
          state = reduceDomain(state, { type: 'IM.RECEIVED', service: 'imp', id: `m-${i}`, from: `u${(n + i) % 400}@lab.test`, body: { digest: '00', length: 2 }, at: i });
          state = reduceDomain(state, { type: 'IM.RECEIVED', service: 'xmpp', id: `x-${i}`, from: 'bob@lab.test', body: { digest: '00', length: 2 }, at: i });
          state = reduceDomain(state, { type: 'USER.COMMAND', commandId: `k-${i}`, command: 'dial', at: i });
          state = reduceDomain(state, { type: 'QUEUE.ENTRY_ADDED', callCenterId: `cc-${i % 100}`, entryId: `e-${i}` });
        }
        expect(Object.keys(state.calls).length).toBeLessThanOrEqual(DOMAIN_LIMITS.callsPerLine);
        expect(Object.keys(state.conversations).length).toBeLessThanOrEqual(DOMAIN_LIMITS.conversations);
        expect(state.conversations[conversationKey('xmpp', 'bob@lab.test')]!.messages).toHaveLength(DOMAIN_LIMITS.messagesPerConversation);
        expect(Object.keys(state.commands.pending).length).toBeLessThanOrEqual(DOMAIN_LIMITS.pendingCommands);
        expect(Object.keys(state.callCenter.queues).length).toBeLessThanOrEqual(DOMAIN_LIMITS.queues);
      }),
      { numRuns: 5 },
    );
  });
});

describe('domain reducer, examples', () => {
  it('a ringing incoming call can be answered; answered, it can be held, transferred and recorded', () => {
    let s = reduceDomain(INITIAL_DOMAIN_STATE, { type: 'CALL.CHANGED', call: { callId: 'c1', state: 'alerting', direction: 'incoming', remote: { number: { digest: 'ab', length: 4 } } } });
    expect(s.calls['c1']!.actions).toEqual(['answer', 'release']);
    s = reduceDomain(s, { type: 'CALL.CHANGED', call: { callId: 'c1', state: 'active', remote: {} } });
    // The remote party stays known when an update leaves it out (CAP).
    expect(s.calls['c1']).toMatchObject({ state: 'active', direction: 'incoming', remote: { number: { digest: 'ab', length: 4 } }, recording: 'off' });
    expect(s.calls['c1']!.actions).toEqual(['hold', 'transfer', 'record', 'release']);
    s = reduceDomain(s, { type: 'CALL.CHANGED', call: { callId: 'c1', state: 'active', remote: {}, recording: 'on', recordingControls: 'pause-stop' } });
    expect(s.calls['c1']!.actions).toEqual(['hold', 'transfer', 'pauseRecording', 'stopRecording', 'release']);
    s = reduceDomain(s, { type: 'CALL.RELEASED', callId: 'c1' });
    expect(s.calls).toEqual({});
  });

  it('a queued IM is delivered once; a later rejection of it changes nothing', () => {
    let s = reduceDomain(INITIAL_DOMAIN_STATE, { type: 'USER.COMMAND', commandId: 'k1', command: 'sendIm', messageId: 'm1', to: 'Bob@lab.test', service: 'imp', body: { digest: 'cd', length: 5 }, at: 10 });
    const key = conversationKey('imp', 'bob@lab.test');
    expect(s.conversations[key]!.messages[0]).toMatchObject({ id: 'm1', direction: 'out', delivery: 'queued' });
    expect(s.commands.pending['k1']).toEqual({ command: 'sendIm', at: 10 });
    s = reduceDomain(s, { type: 'COMMAND.RESULT', commandId: 'k1', command: 'sendIm', ok: true, messageId: 'm1' });
    s = reduceDomain(s, { type: 'IM.DELIVERED', service: 'imp', id: 'm1' });
    const settled = s;
    s = reduceDomain(s, { type: 'IM.REJECTED', service: 'imp', id: 'm1', reason: 'late' });
    expect(s).toBe(settled);
    expect(s.conversations[key]!.messages[0]!.delivery).toBe('delivered');
    expect(s.commands).toEqual({ pending: {}, recent: [{ commandId: 'k1', command: 'sendIm', ok: true }] });
  });

  it('keeps each monitored user\u2019s subscription state (the last of a batch wins), and a list with it', () => {
    let s = reduceDomain(INITIAL_DOMAIN_STATE, {
      type: 'LAMPS.STATUS',
      via: 'cti',
      at: 5,
      list: { users: ['bob@lab.test', 'cy@lab.test'], note: null },
      lamps: [
        { userId: 'bob@lab.test', state: 'waiting' },
        { userId: 'cy@lab.test', state: 'waiting' },
      ],
    });
    expect(s.monitoring).toEqual({ users: ['bob@lab.test', 'cy@lab.test'], note: null });
    s = reduceDomain(s, {
      type: 'LAMPS.STATUS',
      via: 'cti',
      at: 6,
      lamps: [
        { userId: 'bob@lab.test', state: 'subscribing', attempt: 1 },
        { userId: 'bob@lab.test', state: 'subscribed' },
        { userId: 'cy@lab.test', state: 'retrying', cause: 'timeout', reason: 'no answer in 30 s', attempt: 1, retryAt: 20_006, draw: 0.4 },
        { userId: 'zoe@lab.test', state: 'subscribed' }, // not on the list: no lamp
      ],
    });
    expect(s.lamps['bob@lab.test']).toMatchObject({ state: 'unknown', subscription: { state: 'subscribed' } });
    expect(s.lamps['cy@lab.test']!.subscription).toEqual({ state: 'retrying', cause: 'timeout', reason: 'no answer in 30 s', attempt: 1, retryAt: 20_006 });
    expect(s.lamps['zoe@lab.test']).toBeUndefined();
    // A retrying status without its retry time is malformed: ignored whole.
    expect(reduceDomain(s, { type: 'LAMPS.STATUS', via: 'cti', at: 7, lamps: [{ userId: 'bob@lab.test', state: 'retrying' }] })).toBe(s);
  });

  it('marks a voicemail message read when the server confirmed the markRead', () => {
    const from = { name: { text: 'Pat' } };
    let s = reduceDomain(INITIAL_DOMAIN_STATE, { type: 'VOICEMAIL.LISTED', messages: [{ id: 'v1', from, at: 1, read: false, urgent: false, confidential: false, video: false, fax: false }] });
    s = reduceDomain(s, { type: 'COMMAND.RESULT', commandId: 'k', command: 'markRead', ok: false, messageId: 'v1', code: 'failed' });
    expect(s.voicemail.messages![0]!.read).toBe(false);
    s = reduceDomain(s, { type: 'COMMAND.RESULT', commandId: 'k2', command: 'markRead', ok: true, messageId: 'v1' });
    expect(s.voicemail.messages![0]!.read).toBe(true);
  });
});

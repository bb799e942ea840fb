// The log stays shareable (issue 11 item 2): whatever the protocols report and the user asks for —
// remote and dialled numbers, caller names, IM texts, voicemail callers, a server error that
// echoes what it was sent — none of it appears in the serialized event log, unless the session
// was told to record content. The pipeline is the client's own: the translation of decoded XSI and
// CAP events, the domain feed over the drivers' streams, the command events, the concealer and the
// recorded system with the domain actor, serialized by encodeLog.
import { fc, test } from '@fast-check/vitest';
import { randomBytes } from 'node:crypto';
import { Subject } from 'rxjs';
import { describe, expect } from 'vitest';
import { domainEventsOfCap } from '../../src/adapters/domain/cap-domain-events.ts';
import { voicemailListed } from '../../src/adapters/domain/voicemail-domain-events.ts';
import { domainEventsOfXsi } from '../../src/adapters/domain/xsi-domain-events.ts';
import type { CapCallUpdate } from '../../src/codecs/cap/types.ts';
import type { XsiCall } from '../../src/codecs/xsi/call.ts';
import type { XsiEventData } from '../../src/codecs/xsi/events.ts';
import { commandResultEvent, userCommandEvent } from '../../src/client/command-events.ts';
import { createContentConcealer } from '../../src/client/content-concealer.ts';
import { createDomainFeed } from '../../src/client/domain-feed.ts';
import type { SessionDrivers } from '../../src/client/session-drivers.ts';
import type { UnityCommand } from '../../src/client/client-commands.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { schedulerOf } from '../../src/effects/time-source-scheduler.ts';
import { DOMAIN_ACTOR_ID } from '../../src/machines/domain/contract.ts';
import type { DomainState } from '../../src/machines/domain/domain-state.ts';
import { encodeLog } from '../../src/machines/log/jsonl.ts';
import { createRecordedSystem } from '../../src/machines/log/recorded-system.ts';
import { startupMachine } from '../../src/machines/startup/startup-machine.ts';
import { replay } from '../../src/machines/replay/replay.ts';

/** A phone number as servers write them: E.164, sometimes as a tel: URI. */
const phoneNumber = fc
  .tuple(fc.integer({ min: 1, max: 99 }), fc.stringMatching(/^[0-9]{8,11}$/), fc.boolean())
  .map(([cc, rest, uri]) => `${uri ? 'tel:' : ''}+${cc}${rest}`);
/** A caller's name or an IM text: long enough to be unmistakable, any characters (escaping included). */
const text = fc.string({ minLength: 10, maxLength: 40, unit: fc.oneof(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ÄéØ"\\<>&'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })) }).filter((t) => t.trim().length >= 10);

const remoteParty = fc.record({ name: text, number: phoneNumber, privacy: fc.boolean() });
const xsiCall = fc.record({ id: fc.stringMatching(/^callhalf-[0-9]{3,6}:0$/), party: remoteParty, state: fc.constantFrom('Alerting', 'Active', 'Held', 'Released') }).map(
  ({ id, party, state }): XsiCall => ({
    callId: id,
    extTrackingId: '1:1',
    personality: 'Terminator',
    state: state as XsiCall['state'],
    remoteParty: { name: party.name, address: { value: party.number }, privacy: party.privacy },
    allowAnswer: false,
    allowRetrieve: false,
    startTime: 1,
    recorded: false,
  }),
);
const xsiEvent = fc.oneof(
  xsiCall.map((call): XsiEventData => ({ type: 'CallReceivedEvent', call })),
  xsiCall.map((call): XsiEventData => ({ type: 'CallRecordingStartedEvent', call })),
  fc.array(xsiCall, { minLength: 1, maxLength: 3 }).map((call): XsiEventData => ({ type: 'CallSubscriptionEvent', calls: { call }, hookStatus: 'Off-Hook' })),
);
const capUpdate = fc
  .record({ number: fc.stringMatching(/^[0-9]{9,12}$/), name: text, monitored: fc.option(fc.constant('bob@lab.test'), { nil: undefined }) })
  .map(
    ({ number, name, monitored }): CapCallUpdate => ({
      type: 'callUpdate',
      ...(monitored ? { monitoredUserId: monitored } : {}),
      call: { callId: 'c-41', state: 1, remoteNumber: number, remoteName: name },
    }),
  );
const command = fc.oneof(
  phoneNumber.map((number): UnityCommand => ({ type: 'dial', number })),
  phoneNumber.map((number): UnityCommand => ({ type: 'transfer', callId: 'callhalf-1:0', number })),
  text.map((body): UnityCommand => ({ type: 'sendIm', to: 'bob@lab.test', body })),
);

/** What one generated session tells the client, and the secrets in it. */
const session = fc.record({
  xsi: fc.array(fc.tuple(fc.constantFrom('ann@lab.test', 'bob@lab.test'), xsiEvent), { maxLength: 6 }),
  cap: fc.array(capUpdate, { maxLength: 3 }),
  ims: fc.array(fc.record({ from: fc.constantFrom('bob@lab.test', 'bob@xmpp.lab.test/desk'), body: text }), { maxLength: 4 }),
  voicemail: fc.array(fc.record({ name: text, number: phoneNumber }), { maxLength: 3 }),
  commands: fc.array(fc.tuple(command, fc.boolean()), { maxLength: 4 }),
});
type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

function secretsOf(s: Session): string[] {
  const fromCalls = (e: XsiEventData): string[] =>
    ('call' in e ? [e.call] : 'calls' in e && e.calls ? e.calls.call : []).flatMap((c) => [c.remoteParty.name!, c.remoteParty.address!.value]);
  return [
    ...s.xsi.flatMap(([, e]) => fromCalls(e)),
    ...s.cap.flatMap((u) => [u.call.remoteNumber!, u.call.remoteName!]),
    ...s.ims.map((m) => m.body),
    ...s.voicemail.flatMap((v) => [v.name, v.number]),
    ...s.commands.map(([c]) => (c.type === 'sendIm' ? c.body : c.type === 'dial' || c.type === 'transfer' ? c.number : '')),
  ].filter((x) => x !== '');
}

/** Runs the session through the client's pipeline into a recorded system; the serialized log and the domain state. */
function record(s: Session, recordContent: boolean): { log: string; entries: number; domain: DomainState; replayed: boolean } {
  const clock = new VirtualClock(1_000_000);
  const system = createRecordedSystem({ machine: startupMachine, input: { serverHost: 'ocs.lab.test', loginId: 'ann@lab.test', clientType: 'Desktop', clientVersion: '1.0.0' }, clock, systemId: 'startup' });
  system.start();
  const concealer = createContentConcealer({ key: randomBytes(32), recordContent });
  const { conceal } = concealer;
  const dispatch = (event: object): void => system.dispatch(DOMAIN_ACTOR_ID, event as { type: string }, 'network');
  // The drivers' session-long streams, as the domain feed reads them.
  const impMessages = new Subject<{ id: string; from: string; to: string; sent: number; body: string }>();
  const xmppMessages = new Subject<{ id: string | undefined; from: string | undefined; to: string | undefined; type: string; body: string }>();
  const drivers = {
    cti: { news$: new Subject() },
    cap: { news$: new Subject() },
    imp: { messages$: impMessages, delivery$: new Subject() },
    xmpp: { messages$: xmppMessages, delivered$: new Subject() },
  } as unknown as SessionDrivers;
  const feed = createDomainFeed({ system, drivers, ownUser: 'ann@lab.test', conceal, ids: () => 'x-1', scheduler: schedulerOf(clock) });
  for (const [target, data] of s.xsi) for (const e of domainEventsOfXsi(target, data, { ownUser: 'ann@lab.test', conceal })) dispatch(e);
  for (const u of s.cap) for (const e of domainEventsOfCap(u, conceal)) dispatch(e);
  s.ims.forEach((m, i) => {
    if (m.from.includes('xmpp')) xmppMessages.next({ id: `x${i}`, from: m.from, to: 'ann@xmpp.lab.test', type: 'chat', body: m.body });
    else impMessages.next({ id: `m${i}`, from: m.from, to: 'ann@lab.test', sent: 5, body: m.body });
  });
  dispatch(voicemailListed(s.voicemail.map((v, i) => ({ id: `v${i}`, time: 1, read: false, urgent: false, confidential: false, video: false, fax: false, callingPartyInfo: { name: v.name, address: { value: v.number }, privacy: false } })), conceal));
  s.commands.forEach(([c, fails], i) => {
    const ids = { commandId: `k${i}`, ...(c.type === 'sendIm' ? { messageId: `o${i}`, service: 'imp' as const } : {}) };
    system.dispatch(DOMAIN_ACTOR_ID, userCommandEvent(c, { ...ids, at: clock.now(), conceal }) as unknown as { type: string }, 'user');
    // A server's error text may echo what it was sent: the result event must not carry it on.
    const secret = c.type === 'sendIm' ? c.body : c.type === 'dial' || c.type === 'transfer' ? c.number : '';
    const result = fails ? { ok: false as const, code: 'failed' as const, message: `the server refused ${secret} (400)` } : { ok: true as const };
    dispatch(commandResultEvent(c, ids.commandId, result, ids));
  });
  feed.close();
  const domain = (system.actor.system.get(DOMAIN_ACTOR_ID)!.getSnapshot() as { context: DomainState }).context;
  const replayed = replay(system.entries, { machine: startupMachine }).ok;
  system.stop();
  return { log: encodeLog(system.entries), entries: system.entries.length, domain, replayed };
}

/** The text, and the text as JSON writes it inside a string (quotes, backslashes, controls escaped). */
const forms = (secret: string): string[] => [secret, JSON.stringify(secret).slice(1, -1)];

describe('the event log stays shareable (issue 11)', () => {
  test.prop([session], { numRuns: 60 })('no number, name or IM text from the session appears in the serialized log, and the log replays', (s) => {
    const { log, replayed, domain } = record(s, false);
    for (const secret of secretsOf(s)) for (const form of forms(secret)) expect(log).not.toContain(form);
    expect(replayed).toBe(true);
    // The domain state still has every call and message (as digests): privacy costs no state.
    const messages = Object.values(domain.conversations).flatMap((c) => c.messages);
    expect(messages.filter((m) => m.direction === 'in')).toHaveLength(s.ims.length);
    expect(domain.voicemail.messages).toHaveLength(s.voicemail.length);
  });

  test.prop([session.filter((s) => secretsOf(s).length > 0)], { numRuns: 30 })('with recordContent (a local log) the texts are in the log as they are', (s) => {
    const { log, replayed } = record(s, true);
    // What the domain keeps is recorded (an error text echoing a number is still never kept).
    const kept = [...s.ims.map((m) => m.body), ...s.voicemail.flatMap((v) => [v.name, v.number]), ...s.commands.map(([c]) => (c.type === 'sendIm' ? c.body : c.type === 'fetchVoicemail' ? '' : 'number' in c ? c.number : ''))].filter(
      (x) => x !== '',
    );
    for (const secret of kept) expect(log).toContain(JSON.stringify(secret).slice(1, -1));
    expect(replayed).toBe(true);
  });
});

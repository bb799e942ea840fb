// The KEMP link against the real lab IM&P server over loopback TCP and TLS: registration (with
// impToken, legacy without), messages both ways, the offline store, PING, BYE, and the outbox that
// delivers exactly once across drops.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReceivedIds } from '../../../src/adapters/kemp/received-ids.ts';
import { emptyOutbox, enqueue, settle, type Outbox } from '../../../src/adapters/kemp/outbox.ts';
import type { KempOutgoing } from '../../../src/adapters/kemp/kemp-link.ts';
import { ANN, BOB, CY, eventOf, GROUP, messagesArrived, openKemp, startImpLab, type ImpLab, type OpenedKemp } from './support/imp-lab.ts';

let lab: ImpLab;
const opened: OpenedKemp[] = [];

beforeAll(async () => {
  lab = await startImpLab();
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(async () => {
  for (const o of opened.splice(0)) o.link.close();
  await lab.server.fault({ type: 'clear' });
});

async function registered(loginId: string, options: Parameters<typeof openKemp>[1] = {}): Promise<OpenedKemp> {
  const o = await openKemp(lab, options);
  opened.push(o);
  const r = await o.link.register({ loginId, groupId: GROUP, impToken: lab.token(loginId) });
  expect(r.ok).toBe(true);
  return o;
}

const message = (to: string, body: string, sent = 1_795_000_000_000): KempOutgoing => ({ to, body, sent });

describe('KEMP link: REGISTER (kakapo.md §3.2, seed §1.1)', () => {
  it('registers over TLS with the login ID, the group ID and the impToken; the body is sealed', async () => {
    const o = await openKemp(lab, { tls: true });
    opened.push(o);
    expect(o.link.secure).toBe(true);
    const token = lab.token(ANN);
    const r = await o.link.register({ loginId: ANN, groupId: GROUP, impToken: token });
    expect(r.ok && r.value.loginId).toBe(ANN);
    expect(r.ok && r.value.sessionId.length).toBeGreaterThan(0);
    expect(o.link.registration?.loginId).toBe(ANN);
    expect(lab.server.registeredUsers()).toContain(ANN);
    const wire = o.written.join('');
    expect(wire).toMatch(/^REGISTER im\.lab\.test KEMP\/1\.0\r\nSeq: 1\r\nKey-Id: dev-2026-01\r\nNonce: /);
    expect(wire).not.toContain(ANN); // login id and token travel sealed only
    expect(wire).not.toContain(token);
  });

  it('without an impToken the server refuses (401) as a typed auth failure', async () => {
    const o = await openKemp(lab);
    opened.push(o);
    const r = await o.link.register({ loginId: ANN, groupId: GROUP });
    expect(!r.ok && r.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(o.link.registration).toBeNull();
  });

  it('a wrong group ID is refused (403)', async () => {
    const o = await openKemp(lab);
    opened.push(o);
    const r = await o.link.register({ loginId: ANN, groupId: 'G-Other', impToken: lab.token(ANN) });
    expect(!r.ok && r.error).toMatchObject({ kind: 'auth', status: 403 });
  });

  it('an enterprise user registers with the enterprise ID instead of a group ID', async () => {
    const ent = await startImpLab({ enterprise: 'ENT-Lab' });
    try {
      const o = await openKemp(ent);
      expect((await o.link.register({ loginId: BOB, groupId: GROUP, impToken: ent.token(BOB) })).ok).toBe(false);
      o.link.close();
      const p = await openKemp(ent);
      const r = await p.link.register({ loginId: BOB, enterpriseId: 'ENT-Lab', impToken: ent.token(BOB) });
      expect(r.ok).toBe(true);
      p.link.close();
    } finally {
      await ent.stop();
    }
  });

  it('legacy mode: a server configured for legacy-imp accepts the login ID and group ID alone', async () => {
    const legacy = await startImpLab({ legacy: true });
    try {
      const o = await openKemp(legacy);
      const r = await o.link.register({ loginId: BOB, groupId: GROUP });
      expect(r.ok).toBe(true);
      expect(o.written.join('')).not.toContain('impToken');
      o.link.close();
    } finally {
      await legacy.stop();
    }
  });
});

describe('KEMP link: messages, PING, BYE (kakapo.md §3.2, §3.3)', () => {
  it('two users exchange messages both ways', async () => {
    const ann = await registered(ANN, { tls: true });
    const bob = await registered(BOB);
    let annOut: Outbox<KempOutgoing> = enqueue(emptyOutbox(), 'm-ann-1', message(BOB, 'Hi Bob <3 & cheers'));
    const sent = await ann.link.flush(annOut);
    expect(sent).toEqual({ delivered: ['m-ann-1'], rejected: [], pending: [] });
    for (const id of sent.delivered) annOut = settle(annOut, id);
    expect(annOut.entries).toEqual([]);
    expect(await messagesArrived(bob, 1)).toEqual([{ id: 'm-ann-1', from: ANN, to: BOB, sent: 1_795_000_000_000, body: 'Hi Bob <3 & cheers' }]);

    const reply = await bob.link.flush(enqueue(emptyOutbox(), 'm-bob-1', message(ANN, 'Hello Ann')));
    expect(reply.delivered).toEqual(['m-bob-1']);
    expect((await messagesArrived(ann, 1)).map((m) => [m.id, m.from, m.body])).toEqual([['m-bob-1', BOB, 'Hello Ann']]);
    expect(lab.server.pendingFor(BOB)).toEqual([]); // Bob's client acknowledged the delivery
  });

  it('a message to an unknown recipient is rejected (404) for good, with a delivered/rejected event', async () => {
    const ann = await registered(ANN);
    const report = await ann.link.flush(enqueue(emptyOutbox(), 'm-x', message('nobody@lab.test', 'hello?')));
    expect(report.delivered).toEqual([]);
    expect(report.rejected).toMatchObject([{ id: 'm-x', status: 404 }]);
    expect(await eventOf(ann, 'rejected')).toMatchObject({ id: 'm-x', status: 404 });
  });

  it('messages to an offline user are stored and delivered after its REGISTER', async () => {
    const ann = await registered(ANN);
    const r = await ann.link.flush(enqueue(enqueue(emptyOutbox(), 'off-1', message(CY, 'one')), 'off-2', message(CY, 'two')));
    expect(r.delivered.sort()).toEqual(['off-1', 'off-2']);
    expect(lab.server.pendingFor(CY).map((m) => m.id)).toEqual(['off-1', 'off-2']);
    const cy = await registered(CY);
    expect((await messagesArrived(cy, 2)).map((m) => m.body)).toEqual(['one', 'two']);
    await cy.link.ping();
    expect(lab.server.pendingFor(CY)).toEqual([]);
  });

  it('PING is the keepalive: answered 200, KEEPALIVE.ACK with the same seq', async () => {
    const ann = await registered(ANN);
    expect(await ann.link.ping()).toEqual({ ok: true, value: undefined });
    expect(await ann.link.keepalive(12)).toEqual({ ok: true, value: { seq: 12 } });
    expect(ann.written.join('')).toContain('PING im.lab.test KEMP/1.0\r\nSeq: 3\r\nContent-Length: 0\r\n\r\n');
  });

  it('BYE ends the registration and closes without a drop event', async () => {
    const o = await registered(BOB);
    const seen: string[] = [];
    o.events.subscribe((e) => seen.push(e.type));
    expect((await o.link.bye()).ok).toBe(true);
    expect(o.link.registration).toBeNull();
    expect(seen).not.toContain('dropped');
    expect(await o.link.ping()).toMatchObject({ ok: false, error: { kind: 'closed' } });
  });
});

describe('KEMP outbox across drops (kakapo.md §3.3: nothing lost, nothing shown twice)', () => {
  it('messages queued while the server is down are delivered exactly once after the reconnect', async () => {
    const bobSeen = createReceivedIds();
    const ann1 = await registered(ANN);
    const bob1 = await registered(BOB, { received: bobSeen });
    let outbox: Outbox<KempOutgoing> = emptyOutbox();

    // The server goes away: connections break and new ones are refused.
    await lab.server.fault({ type: 'refuse-new' });
    await lab.server.fault({ type: 'drop-all' });
    expect((await eventOf(ann1, 'dropped')).type).toBe('dropped');
    await eventOf(bob1, 'dropped');
    // The user keeps writing; a flush on the dead link keeps everything pending.
    for (const n of [1, 2, 3]) outbox = enqueue(outbox, `down-${n}`, message(BOB, `while down ${n}`));
    expect(await ann1.link.flush(outbox)).toEqual({ delivered: [], rejected: [], pending: ['down-1', 'down-2', 'down-3'] });
    expect(outbox.entries.map((e) => e.id)).toEqual(['down-1', 'down-2', 'down-3']);

    await lab.server.fault({ type: 'clear' });
    const ann2 = await registered(ANN);
    const report = await ann2.link.flush(outbox);
    for (const id of report.delivered) outbox = settle(outbox, id);
    expect(outbox.entries).toEqual([]);
    const bob2 = await registered(BOB, { received: bobSeen });
    expect((await messagesArrived(bob2, 3)).map((m) => m.id)).toEqual(['down-1', 'down-2', 'down-3']);
    expect([...bob1.messages, ...bob2.messages].map((m) => m.id)).toEqual(['down-1', 'down-2', 'down-3']);
  });

  it('a message whose 200 was lost in a drop is resent with the same id and still shown once', async () => {
    const bobSeen = createReceivedIds();
    const ann1 = await registered(ANN);
    const bob1 = await registered(BOB, { received: bobSeen });
    let outbox: Outbox<KempOutgoing> = enqueue(emptyOutbox(), 'lost-ack', message(BOB, 'did you get this?'));
    // The server stores the message and pushes it at once, but holds its answers back; the
    // connection drops before Ann sees the 200.
    await lab.server.fault({ type: 'delay', ms: 60_000 });
    const flushing = ann1.link.flush(outbox);
    await new Promise<void>((resolve) => {
      const check = (): void => (lab.server.pendingFor(BOB).length > 0 ? resolve() : void setImmediate(check));
      check();
    });
    await lab.server.fault({ type: 'drop-all' });
    expect(await flushing).toEqual({ delivered: [], rejected: [], pending: ['lost-ack'] });
    await lab.server.fault({ type: 'clear' });

    const ann2 = await registered(ANN);
    const bob2 = await registered(BOB, { received: bobSeen });
    const report = await ann2.link.flush(outbox); // same id: the server stores it once
    expect(report.delivered).toEqual(['lost-ack']);
    for (const id of report.delivered) outbox = settle(outbox, id);
    await messagesArrived(bob2, 1);
    await bob2.link.ping();
    expect([...bob1.messages, ...bob2.messages].map((m) => m.id)).toEqual(['lost-ack']);
    expect(lab.server.pendingFor(BOB)).toEqual([]);
  });

  it('a redelivered message (its 200 was lost) is acknowledged again but shown only once', async () => {
    const seen = createReceivedIds();
    // Cy's first client loses every 200 it writes: the server never learns the delivery happened.
    const first = await openKemp(lab, { received: seen, lose: (bytes) => bytes.startsWith('KEMP/1.0 200') });
    opened.push(first);
    expect((await first.link.register({ loginId: CY, groupId: GROUP, impToken: lab.token(CY) })).ok).toBe(true);
    lab.server.inject({ from: ANN, to: CY, body: 'only once please', id: 'redelivered-1' });
    await messagesArrived(first, 1);
    expect(lab.server.pendingFor(CY).map((m) => m.id)).toEqual(['redelivered-1']);
    first.link.close();
    // The next REGISTER brings the stored message again, with the same id.
    const second = await registered(CY, { received: seen });
    await second.link.ping();
    await second.link.ping();
    expect(second.written.join('')).toContain('KEMP/1.0 200 OK'); // acknowledged this time
    expect(lab.server.pendingFor(CY)).toEqual([]);
    expect(first.messages.map((m) => m.body)).toEqual(['only once please']);
    expect(second.messages).toEqual([]);
  });
});

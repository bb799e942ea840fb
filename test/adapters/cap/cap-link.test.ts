// CAP link on the SAME socket as the OCI link (seed §2.2), against the lab's OCS on R20 (CAP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, take, toArray, type Observable } from 'rxjs';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { createOciLink, type OciLink } from '../../../src/adapters/oci/oci-link.ts';
import { createCapLink, type CapLink, type CapLinkUpdate } from '../../../src/adapters/cap/cap-link.ts';
import type { CapCallUpdate } from '../../../src/codecs/cap/types.ts';
import { openOcs, sequentialIds, type OcsConnection } from '../oci/support/ocs-connection.ts';

let lab: Lab;
const user = (local: string) => lab.users.find((u) => u.loginId === `${local}@lab.test`)!;

beforeAll(async () => {
  lab = await startLab({ scenario: 'r20-cap', seed: 'cap-link' });
});
afterAll(async () => {
  await lab?.stop();
});

interface Session {
  conn: OcsConnection;
  oci: OciLink;
  cap: CapLink;
}

async function session(local: string, target: Lab = lab): Promise<Session> {
  const conn = await openOcs(target);
  const oci = createOciLink({ stream: conn.stream, ids: sequentialIds() });
  const cap = createCapLink({ stream: conn.stream, applicationId: 'unity-connect-test' });
  const u = target.users.find((x) => x.loginId === `${local}@lab.test`)!;
  const login = await oci.login({ userId: u.loginId, password: u.password });
  expect(login.ok).toBe(true);
  return { conn, oci, cap };
}

const callUpdates = (cap: CapLink, predicate: (u: CapCallUpdate) => boolean): Promise<CapCallUpdate> =>
  firstValueFrom((cap.updates$ as Observable<CapLinkUpdate>).pipe(filter((u): u is CapCallUpdate => u.type === 'callUpdate' && predicate(u))));

describe('CAP link: registration (cap.md §3)', () => {
  it('registers on the OCI connection, acknowledges, and keeps the password off the wire', async () => {
    const s = await session('ann');
    const reg = await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password });
    expect(reg).toEqual({ ok: true, value: { userId: 'ann@lab.test', userUid: String(user('ann').uid) } });
    const wire = s.conn.written();
    for (const m of ['registerAuthentication', 'registerRequest', 'acknowledgement']) expect(wire).toContain(`commandType="${m}"`);
    expect(wire).toContain('<securePassword>');
    expect(wire).not.toContain(user('ann').password);
    // The OCI session on the same socket still answers.
    expect(await s.oci.keepalive()).toEqual({ ok: true, value: undefined });
    s.oci.close();
  });

  it('a wrong password is an auth failure', async () => {
    const s = await session('ann');
    const reg = await s.cap.register({ userId: 'ann@lab.test', password: 'not-it' });
    expect(!reg.ok && reg.error.kind).toBe('auth');
    expect(s.cap.registration).toBeNull();
    s.oci.close();
  });

  it('without Client Call Control the registration fails as service-missing with an actionable message', async () => {
    const missing = await startLab({ scenario: 'cap-service-missing', seed: 'cap-missing' });
    try {
      const s = await session('ann', missing);
      const ann = missing.users.find((u) => u.loginId === 'ann@lab.test')!;
      const reg = await s.cap.register({ userId: ann.loginId, password: ann.password });
      expect(reg.ok).toBe(false);
      if (reg.ok) return;
      expect(reg.error.kind).toBe('service-missing');
      expect(reg.error.message).toContain('Client Call Control');
      expect(reg.error.message).not.toContain(ann.password);
      s.oci.close();
    } finally {
      await missing.stop();
    }
  });

  it('call control before registration is refused locally as not-registered', async () => {
    const s = await session('cy');
    expect(s.cap.callAction({ actionType: 'Dial', number: '2001' })).toMatchObject({ ok: false, error: { kind: 'not-registered' } });
    expect(s.cap.keepalive()).toMatchObject({ ok: false, error: { kind: 'not-registered' } });
    s.oci.close();
  });
});

describe('CAP link: calls, BLF, keepalive (cap.md §5–§10)', () => {
  it('an incoming call, answer, hold and release arrive as callUpdates with the cap.md §6 states', async () => {
    const s = await session('ann');
    expect((await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password })).ok).toBe(true);
    const ringing = callUpdates(s.cap, (u) => u.call.state === 1);
    const placed = lab.telephony.placeIncomingCall('ann@lab.test', { number: '+15550001111', name: 'Outside' });
    const r = await ringing;
    expect(r.call).toMatchObject({ callId: placed.callId, state: 1, remoteNumber: '+15550001111', remoteName: 'Outside' });
    expect(r.userUid).toBe(String(user('ann').uid));

    const active = callUpdates(s.cap, (u) => u.call.callId === placed.callId && u.call.state === 2);
    expect(s.cap.callAction({ actionType: 'Answer', callId: placed.callId }).ok).toBe(true);
    await active;
    const held = callUpdates(s.cap, (u) => u.call.callId === placed.callId && u.call.state === 3);
    expect(s.cap.callAction({ actionType: 'Hold', callId: placed.callId }).ok).toBe(true);
    await held;
    const released = callUpdates(s.cap, (u) => u.call.callId === placed.callId && u.call.state === 5);
    expect(s.cap.callAction({ actionType: 'Release', callId: placed.callId }).ok).toBe(true);
    await released;
    expect(lab.telephony.calls('ann@lab.test').some((c) => c.callId === placed.callId && c.state !== 'Released')).toBe(false);
    s.oci.close();
  });

  it('Dial places a call in the lab; a blind transfer hands it on', async () => {
    const s = await session('ann');
    expect((await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password })).ok).toBe(true);
    const outgoing = callUpdates(s.cap, (u) => u.call.state === 1 && u.call.remoteNumber === user('bob').extension);
    expect(s.cap.callAction({ actionType: 'Dial', number: user('bob').extension }).ok).toBe(true);
    const out = await outgoing;
    const bobLeg = lab.telephony.calls('bob@lab.test').find((c) => c.state === 'Alerting')!;
    lab.telephony.answer('bob@lab.test', bobLeg.callId);
    await callUpdates(s.cap, (u) => u.call.callId === out.call.callId && u.call.state === 2);
    const gone = callUpdates(s.cap, (u) => u.call.callId === out.call.callId && u.call.state === 5);
    expect(s.cap.callAction({ actionType: 'Xfer', callId: out.call.callId, number: user('cy').extension }).ok).toBe(true);
    await gone;
    expect(lab.telephony.calls('cy@lab.test').some((c) => c.state === 'Alerting')).toBe(true);
    s.oci.close();
  });

  it('XferConsult joins a held call to a consultation call and both leave this user', async () => {
    const s = await session('ann');
    expect((await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password })).ok).toBe(true);
    const first = lab.telephony.placeIncomingCall('ann@lab.test', { number: '+15550003333' });
    const answered = callUpdates(s.cap, (u) => u.call.callId === first.callId && u.call.state === 2);
    s.cap.callAction({ actionType: 'Answer', callId: first.callId });
    await answered;
    const held = callUpdates(s.cap, (u) => u.call.callId === first.callId && u.call.state === 3);
    s.cap.callAction({ actionType: 'Hold', callId: first.callId });
    await held;
    const consult = callUpdates(s.cap, (u) => u.call.state === 1 && u.call.remoteNumber === user('dora').extension);
    s.cap.callAction({ actionType: 'Dial', number: user('dora').extension });
    const second = (await consult).call.callId;
    const doraLeg = lab.telephony.calls('dora@lab.test').find((c) => c.state === 'Alerting')!;
    lab.telephony.answer('dora@lab.test', doraLeg.callId);
    await callUpdates(s.cap, (u) => u.call.callId === second && u.call.state === 2);
    const bothGone = firstValueFrom(
      s.cap.updates$.pipe(filter((u): u is CapCallUpdate => u.type === 'callUpdate' && u.call.state === 5 && [first.callId, second].includes(u.call.callId)), take(2), toArray()),
    );
    expect(s.cap.callAction({ actionType: 'XferConsult', callId: first.callId, targetCallId: second }).ok).toBe(true);
    expect((await bothGone).map((u) => u.call.callId).sort()).toEqual([first.callId, second].sort());
    expect(s.conn.written()).toContain('actionType="XferConsult"');
    s.oci.close();
  });

  it('BLF: monitoring a user streams that user\'s calls tagged with monitoredUserId', async () => {
    const s = await session('dora');
    expect((await s.cap.register({ userId: 'dora@lab.test', password: user('dora').password })).ok).toBe(true);
    expect(await s.cap.monitor(['cy@lab.test'])).toEqual({ ok: true, value: { users: ['cy@lab.test'] } });
    const watched = callUpdates(s.cap, (u) => u.monitoredUserId === 'cy@lab.test' && u.call.state === 1 && u.call.remoteNumber === '+15550002222');
    lab.telephony.placeIncomingCall('cy@lab.test', { number: '+15550002222' });
    const update = await watched;
    expect(update.monitoredUserUid).toBe(String(user('cy').uid));
    s.oci.close();
  });

  it('serverStatusRequest is fire-and-forget: written, unanswered, and the OCI session on the socket is undisturbed', async () => {
    const s = await session('ann');
    expect((await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password })).ok).toBe(true);
    expect(s.cap.keepalive()).toEqual({ ok: true, value: undefined });
    expect(s.conn.written()).toContain('commandType="serverStatusRequest"');
    expect(await s.oci.keepalive()).toEqual({ ok: true, value: undefined });
    s.oci.close();
  });

  it('unRegister ends the CAP session (call control refused afterwards) while OCI stays logged in', async () => {
    const s = await session('ann');
    expect((await s.cap.register({ userId: 'ann@lab.test', password: user('ann').password })).ok).toBe(true);
    expect(s.cap.unRegister()).toEqual({ ok: true, value: undefined });
    expect(s.conn.written()).toContain('userLogoutReason="ClientLogout"');
    expect(s.cap.callAction({ actionType: 'Redial' })).toMatchObject({ ok: false, error: { kind: 'not-registered' } });
    expect(await s.oci.keepalive()).toEqual({ ok: true, value: undefined });
    s.oci.close();
  });

  it('an unreadable CAP document is a protocol-error update; a server unRegister ends the registration', async () => {
    const s = await session('bob');
    expect((await s.cap.register({ userId: 'bob@lab.test', password: user('bob').password })).ok).toBe(true);
    const seen = firstValueFrom(s.cap.updates$.pipe(filter((u) => u.type !== 'callUpdate' && u.type !== 'sessionUpdate'), take(2), toArray()));
    lab.oci.tcp.forEachConnection((c) => {
      c.send('<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="callUpdate"><commandData><user/></commandData></command></BroadsoftDocument>\n');
      c.send('<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="unRegister"><commandData><user userType="CallClient" id="bob@lab.test"/></commandData></command></BroadsoftDocument>\n');
    });
    const [bad, unregistered] = await seen;
    expect(bad).toMatchObject({ type: 'protocol-error', code: 'MISSING_FIELD' });
    expect(unregistered).toMatchObject({ type: 'unRegister', fromServer: true, userId: 'bob@lab.test' });
    expect(s.cap.registration).toBeNull();
    expect(await s.oci.keepalive()).toEqual({ ok: true, value: undefined });
    s.oci.close();
  });

  it('the OCS closing the connection under a registered CAP session is reported as a drop', async () => {
    const s = await session('cy');
    expect((await s.cap.register({ userId: 'cy@lab.test', password: user('cy').password })).ok).toBe(true);
    const all = firstValueFrom(s.cap.updates$.pipe(toArray()));
    expect(lab.oci.pushLogout('cy@lab.test')).toBe(1);
    const updates = await all; // completes when the connection is gone
    expect(updates.at(-1)).toMatchObject({ type: 'dropped', kind: 'peer-closed' });
    expect(s.cap.registration).toBeNull();
  });
});

// BLF over CTI against the lab (cti-xsi.md §3.5): the client reads ann's BusyLampField list over XSI
// while the CTI channel is set up, subscribes those users after the login, and a call to a monitored user lights
// that user's lamp in the snapshot's domain state.
import { internalsOf } from '../../src/client/client-internals.ts';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

describe('BLF (cti-xsi.md §3.5)', () => {
  it('subscribes the XSI BusyLampField users at the CTI login and shows a call to one of them as its lamp', async () => {
    session = await startLabSession('r22-cti');
    const client = session.client;
    const ready = await client.start();
    expect(ready.outcome).toBe('ready');
    const ann = session.lab.users[0]!.loginId;
    const others = session.lab.users.slice(1).map((u) => u.loginId);
    const cti = internalsOf(client).links.cti!;
    // The lab's list: every other user of ann's group, in scenario order, subscribed after the login
    // (BLF is not on the start-up path).
    await expect.poll(() => [...cti.blfSubscribed].sort(), { timeout: 5_000 }).toEqual([...others].sort());
    expect(cti.monitoredUsers).toEqual(others);
    expect(cti.blfNote).toBeNull();
    const watched = others[0]!;

    await session.until((s) => s.domain.monitoring !== null);
    expect(client.snapshot.domain.monitoring).toEqual({ users: others, note: null });
    const lamp = firstValueFrom(client.domain$.pipe(filter((d) => d.lamps[watched]?.state === 'ringing'), timeout(5_000)));
    const call = session.lab.telephony.placeIncomingCall(watched, { number: '+15550001234' });
    const domain = await lamp;
    expect(domain.lamps[watched]!.calls[call.callId]).toMatchObject({ callId: call.callId, state: 'alerting', direction: 'incoming', remote: { number: { text: 'tel:+15550001234' } } });
    // A BLF lamp is another user's line, never one of the user's own calls.
    expect(domain.calls[call.callId]).toBeUndefined();
    expect(watched).not.toBe(ann);
  });

  it('logs in over CTI without BLF, with a note, when XSI is unreachable (XSI never blocks connections)', async () => {
    session = await startLabSession('r22-cti');
    await session.lab.fault('xsi', 'refuse-new');
    const ready = await session.client.start();
    expect(ready.outcome).toBe('ready');
    const cti = internalsOf(session.client).links.cti!;
    expect(cti.link).not.toBeNull();
    await expect.poll(() => cti.monitoredUsers, { timeout: 10_000 }).toEqual([]);
    expect(cti.blfNote).toMatch(/^no BLF: the XSI BusyLampField list is unavailable/);
    expect(cti.blfNote).not.toContain(session.password);
  });

  it('monitors the XSI BusyLampField users over CAP after registration (R21, cap.md §9) and gets their call updates', async () => {
    session = await startLabSession('r21-cap');
    const client = session.client;
    expect((await client.start()).outcome).toBe('ready');
    const ann = session.lab.users[0]!.loginId;
    const others = session.lab.users.slice(1).map((u) => u.loginId);
    const cap = internalsOf(client).runtime.cap;
    // Monitoring follows the registration without holding the login up.
    await expect.poll(() => session!.lab.telephony.monitoredBy(ann), { timeout: 5_000 }).toEqual(others);
    expect(cap.monitoredUsers).toEqual(others);
    expect(cap.blfNote).toBeNull();
    const watched = others[0]!;

    const update = firstValueFrom(cap.link!.updates$.pipe(filter((u) => u.type === 'callUpdate' && u.monitoredUserId === watched), timeout(5_000)));
    const lamp = firstValueFrom(client.domain$.pipe(filter((d) => d.lamps[watched]?.state === 'ringing'), timeout(5_000)));
    const call = session.lab.telephony.placeIncomingCall(watched, { number: '+15550004321' });
    expect(await update).toMatchObject({ type: 'callUpdate', monitoredUserId: watched });
    // The same update is the lamp of the domain state (CAP state 1: alerting).
    expect((await lamp).lamps[watched]!.calls[call.callId]).toMatchObject({ state: 'alerting', remote: { number: { text: '+15550004321' } } });
  });
});

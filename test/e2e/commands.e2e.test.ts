// send(command) against the lab: call control over CTI and over CAP, and instant messages over
// Kakapo IM&P with the outbox: a message sent while IM&P is down is delivered exactly once after
// the reconnect (kakapo.md §3.3).
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../src/cli-shell/client/create-unity-client.ts';
import { labClientConfig } from '../../src/cli-shell/client/lab-client-config.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { entryWhere, isEvent } from './support/log-wait.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
const extra: UnityClient[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) await c.stop();
  await session?.stop();
  session = null;
});

describe('commands', () => {
  it('dials and releases over CTI (R22); XSI voicemail answers not-available', async () => {
    session = await startLabSession('r22-cti');
    await session.client.start();
    const dialled = await session.client.send({ type: 'dial', number: '2002' });
    expect(dialled).toMatchObject({ ok: true, value: { callId: expect.any(String) } });
    const callId = (dialled as { value: { callId: string } }).value.callId;
    expect(await session.client.send({ type: 'release', callId })).toEqual({ ok: true });
    expect(await session.client.send({ type: 'fetchVoicemail' })).toMatchObject({ ok: false, code: 'not-available' });
  });

  it('dials over CAP (R21, CAP on the OCI connection)', async () => {
    session = await startLabSession('r21-cap');
    await session.client.start();
    expect(await session.client.send({ type: 'dial', number: '2002' })).toEqual({ ok: true });
    expect(await session.client.send({ type: 'record', action: 'start', callId: 'x' })).toMatchObject({ ok: false, code: 'not-available' });
  });

  it('queues an IM while IM&P is down and delivers it exactly once after the 15 s reconnect', async () => {
    const clock = new VirtualClock(5_000_000);
    session = await startLabSession('r22-cti', { clock });
    const ann = session.client;
    await ann.start();
    const bobClock = new VirtualClock(5_000_000);
    const bob = createUnityClient(labClientConfig(session.lab, { userIndex: 1, clock: bobClock }));
    extra.push(bob);
    await bob.start();
    const bobGot: string[] = [];
    bob.links.imp!.messages$.subscribe((m) => bobGot.push(m.body));

    const first = await ann.send({ type: 'sendIm', to: 'bob@lab.test', body: 'hello bob' });
    expect(first).toMatchObject({ ok: true });
    await firstValueFrom(ann.links.imp!.delivery$.pipe(filter((d) => d.id === (first as { value: { id: string } }).value.id), timeout(5_000)));

    const before = ann.log.entries.length;
    await session.lab.fault('imp', 'drop-all');
    await entryWhere(ann, isEvent('imp', 'TRANSPORT.DROPPED'), before);
    const queued = await ann.send({ type: 'sendIm', to: 'bob@lab.test', body: 'sent while down' });
    const id = (queued as { value: { id: string } }).value.id;
    expect(ann.links.imp!.pending()).toEqual([id]);
    // The lab dropped bob's IM&P connection too: both reconnect 15 s later.
    clock.advance(15_000);
    bobClock.advance(15_000);
    await entryWhere(ann, isEvent('imp', 'AUTH.OK'), before);
    await firstValueFrom(ann.links.imp!.delivery$.pipe(filter((d) => d.id === id), timeout(5_000)));
    expect(ann.links.imp!.pending()).toEqual([]);
    await expect.poll(() => bobGot.length, { timeout: 5_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    expect(bobGot).toEqual(['hello bob', 'sent while down']);
  });
});

// send(command) against the lab: call control over CTI and over CAP, and instant messages over
// Kakapo IM&P with the outbox: a message sent while IM&P is down is delivered exactly once after
// the reconnect (kakapo.md §3.3).
import { internalsOf } from '../../src/client/client-internals.ts';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { entryWhere, isEvent } from './support/log-wait.ts';
import { replay } from '../../src/machines/replay/replay.ts';
import { startupMachine } from '../../src/machines/startup/startup-machine.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';
import { systemProgram } from '../support/system-programs.ts';

let session: LabSession | null = null;
const extra: UnityClient[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) await c.stop();
  await session?.stop();
  session = null;
});

describe('commands', () => {
  it('dials and releases over CTI (R22), and reads voicemail over XSI', async () => {
    session = await startLabSession('r22-cti');
    await session.client.start();
    const dialled = await session.client.send({ type: 'dial', number: '2002' });
    expect(dialled).toMatchObject({ ok: true, value: { callId: expect.any(String) } });
    const callId = (dialled as { value: { callId: string } }).value.callId;
    expect(await session.client.send({ type: 'release', callId })).toEqual({ ok: true });
    const voicemail = await session.client.send({ type: 'fetchVoicemail' });
    expect(voicemail).toMatchObject({ ok: true, value: expect.any(Array) });
  });

  it('dials over CAP (R21, CAP on the OCI connection)', async () => {
    session = await startLabSession('r21-cap');
    await session.client.start();
    expect(await session.client.send({ type: 'dial', number: '2002' })).toEqual({ ok: true });
    // CAP has no recording: it goes over XSI, which answers for an unknown call with a typed failure.
    expect(await session.client.send({ type: 'record', action: 'start', callId: 'no-such-call' })).toMatchObject({ ok: false, code: 'failed' });
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
    internalsOf(bob).links.imp!.messages$.subscribe((m) => bobGot.push(m.body));

    const first = await ann.send({ type: 'sendIm', to: 'bob@lab.test', body: 'hello bob' });
    expect(first).toMatchObject({ ok: true });
    // The user's command is an event in the log, with the id it uses and without the text.
    const command = ann.log.entries.find((e) => e.event.type === 'USER.COMMAND');
    expect(command).toMatchObject({ source: 'user', event: { command: 'sendIm', messageId: (first as { value: { id: string } }).value.id } });
    expect(JSON.stringify(ann.log.entries)).not.toContain('hello bob');
    await firstValueFrom(internalsOf(ann).links.imp!.delivery$.pipe(filter((d) => d.id === (first as { value: { id: string } }).value.id), timeout(5_000)));

    const before = ann.log.entries.length;
    await session.lab.fault('imp', 'drop-all');
    await entryWhere(ann, isEvent('imp', 'TRANSPORT.DROPPED'), before);
    const queued = await ann.send({ type: 'sendIm', to: 'bob@lab.test', body: 'sent while down' });
    const id = (queued as { value: { id: string } }).value.id;
    expect(internalsOf(ann).links.imp!.pending()).toEqual([id]);
    // The lab dropped bob's IM&P connection too: both reconnect 15 s later.
    clock.advance(15_000);
    bobClock.advance(15_000);
    await entryWhere(ann, isEvent('imp', 'AUTH.OK'), before);
    await firstValueFrom(internalsOf(ann).links.imp!.delivery$.pipe(filter((d) => d.id === id), timeout(5_000)));
    expect(internalsOf(ann).links.imp!.pending()).toEqual([]);
    await expect.poll(() => bobGot.length, { timeout: 5_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    expect(bobGot).toEqual(['hello bob', 'sent while down']);
  });

  it('refreshes call-center statistics over XSI at a random delay whose draw is logged, and the log still replays', async () => {
    const clock = new VirtualClock(7_000_000);
    session = await startLabSession('r22-cti', { clock });
    const client = session.client;
    await client.start();
    const draw = await entryWhere(client, (e) => e.event.type === 'RANDOM.CALL_CENTER_STATS_DRAW');
    expect(draw.source).toBe('random');
    const value = draw.event['draw'] as number;
    // seed §4.1 via the branding: between 30 s and 60 s.
    const delay = 30_000 + Math.floor(value * 30_000);
    const stats = firstValueFrom(internalsOf(client).xsi.stats$.pipe(timeout(5_000)));
    let refreshed = false;
    internalsOf(client).xsi.stats$.subscribe(() => (refreshed = true));
    clock.advance(delay - 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(refreshed).toBe(false);
    clock.advance(1);
    await expect(stats).resolves.toMatchObject({ queues: [{ callCenterId: 'sales@lab.test', waiting: expect.any(Number) }] });
    await entryWhere(client, (e) => e.event.type === 'RANDOM.CALL_CENTER_STATS_DRAW', draw.seq + 1);
    await client.stop();
    expect(replay(client.log.entries, { machine: startupMachine })).toMatchObject({ ok: true, entries: client.log.entries.length });
  });

  systemProgram('prosody').it('two clients exchange XMPP messages both ways through the lab Prosody', async () => {
    session = await startLabSession('xmpp');
    const ann = session.client;
    await ann.start();
    const bob = createUnityClient(labClientConfig(session.lab, { userIndex: 1 }));
    extra.push(bob);
    expect((await bob.start()).connections.xmpp?.state).toBe('online');
    const bobGets = firstValueFrom(internalsOf(bob).links.xmpp!.messages$.pipe(timeout(5_000)));
    expect(await ann.send({ type: 'sendIm', to: 'bob@xmpp.lab.test', body: 'hi bob' })).toMatchObject({ ok: true });
    await expect(bobGets).resolves.toMatchObject({ body: 'hi bob', from: expect.stringMatching(/^ann@xmpp\.lab\.test\//) });
    const annGets = firstValueFrom(internalsOf(ann).links.xmpp!.messages$.pipe(timeout(5_000)));
    expect(await bob.send({ type: 'sendIm', to: 'ann@xmpp.lab.test', body: 'hi ann' })).toMatchObject({ ok: true });
    await expect(annGets).resolves.toMatchObject({ body: 'hi ann' });
  });
});

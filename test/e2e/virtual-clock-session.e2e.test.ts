// One time source drives a whole session (issue 11 "one of each"): the machines' timers and the
// effects' timers (here the TLS handshake timeout) both run on the VirtualClock given to
// createUnityClient, so a 10 s handshake timeout and a 15 s reconnect happen exactly when the test
// moves virtual time, over real sockets to the lab, with no real-time wait.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { entriesFrom, entryWhere, isEvent } from './support/log-wait.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

const online = (state: string | undefined): boolean => state?.startsWith('online') === true;

describe('a virtual clock drives the machines and the effects', () => {
  it('r24-cti-tls: a CTI server that accepts but never answers the TLS handshake times out after 10 s of virtual time, and CTI is back 15 s later', async () => {
    const clock = new VirtualClock(5_000_000);
    session = await startLabSession('r24-cti-tls', { clock });
    const client = session.client;
    expect((await client.start()).outcome).toBe('ready');
    const before = client.log.entries.length;

    // New CTI connections are accepted and never read; the current one is cut.
    await session.lab.fault('cti', 'half-open');
    await session.lab.fault('cti', 'drop-all');
    const dropped = await entryWhere(client, (e) => e.target === 'cti' && e.event.type === 'TRANSPORT.DROPPED', before);
    expect(dropped.states['cti']).toBe('reconnecting');

    clock.advance(15_000);
    const securing = await entryWhere(client, (e) => e.target === 'cti' && e.event.type === 'TRANSPORT.CONNECTED', dropped.seq);
    expect(securing.states['cti']).toBe('securing');
    // The handshake timeout is the effects' (10 s), on the same virtual clock: not a millisecond early.
    clock.advance(9_999);
    await new Promise((r) => setTimeout(r, 100)); // room for a wrongly real-time timer to show up
    expect(entriesFrom(client, securing.seq).some((e) => e.target === 'cti' && e.event.type === 'TLS.FAILED')).toBe(false);
    clock.advance(1);
    // Due now on the virtual clock: it arrives at once (a real-time 10 s timer would not be here yet).
    const failed = await entryWhere(client, isEvent('cti', 'TLS.FAILED'), securing.seq, 3_000);
    expect(failed.t - securing.t).toBe(10_000);
    expect(failed.event['failure']).toMatchObject({ cause: 'handshake-closed', message: expect.stringMatching(/did not finish within 10 s/) });
    expect(failed.states['cti']).toBe('reconnecting');

    await session.lab.fault('cti', 'clear');
    clock.advance(15_000);
    const back = await entryWhere(client, isEvent('cti', 'AUTH.OK'), failed.seq);
    expect(back.t - failed.t).toBe(15_000);
    expect(online(back.states['cti'])).toBe(true);
    // OCI was never disturbed.
    for (const entry of entriesFrom(client, before)) expect(online(entry.states['oci']), `oci at seq ${entry.seq}`).toBe(true);
  });
});

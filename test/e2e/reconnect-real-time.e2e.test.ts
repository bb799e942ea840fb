// The one reconnect test on the wall clock (everything else runs the machines on a virtual clock):
// the lab drops CTI and the real timers bring it back after the seed's 15 s (seed §1).
import { afterEach, describe, expect, it } from 'vitest';
import { entryWhere, isEvent } from './support/log-wait.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

describe('reconnect in real time', () => {
  it('CTI dropped by the lab is back after 15 s of wall-clock time, OCI and IM&P untouched', async () => {
    session = await startLabSession('r22-cti');
    const client = session.client;
    await client.start();
    const before = client.log.entries.length;
    await session.lab.fault('cti', 'drop-all');
    const dropped = await entryWhere(client, isEvent('cti', 'TRANSPORT.DROPPED'), before);
    expect(dropped.states).toMatchObject({ cti: 'reconnecting', startup: 'ready' });
    const back = await entryWhere(client, isEvent('cti', 'AUTH.OK'), dropped.seq, 25_000);
    expect(back.states['cti']).toMatch(/^online/);
    const timerFire = client.log.entries.find((e) => e.seq > dropped.seq && e.source === 'timer' && e.target === 'cti');
    // A real timer never fires early: the reconnect came at least 15 s after the drop.
    expect(timerFire!.t - dropped.t).toBeGreaterThanOrEqual(15_000);
    for (const e of client.log.entries.slice(before)) expect(e.states).toMatchObject({ oci: expect.stringMatching(/^online/), imp: expect.stringMatching(/^online/) });
  }, 40_000);
});

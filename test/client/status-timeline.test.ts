// A replay says what the live session said (issue 13 item 2, the dashboard for support): the status
// timeline of a recorded log — the start-up's outcome and stop, each connection's state, host, port,
// TLS version, last drop with its time and the next attempt — equals, entry for entry, the
// snapshots the live client gave while it ran. Against the lab on a virtual clock: a CTI drop, the
// 15 s wait, the new link; and a start-up that stops (cti-unreachable).
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { sameStatus, statusOf, statusTimeline, type SessionStatus } from '../../src/client/status-timeline.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';

let lab: Lab | null = null;
let client: UnityClient | null = null;
afterEach(async () => {
  await client?.stop();
  await lab?.stop();
  client = null;
  lab = null;
});

/** The timeline's status at `seq` (the newest point at or before it). */
const at = (points: readonly SessionStatus[], seq: number): SessionStatus | undefined => [...points].reverse().find((p) => p.seq <= seq);

async function run(scenario: string, during: (client: UnityClient, clock: VirtualClock) => Promise<void>): Promise<ClientSnapshot[]> {
  lab = await startLab({ scenario });
  const clock = new VirtualClock(1_000_000);
  client = createUnityClient(labClientConfig(lab, { clock }));
  const seen: ClientSnapshot[] = [];
  client.snapshot$.subscribe((s) => seen.push(s));
  await client.start();
  await during(client, clock);
  return seen.filter((s) => s.seq >= 0);
}

describe('statusTimeline', () => {
  it('replays a CTI drop and reconnect as the live snapshots said it, the drop timed and the next attempt 15 s on', async () => {
    const seen = await run('r24-cti-tls', async (c, clock) => {
      await lab!.fault('cti', { type: 'drop-all' });
      await expect.poll(() => c.snapshot.connections.cti?.state).toBe('reconnecting');
      clock.advance(15_000);
      await expect.poll(() => c.snapshot.connections.cti?.state).toBe('online');
    });
    const entries = [...client!.log.entries];
    const points = statusTimeline(entries);
    expect(points[0]?.seq).toBe(0);
    // A point holds until the next change: the status after any entry is the newest point before it.
    for (const live of seen) expect({ ...at(points, live.seq), seq: live.seq }, `after entry ${live.seq}`).toEqual(statusOf(live));
    // Only changes are points.
    for (let i = 1; i < points.length; i++) expect(sameStatus(points[i - 1]!, points[i]!)).toBe(false);

    const dropped = seen.find((s) => s.connections.cti?.state === 'reconnecting')!;
    const dropEntry = entries.find((e) => e.seq === dropped.seq)!;
    expect(dropped.connections.cti).toMatchObject({ host: 'cti.lab.test', tls: 'TLSv1.2', lastDrop: { kind: expect.stringMatching(/^(peer-closed|reset)$/), at: dropEntry.t }, nextAttemptAt: dropEntry.t + 15_000 });
    expect(seen.at(-1)!.connections.cti).not.toHaveProperty('lastDrop');

    // A log that stops replaying as recorded (an entry's states changed) ends its timeline there.
    const k = 6;
    const broken = entries.map((e, i) => (i === k ? { ...e, states: { ...e.states, startup: 'nowhere' } } : e));
    expect(Math.max(...statusTimeline(broken).map((p) => p.seq))).toBeLessThan(k);
  });

  it('replays a stopped start-up: the stop with its reason, the failed connection with its drop', async () => {
    const seen = await run('cti-unreachable', async () => undefined);
    const points = statusTimeline([...client!.log.entries]);
    const last = seen.at(-1)!;
    expect(last.outcome).toBe('stopped');
    expect({ ...points.at(-1), seq: last.seq }).toEqual(statusOf(last));
    expect(points.at(-1)!.stop).toMatchObject({ code: 'ctiUnreachable', reason: expect.stringMatching(/customer firewall/) });
    expect(points.at(-1)!.connections.cti).toMatchObject({ state: 'failed', lastDrop: { kind: 'refused', at: expect.any(Number) } });
  });
});

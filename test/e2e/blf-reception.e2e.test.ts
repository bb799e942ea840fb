// Busy lamps at reception scale (issue 14), the whole client against the lab on a virtual clock:
// ready arrives before the BLF subscriptions are made whichever of the XSI list and the CTI login
// answers first; a refused subscription is retried with backoff and shown on its lamp while the
// others stay lit; subscriptions answered after their timeout are adopted, none left orphaned on
// the server; CAP monitoring through the same window.
import { afterEach, describe, expect, it } from 'vitest';
import { internalsOf } from '../../src/client/client-internals.ts';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Moves virtual time in small steps until `done` (real I/O in between), bounded. */
async function advanceUntil(clock: VirtualClock, done: () => boolean, stepMs = 100, steps = 200): Promise<void> {
  for (let i = 0; i < steps && !done(); i++) {
    clock.advance(stepMs);
    await realWait(10);
  }
}

const lampStates = (s: ClientSnapshot) => Object.values(s.domain.lamps).map((l) => l.subscription?.state ?? 'none');

describe('BLF at reception scale (issue 14)', () => {
  for (const slow of ['xsi', 'cti'] as const) {
    it(`ready comes before any BLF subscription when ${slow === 'xsi' ? 'the CTI login' : 'the XSI list'} arrives first, then every lamp is subscribed`, async () => {
      const clock = new VirtualClock(1_000_000);
      session = await startLabSession('r22-cti', { clock });
      await session.lab.fault(slow, { type: 'delay', ms: 150 });
      const seen: ClientSnapshot[] = [];
      session.client.snapshot$.subscribe((s) => seen.push(s));
      const ready = await session.client.start();
      expect(ready.outcome).toBe('ready');
      await session.lab.fault(slow, 'clear');
      const cti = internalsOf(session.client).links.cti!;
      // Nothing was subscribed for BLF until start-up was done.
      const atReady = seen.find((s) => s.outcome === 'ready')!;
      expect(lampStates(atReady).every((state) => state === 'none')).toBe(true);
      const others = session.lab.users.slice(1).map((u) => u.loginId);
      await expect.poll(() => cti.monitoredUsers, { timeout: 5_000 }).toEqual(others);
      await advanceUntil(clock, () => lampStates(session!.client.snapshot).filter((s) => s === 'subscribed').length === others.length);
      expect(Object.keys(session.client.snapshot.domain.lamps).sort()).toEqual([...others].sort());
      expect(lampStates(session.client.snapshot)).toEqual(others.map(() => 'subscribed'));
      // The subscriptions' states entered the log as coalesced LAMPS.STATUS events.
      const statusEvents = session.client.log.entries.filter((e) => e.event.type === 'LAMPS.STATUS');
      expect(statusEvents.length).toBeGreaterThan(0);
      expect(statusEvents.length).toBeLessThan(others.length * 2);
    });
  }

  it('retries a refused subscription with backoff, shows why on its lamp, and the other lamps stay lit', async () => {
    const clock = new VirtualClock(1_000_000);
    session = await startLabSession('r22-cti', { clock });
    const others = session.lab.users.slice(1).map((u) => u.loginId);
    const refused = others[0]!;
    const hub = session.lab.servers.cti!.hub;
    hub.refuseTargets([refused]);
    expect((await session.client.start()).outcome).toBe('ready');
    const lamp = () => session!.client.snapshot.domain.lamps[refused];
    await advanceUntil(clock, () => lamp()?.subscription?.state === 'retrying' && lampStates(session!.client.snapshot).filter((s) => s === 'subscribed').length === others.length - 1);
    const retrying = lamp()!.subscription!;
    expect(retrying).toMatchObject({ state: 'retrying', attempt: 1, cause: 'server-error', reason: expect.stringContaining('403') });
    if (retrying.state !== 'retrying') return;
    for (const user of others.slice(1)) expect(session.client.snapshot.domain.lamps[user]!.subscription).toEqual({ state: 'subscribed' });
    // Still refused at the first retry: the next wait is longer (backoff).
    const firstRetryAt = retrying.retryAt;
    await advanceUntil(clock, () => lamp()?.subscription?.state === 'retrying' && (lamp()!.subscription as { attempt: number }).attempt === 2, 500, 100);
    const second = lamp()!.subscription!;
    expect(second).toMatchObject({ state: 'retrying', attempt: 2 });
    if (second.state !== 'retrying') return;
    expect(second.retryAt - firstRetryAt).toBeGreaterThan(retrying.retryAt - (firstRetryAt - 5_000));
    // The server lets it in: the next retry subscribes it.
    hub.refuseTargets([]);
    await advanceUntil(clock, () => lamp()?.subscription?.state === 'subscribed', 500, 100);
    expect(lamp()!.subscription).toEqual({ state: 'subscribed' });
    expect(lampStates(session.client.snapshot)).toEqual(others.map(() => 'subscribed'));
  });

  it('subscriptions answered after their timeout are adopted: the server keeps none the client does not know', async () => {
    const clock = new VirtualClock(1_000_000);
    session = await startLabSession('r22-cti', { clock });
    const others = session.lab.users.slice(1).map((u) => u.loginId);
    const ann = session.lab.users[0]!.loginId;
    // An overloaded server: the BLF answers take 600 ms (real), everything else flows.
    session.lab.servers.cti!.holdBlfAnswers(600);
    expect((await session.client.start()).outcome).toBe('ready');
    const cti = internalsOf(session.client).links.cti!;
    await expect.poll(() => cti.blfInFlight, { timeout: 5_000 }).toBe(others.length);
    // The server is heard meanwhile (a call on the user's own line): a slow server, not a dead link.
    session.lab.telephony.placeIncomingCall(ann, { number: '+15550009999' });
    await realWait(150);
    // The answers are on their way: 30 s of virtual time pass first.
    clock.advance(30_000);
    await advanceUntil(clock, () => lampStates(session!.client.snapshot).filter((s) => s === 'retrying').length === others.length, 10, 20);
    expect(lampStates(session.client.snapshot)).toEqual(others.map(() => 'retrying'));
    expect(session.client.snapshot.domain.lamps[others[0]!]!.subscription).toMatchObject({ cause: 'timeout' });
    // The late answers arrive before any retry is due: every one adopted, no retry sent.
    await realWait(800);
    await advanceUntil(clock, () => lampStates(session!.client.snapshot).every((s) => s === 'subscribed'), 10, 50);
    expect(lampStates(session.client.snapshot)).toEqual(others.map(() => 'subscribed'));
    const link = cti.link!;
    const known = link.subscriptions.filter((s) => s.event === 'Basic Call').map((s) => s.subscriptionId).sort();
    const onServer = session.lab.servers.cti!.hub.subscriptionsOf(ann).filter((s) => s.package === 'Basic Call').map((s) => s.subscriptionId).sort();
    expect(known).toHaveLength(others.length);
    expect(onServer).toEqual(known);
    // No late answer was reported as an unexpected one.
    expect(session.client.log.entries.some((e) => JSON.stringify(e.event).includes('not outstanding'))).toBe(false);
    expect(session.client.snapshot.connections['cti']?.state).toBe('online');
  });

  it('CAP (R21): monitors the BLF list through the window and reports every lamp subscribed', async () => {
    const clock = new VirtualClock(1_000_000);
    session = await startLabSession('r21-cap', { clock });
    expect((await session.client.start()).outcome).toBe('ready');
    const ann = session.lab.users[0]!.loginId;
    const others = session.lab.users.slice(1).map((u) => u.loginId);
    await expect.poll(() => session!.lab.telephony.monitoredBy(ann), { timeout: 5_000 }).toEqual(others);
    await advanceUntil(clock, () => lampStates(session!.client.snapshot).filter((s) => s === 'subscribed').length === others.length);
    expect(lampStates(session.client.snapshot)).toEqual(others.map(() => 'subscribed'));
    expect([...internalsOf(session.client).runtime.cap.blfMonitored].sort()).toEqual([...others].sort());
  });
});

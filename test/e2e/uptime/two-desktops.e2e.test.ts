// Two desktops of one user (issue 10 item 2): each installation has its own id (a state file in its
// own directory), so its CTI channel set and application id and its XMPP resource are its own and
// the two coexist as with a real BroadWorks, for an hour of virtual time with keepalives and channel
// refreshes. A restart finds its own identifiers again. Where the server still says another login
// took this very session over (the lab's duplicate-login fault), the connection names it and stops
// retrying until the user acts — never a ping-pong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';
import { startProxiedLab, type ProxiedLab } from '../../support/fault-proxy/proxied-lab.ts';
import { runFor, settle, type VirtualWorld } from '../../support/fault-proxy/virtual-time.ts';
import { systemProgram } from '../../support/system-programs.ts';
import { internalsOf } from '../../../src/client/client-internals.ts';

let lab: ProxiedLab | null = null;
const clients: UnityClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  await lab?.stop();
  lab = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const stateDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'unity-desktop-'));
  dirs.push(d);
  return d;
};

/** Every entry from `from` on leaves every connection in `names` online. */
function stayedOnline(entries: readonly LogEntry[], from: number, names: string[]): void {
  for (const e of entries.slice(from)) for (const n of names) expect(e.states[n], `${n} at seq ${e.seq}`).toMatch(/^online/);
}

async function desktops(scenario: string, clock: VirtualClock, dirsOf: string[]): Promise<UnityClient[]> {
  lab = await startProxiedLab({ scenario, seed: `desktops-${scenario}`, clock, now: () => clock.now() });
  const started: UnityClient[] = [];
  for (const dir of dirsOf) {
    const c = createUnityClient(lab.config({ clock, stateDirectory: dir }));
    clients.push(c);
    started.push(c);
    expect((await c.start()).outcome).toBe('ready');
  }
  return started;
}

describe('two desktops of one user', () => {
  it('both stay online for an hour of virtual time: own CTI channel sets, both registered on IM&P', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    const [a, b] = await desktops('r22-cti', clock, [stateDir(), stateDir()]);
    expect(a!.installation.id).not.toBe(b!.installation.id);
    const world: VirtualWorld = { clock, clients: [a!, b!], proxies: [...lab!.proxies.values()] };
    const from = [a!.log.entries.length, b!.log.entries.length];
    await runFor(world, 3_600_000);
    stayedOnline(a!.log.entries, from[0]!, ['oci', 'cti', 'imp']);
    stayedOnline(b!.log.entries, from[1]!, ['oci', 'cti', 'imp']);
    // An hour of keepalives on both, and the channels were refreshed at half-life (not re-added).
    for (const c of [a!, b!]) {
      const acks = c.log.entries.filter((e) => e.seq >= from[0]! && e.target === 'cti' && e.event.type === 'KEEPALIVE.ACK');
      expect(acks.length).toBeGreaterThanOrEqual(11);
      expect(c.log.entries.filter((e) => e.target === 'cti' && e.event.type === 'AUTH.OK')).toHaveLength(1);
    }
    // Each desktop still gets its own call events, on its own channel: a call to ann reaches both.
    const seen = [a!, b!].map((c) => {
      const events: string[] = [];
      internalsOf(c).links.cti!.link!.events$.subscribe((e) => e.type === 'event' && e.targetId === 'ann@lab.test' && events.push(e.data.type));
      return events;
    });
    lab!.lab.telephony.dial('bob@lab.test', '2001');
    await settle(world);
    for (const events of seen) expect(events).toContain('CallReceivedEvent');
    expect(internalsOf(a!).links.cti?.link?.channelId).not.toBe(internalsOf(b!).links.cti?.link?.channelId);
    expect(lab!.lab.servers.imp.registeredUsers()).toEqual(['ann@lab.test']);
  });

  it('a restart of one desktop finds its own channel set again; the other is untouched', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    const dirA = stateDir();
    const [a, b] = await desktops('r22-cti', clock, [dirA, stateDir()]);
    const world: VirtualWorld = { clock, clients: [b!], proxies: [...lab!.proxies.values()] };
    const fromB = b!.log.entries.length;
    await a!.stop();
    const again = createUnityClient(lab!.config({ clock, stateDirectory: dirA }));
    clients.push(again);
    expect(again.installation.id).toBe(a!.installation.id);
    expect((await again.start()).outcome).toBe('ready');
    await runFor({ ...world, clients: [again, b!] }, 600_000);
    stayedOnline(b!.log.entries, fromB, ['oci', 'cti', 'imp']);
    expect(again.snapshot.connections).toMatchObject({ oci: { state: 'online' }, cti: { state: 'online' }, imp: { state: 'online' } });
  });

  it.each([
    ['cti', 'CTI (DuplicateChannelSet)', /DuplicateChannelSet/],
    ['imp', 'IM&P (BYE replaced)', /another login took this registration over/],
  ] as const)('the server says another login took %s over: named, failed, no retry until the user connects', async (service, _what, reason) => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    const [a] = await desktops('r22-cti', clock, [stateDir()]);
    const world: VirtualWorld = { clock, clients: [a!], proxies: [...lab!.proxies.values()] };
    const accepted = lab!.proxy(service).stats.accepted;
    await lab!.lab.fault(service, 'duplicate-login');
    await settle(world);
    expect(a!.snapshot.connections[service]).toMatchObject({ state: 'failed', lastDrop: { kind: 'session-replaced', message: expect.stringMatching(reason) } });
    await runFor(world, 600_000);
    expect(a!.snapshot.connections[service]?.state).toBe('failed');
    expect(lab!.proxy(service).stats.accepted).toBe(accepted); // not one reconnect attempt
    expect(a!.snapshot.connections).toMatchObject({ oci: { state: 'online' }, [service === 'cti' ? 'imp' : 'cti']: { state: 'online' } });
  });
});

const prosody = systemProgram('prosody');
prosody.describe('two desktops of one user on XMPP (Prosody)', () => {
  it('each installation binds its own resource, and both stay online for an hour', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    const [a, b] = await desktops('xmpp', clock, [stateDir(), stateDir()]);
    const world: VirtualWorld = { clock, clients: [a!, b!], proxies: [...lab!.proxies.values()] };
    const from = [a!.log.entries.length, b!.log.entries.length];
    await runFor(world, 3_600_000);
    stayedOnline(a!.log.entries, from[0]!, ['oci', 'cti', 'xmpp']);
    stayedOnline(b!.log.entries, from[1]!, ['oci', 'cti', 'xmpp']);
  });
});

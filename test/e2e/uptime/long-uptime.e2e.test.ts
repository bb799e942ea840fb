// Long uptime (issue 10 item 6): one session on the virtual clock for 7 days — keepalives every
// 300 s (the portal's default), CTI channels and subscriptions refreshed at half-life, IM&P tokens
// that expire after 10 minutes of the same clock, and a random drop every few hours (seeded: a cut,
// a refusal, a bad answer at the next login, a half-open link, a token expiry) — ends with every
// connection online. Every drop is one the test caused; IMs sent along the way are each delivered
// once; a call at the end still reaches the CTI subscription.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { createPrng } from '../../../src/lab/telephony/prng.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';
import { startProxiedLab, type ProxiedLab } from '../../support/fault-proxy/proxied-lab.ts';
import { runFor, runUntil, settle, stopOnClock, type VirtualWorld } from '../../support/fault-proxy/virtual-time.ts';
import { internalsOf } from '../../../src/client/client-internals.ts';

const DAY = 86_400_000;
const CONNECTIONS = ['oci', 'cti', 'imp'] as const;
type Name = (typeof CONNECTIONS)[number];

interface Drop {
  at: number;
  connection: Name;
  fault: string;
}

const FAULTS = ['cut', 'refuse', 'server-error', 'garbled', 'mid-login', 'freeze', 'token-expiry'] as const;

/** The entries at which `name` left online. */
function departures(entries: readonly LogEntry[], name: string): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 1; i < entries.length; i++) {
    if (/^online/.test(entries[i - 1]!.states[name] ?? '') && !/^online/.test(entries[i]!.states[name] ?? '')) out.push(entries[i]!);
  }
  return out;
}

describe('long uptime', () => {
  let lab: ProxiedLab | null = null;
  let client: UnityClient | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'unity-uptime-'));
  afterAll(async () => {
    if (client) await stopOnClock({ clock: clockRef! }, [client]);
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  let clockRef: VirtualClock | null = null;

  it('7 days of keepalives, token expiries and random drops end with every connection online', async () => {
    const clock = (clockRef = new VirtualClock(Date.UTC(2026, 11, 7, 8)));
    lab = await startProxiedLab({ scenario: 'r22-cti', seed: 'long-uptime', clock, now: () => clock.now() });
    client = createUnityClient(lab.config({ clock, stateDirectory: dir }));
    expect((await client.start()).outcome).toBe('ready');
    const world: VirtualWorld = { clock, clients: [client], proxies: [...lab.proxies.values()] };
    const prng = createPrng('long-uptime:faults');
    const drops: Drop[] = [];
    const ims: string[] = [];
    const delivered = new Map<string, number>();
    internalsOf(client).links.imp!.delivery$.subscribe((d) => d.status === 'delivered' && delivered.set(d.id, (delivered.get(d.id) ?? 0) + 1));
    const start = clock.now();
    const proxyOf: Record<Name, string> = { oci: 'oci', cti: 'cti', imp: 'imp' };

    while (clock.now() - start < 7 * DAY) {
      // A quiet stretch of 2 to 10 hours: keepalives, refreshes, token expiry in the background.
      await runFor(world, prng.int(2 * 3_600_000, 10 * 3_600_000));
      for (const name of CONNECTIONS) expect(client.snapshot.connections[name]?.state, `${name} before a fault at day ${((clock.now() - start) / DAY).toFixed(2)}`).toBe('online');
      const sent = await client.send({ type: 'sendIm', to: 'bob@lab.test', body: `at ${clock.now()}` });
      ims.push((sent as { value: { id: string } }).value.id);

      const connection = CONNECTIONS[prng.int(0, CONNECTIONS.length - 1)]!;
      // Every kind of fault, in turn, on a random connection.
      let fault = FAULTS[drops.length % FAULTS.length]!;
      if (fault === 'token-expiry' && connection !== 'imp') fault = 'cut';
      const proxy = lab.proxy(proxyOf[connection]);
      drops.push({ at: clock.now(), connection, fault });
      switch (fault) {
        case 'cut':
          break;
        case 'refuse':
          await proxy.refuse(20_000);
          break;
        case 'server-error':
        case 'garbled':
          await lab.lab.fault(connection, { type: 'answer', answer: fault, count: 1 });
          break;
        case 'mid-login':
          proxy.cutMidLogin();
          break;
        case 'token-expiry':
          await lab.lab.fault('imp', 'expire-tokens');
          break;
        case 'freeze':
          proxy.freezeAfterBytes(0);
          break;
      }
      if (fault !== 'freeze') proxy.cut();
      // Found (at worst by the keepalive: 300 s + 30 s), retried every 15 s, back online.
      const back = await runUntil(world, () => client!.snapshot.connections[connection]?.state === 'online' && departures(client!.log.entries, connection).length >= drops.filter((d) => d.connection === connection).length, 400_000, { maxWaitMs: 300 });
      expect(back, `${connection} back after ${fault}`).toBe(true);
    }

    await runFor(world, 600_000);
    for (const name of CONNECTIONS) expect(client.snapshot.connections[name]?.state, name).toBe('online');
    // Every drop was one of ours: nothing else (an expired channel, a refused token) took a connection down.
    for (const name of CONNECTIONS) expect(departures(client.log.entries, name).length, `${name} drops`).toBe(drops.filter((d) => d.connection === name).length);
    expect(drops.length).toBeGreaterThan(12);
    if (process.env.UPTIME_DEBUG) console.log('UPTIME', JSON.stringify(drops.map((d) => d.connection + ':' + d.fault)), 'acks', client.log.entries.filter((e) => e.event.type === 'KEEPALIVE.ACK').length, '401s', lab.lab.servers.imp.registerAnswers());
    expect(client.log.entries.filter((e) => e.event.type === 'KEEPALIVE.ACK').length).toBeGreaterThan(3 * 2_000); // 7 days of 300 s keepalives on three connections
    // The token lives 10 minutes: IM&P re-registrations after that renewed it from the portal.
    expect(lab.lab.servers.imp.registerAnswers()[401] ?? 0).toBeGreaterThan(0);
    // Every IM delivered, once.
    await settle(world);
    for (const id of ims) expect(delivered.get(id), id).toBe(1);
    // The CTI subscription is alive after a week of refreshes: a call to ann arrives.
    const events: string[] = [];
    internalsOf(client).links.cti!.link!.events$.subscribe((e) => e.type === 'event' && events.push(e.data.type));
    lab.lab.telephony.dial('bob@lab.test', '2001');
    await settle(world);
    expect(events).toContain('CallReceivedEvent');
  }, 240_000);
});

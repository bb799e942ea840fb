// The proxied lab (test/support/fault-proxy/proxied-lab.ts): a real client against a lab scenario
// reaches ready with every one of its connections crossing a fault proxy, plain and TLS, the
// certificates verified by name as usual.
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { startProxiedLab, type ProxiedLab } from '../support/fault-proxy/proxied-lab.ts';

let lab: ProxiedLab | null = null;
let client: UnityClient | null = null;
afterEach(async () => {
  await client?.stop();
  await lab?.stop();
  client = null;
  lab = null;
});

describe('proxied lab', () => {
  it.each([
    ['r22-cti', ['portal', 'oci', 'cti', 'imp'], { oci: null, cti: null, imp: null }],
    ['r24-cti-tls', ['portal', 'oci-tls', 'cti-tls', 'imp'], { oci: 'TLSv1.2', cti: 'TLSv1.2', imp: null }],
  ] as const)('%s: the client is ready and every connection crossed its proxy', async (scenario, used, tls) => {
    lab = await startProxiedLab({ scenario });
    client = createUnityClient(lab.config({ clock: new VirtualClock(1_000_000) }));
    const snapshot = await client.start();
    expect(snapshot.outcome).toBe('ready');
    for (const [name, version] of Object.entries(tls)) expect(snapshot.connections[name as 'oci']).toMatchObject({ state: 'online', tls: version });
    for (const service of used) expect(lab.proxy(service).stats.accepted, service).toBeGreaterThan(0);
    // Services this scenario's client does not use saw nothing.
    const unused = [...lab.proxies.keys()].filter((s) => !used.includes(s as never) && s !== 'xsi');
    for (const service of unused) expect(lab.proxy(service).stats.accepted, service).toBe(0);
  });

  it('a cut on one proxy drops only that connection; its snapshot says why and when the next attempt is', async () => {
    lab = await startProxiedLab({ scenario: 'r22-cti' });
    const clock = new VirtualClock(1_000_000);
    client = createUnityClient(lab.config({ clock }));
    await client.start();
    expect(client.snapshot.connections.cti).not.toHaveProperty('lastDrop');
    expect(lab.proxy('cti').cut()).toBe(1);
    await expect.poll(() => client!.snapshot.connections.cti?.state).toBe('reconnecting');
    expect(client.snapshot.connections).toMatchObject({ oci: { state: 'online' }, imp: { state: 'online' } });
    expect(client.snapshot.connections.cti).toMatchObject({
      lastDrop: { kind: 'reset', message: expect.stringContaining('cti.lab.test') },
      nextAttemptAt: clock.now() + 15_000,
    });
    clock.advance(15_000);
    await expect.poll(() => client!.snapshot.connections.cti?.state).toBe('online');
    expect(client.snapshot.connections.cti).not.toHaveProperty('nextAttemptAt');
  });
});

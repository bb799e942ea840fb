// IM&P after a long uptime (issue 10 item 2): the lab's tokens live 10 minutes of the same virtual
// clock the client runs on. A drop long after start-up is answered 401 at re-register; the client
// asks the portal for a fresh license and token, as start-up does, and is back online by itself at
// the first reconnect, 15 s after the drop; it never re-sends the refused token.
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { startProxiedLab, type ProxiedLab } from '../../support/fault-proxy/proxied-lab.ts';
import { runFor, settle, type VirtualWorld } from '../../support/fault-proxy/virtual-time.ts';
import { internalsOf } from '../../../src/client/client-internals.ts';

let lab: ProxiedLab | null = null;
let client: UnityClient | null = null;
afterEach(async () => {
  await client?.stop();
  await lab?.stop();
  client = lab = null;
});

/** When the portal last answered ann's license request (the lab's clock is the virtual one). */
const lastLicenseAt = (l: ProxiedLab): number | undefined => [...l.lab.servers.portal.store.state.licenses.values()].find((r) => r.identity === 'ann@lab.test')?.lastSeenMs;

describe('IM&P token lifetime', () => {
  it('a drop 11 minutes after start-up: REGISTER refuses the old token, a fresh one comes from the portal, online again 15 s after the drop', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    lab = await startProxiedLab({ scenario: 'r22-cti', seed: 'uptime-token', clock, now: () => clock.now() });
    client = createUnityClient(lab.config({ clock }));
    expect((await client.start()).outcome).toBe('ready');
    const world: VirtualWorld = { clock, clients: [client], proxies: [...lab.proxies.values()] };
    const licensedAt = lastLicenseAt(lab);
    expect(licensedAt).toBeDefined();
    await runFor(world, 11 * 60_000); // keepalives answered; the start-up token expires meanwhile
    expect(client.snapshot.connections.imp?.state).toBe('online');
    expect(lab.lab.servers.imp.registerAnswers()).toEqual({ 200: 1 });

    const before = client.log.entries.length;
    expect(lab.proxy('imp').cut()).toBe(1);
    await settle(world);
    const dropped = client.log.entries.slice(before).find((e) => e.target === 'imp' && e.event.type === 'TRANSPORT.DROPPED')!;
    expect(dropped.states['imp']).toBe('reconnecting');
    await runFor(world, 15_000);
    const back = client.log.entries.slice(before).find((e) => e.target === 'imp' && e.event.type === 'AUTH.OK');
    expect(back?.t).toBe(dropped.t + 15_000);
    expect(client.snapshot.connections.imp?.state).toBe('online');
    // The old token was refused once, the portal asked again at the reconnect, the new one taken.
    expect(lab.lab.servers.imp.registerAnswers()).toEqual({ 200: 2, 401: 1 });
    expect(lastLicenseAt(lab)).toBe(dropped.t + 15_000);
    // The other connections never moved.
    for (const e of client.log.entries.slice(before)) expect(e.states).toMatchObject({ oci: expect.stringMatching(/^online/), cti: expect.stringMatching(/^online/) });
    // And IMs flow on the new registration.
    const sent = await client.send({ type: 'sendIm', to: 'bob@lab.test', body: 'after the renewal' });
    expect(sent.ok).toBe(true);
    await settle(world);
    expect(internalsOf(client).links.imp?.pending()).toEqual([]);
  });

  it('a fresh token refused as well is the server refusing the login: authFailed, never a loop of renewals', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    lab = await startProxiedLab({ scenario: 'r22-cti', seed: 'uptime-token-2', clock, now: () => clock.now() });
    client = createUnityClient(lab.config({ clock }));
    await client.start();
    const world: VirtualWorld = { clock, clients: [client], proxies: [...lab.proxies.values()] };
    // The IM&P server takes no token at all any more, fresh or not.
    lab.lab.servers.imp.refuseTokens(true);
    lab.proxy('imp').cut();
    await settle(world);
    const cutAt = clock.now();
    await runFor(world, 15_000);
    expect(client.snapshot.connections.imp).toMatchObject({ state: 'authFailed', lastDrop: { kind: 'auth' } });
    expect(lastLicenseAt(lab)).toBe(cutAt + 15_000);
    await runFor(world, 120_000);
    // One renewal, two refusals (the old token, the fresh one), and no more tries.
    expect(lab.lab.servers.imp.registerAnswers()).toEqual({ 200: 1, 401: 2 });
    expect(lastLicenseAt(lab)).toBe(cutAt + 15_000);
    expect(client.snapshot.connections.imp?.state).toBe('authFailed');
  });
});

// Reconnect (seed §1: "reconnect every 15 seconds until the connection is re-established"), end to
// end against the lab over loopback. The machines' timers run on a virtual clock (the runtime takes
// an injected clock); the sockets are real. The lab breaks one connection; that connection alone
// goes reconnecting and is back 15 s later while the others stay online.
import { internalsOf } from '../../src/client/client-internals.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import type { ConnectionName } from '../../src/machines/connection/contract.ts';
import { entriesFrom, entryWhere, isEvent } from './support/log-wait.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';
import { systemProgram } from '../support/system-programs.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

const online = (state: string | undefined): boolean => state?.startsWith('online') === true;

async function readyOnVirtualClock(scenario: string) {
  const clock = new VirtualClock(1_000_000);
  session = await startLabSession(scenario, { clock });
  const snapshot = await session.client.start();
  expect(snapshot.outcome).toBe('ready');
  return { s: session, clock };
}

interface CallSetup {
  afterDrop(): void;
  kept: string;
  gone: string;
}

async function dropAndReturn(scenario: string, service: string, name: ConnectionName, others: ConnectionName[], setup?: (lab: LabSession['lab']) => CallSetup) {
  const { s: started, clock } = await readyOnVirtualClock(scenario);
  const s = { ...started, ctx: setup?.(started.lab) ?? null };
  const client = s.client;
  const before = client.log.entries.length;
  await s.lab.fault(service, 'drop-all');
  const dropped = await entryWhere(client, (e) => e.target === name && (e.event.type === 'TRANSPORT.DROPPED' || e.event.type === 'SESSION.ENDED'), before);
  s.ctx?.afterDrop();
  expect(dropped.states[name]).toBe('reconnecting');
  for (const other of others) expect(online(dropped.states[other]), other).toBe(true);
  expect(dropped.states['startup']).toBe('ready');

  clock.advance(14_999);
  expect(client.log.entries.filter((e) => e.seq > dropped.seq && e.effects?.some((f) => f.from === name && f.effect.type === 'effect.connect'))).toEqual([]);
  clock.advance(1);
  const back = await entryWhere(client, isEvent(name, 'AUTH.OK'), dropped.seq);
  expect(online(back.states[name])).toBe(true);
  // The reconnect was asked for exactly 15 s (virtual) after the drop.
  const reconnect = entriesFrom(client, dropped.seq).find((e) => e.effects?.some((f) => f.from === name && f.effect.type === 'effect.connect'));
  expect(reconnect?.source).toBe('timer');
  expect(reconnect!.t - dropped.t).toBe(15_000);
  // Nobody else went anywhere meanwhile.
  for (const entry of entriesFrom(client, before)) {
    for (const other of others) expect(online(entry.states[other]), `${other} at seq ${entry.seq}`).toBe(true);
  }
  return { s, clock };
}

describe('a dropped connection reconnects alone, 15 s later (virtual clock)', () => {
  it('CTI: the lab drops it, OCI and IM&P stay online, CTI is back after 15 s with its calls resynchronised', async () => {
    const { s } = await dropAndReturn('r22-cti', 'cti', 'cti', ['oci', 'imp'], (lab) => {
      const kept = lab.telephony.dial('ann@lab.test', '2002');
      const gone = lab.telephony.dial('ann@lab.test', '2003');
      return { afterDrop: () => void lab.telephony.remoteRelease(gone.callId), kept: kept.callId, gone: gone.callId };
    });
    // No stale call: the one released while CTI was down is gone, the other is still there.
    const resynced = internalsOf(s.client).links.cti?.resynced;
    expect(resynced?.callIds).toEqual([s.ctx!.kept]);
    expect(JSON.stringify(resynced)).not.toContain(s.ctx!.gone);
  });

  it('OCI: the lab drops it, CTI and IM&P stay online, OCI logs in again after 15 s', async () => {
    await dropAndReturn('r22-cti', 'oci', 'oci', ['cti', 'imp']);
  });

  it('Kakapo IM&P: the lab drops it, OCI and CTI stay online, IM&P registers again after 15 s', async () => {
    await dropAndReturn('r22-cti', 'imp', 'imp', ['oci', 'cti']);
  });

  systemProgram('prosody').it('XMPP: Prosody drops every stream, OCI and CTI stay online, XMPP is back after 15 s', async () => {
    await dropAndReturn('xmpp', 'xmpp', 'xmpp', ['oci', 'cti']);
  });
});

describe('CAP rides on OCI', () => {
  it('R21 CAP: the lab drops the OCS connection; OCI and CAP reconnect together 15 s later, CAP registered on the new socket', async () => {
    const { s, clock } = await readyOnVirtualClock('r21-cap');
    const client = s.client;
    const before = client.log.entries.length;
    const firstSocket = internalsOf(client).runtime.oci.stream;
    await s.lab.fault('oci', 'drop-all');
    const capDropped = await entryWhere(client, isEvent('cap', 'TRANSPORT.DROPPED'), before);
    await entryWhere(client, isEvent('oci', 'TRANSPORT.DROPPED'), before);
    expect(online(capDropped.states['imp'])).toBe(true);
    clock.advance(15_000);
    const ociBack = await entryWhere(client, isEvent('oci', 'AUTH.OK'), before);
    const capBack = await entryWhere(client, isEvent('cap', 'AUTH.OK'), before);
    expect(capBack.seq).toBeGreaterThan(ociBack.seq);
    expect(capBack.states).toMatchObject({ oci: expect.stringMatching(/^online/), cap: expect.stringMatching(/^online/) });
    expect(internalsOf(client).runtime.oci.stream).not.toBe(firstSocket);
    expect(internalsOf(client).runtime.cap.link?.registration).not.toBeNull();
    expect(await client.send({ type: 'dial', number: '2002' })).toEqual({ ok: true });
  });
});

describe('keepalive and user close', () => {
  it('a LogoutRequest pushed by the OCS ends the OCI session; OCI logs in again 15 s later (oci-p.md §6)', async () => {
    const { s, clock } = await readyOnVirtualClock('r22-cti');
    const client = s.client;
    const before = client.log.entries.length;
    expect(s.lab.oci.pushLogout('ann@lab.test')).toBe(1);
    const ended = await entryWhere(client, isEvent('oci', 'SESSION.ENDED'), before);
    expect(ended.states).toMatchObject({ oci: 'reconnecting', cti: expect.stringMatching(/^online/), startup: 'ready' });
    clock.advance(15_000);
    const back = await entryWhere(client, isEvent('oci', 'AUTH.OK'), ended.seq);
    expect(back.t - ended.t).toBe(15_000);
  });

  it('detects a half-open CTI server by the unanswered keepalive, then reconnects once the server answers again', async () => {
    const { s, clock } = await readyOnVirtualClock('r22-cti');
    const client = s.client;
    // The BLF subscriptions (made once start-up is ready) are answered first: here only the
    // keepalive is left unanswered.
    const cti = internalsOf(client).links.cti!;
    await expect.poll(() => cti.link!.subscriptions.filter((x) => x.event === 'Basic Call').length === s.lab.users.length - 1 && cti.blfInFlight === 0, { timeout: 5_000 }).toBe(true);
    await s.lab.fault('cti', 'half-open');
    const before = client.log.entries.length;
    clock.advance(300_000); // seed §4.1: a keepalive after 300 s of quiet
    // OCI and IM&P answer theirs (real sockets); CTI does not.
    await entryWhere(client, isEvent('oci', 'KEEPALIVE.ACK'), before);
    await entryWhere(client, isEvent('imp', 'KEEPALIVE.ACK'), before);
    expect(client.log.entries.some((e) => e.seq >= before && e.target === 'cti' && e.event.type === 'KEEPALIVE.ACK')).toBe(false);
    clock.advance(30_000); // the machine's keepalive timeout
    const dead = entriesFrom(client, before).find((e) => e.states['cti'] === 'reconnecting');
    expect(dead?.source).toBe('timer');
    expect(online(dead?.states['oci'])).toBe(true);
    expect(online(dead?.states['imp'])).toBe(true);
    await s.lab.fault('cti', 'clear');
    clock.advance(15_000);
    const back = await entryWhere(client, isEvent('cti', 'AUTH.OK'), dead!.seq);
    expect(online(back.states['cti'])).toBe(true);
  });

  it('stop() closes every connection politely and nothing reconnects afterwards', async () => {
    const { s, clock } = await readyOnVirtualClock('r21-cap');
    const client = s.client;
    await client.stop();
    const last = client.log.entries[client.log.entries.length - 1]!;
    expect(last.event.type).toBe('CLOSE');
    expect(last.source).toBe('user');
    expect(last.states).toMatchObject({ startup: 'done:closed', oci: 'stopped:closed', cap: 'stopped:closed', imp: 'stopped:closed' });
    const count = client.log.entries.length;
    clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.log.entries.length).toBe(count);
    // The OCS saw the logout: no logged-in OCI session is left.
    await expect.poll(() => s.lab.oci.loggedInCount).toBe(0);
  });
});

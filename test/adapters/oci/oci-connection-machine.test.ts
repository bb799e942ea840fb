// The OCI link answers every step of the real connection machine (contract.ts): connect → secure →
// authenticate → keepalive → session ended → reconnect, against the lab OCS, machine time virtual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import type { ConnectionEvent, Endpoint } from '../../../src/machines/connection/contract.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectTcp, createHostMapResolver, isNetFailure, upgradeTls, type ByteSocket } from '../../../src/effects/index.ts';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { openBroadsoftStream } from '../../../src/adapters/oci/broadsoft-stream.ts';
import { createOciLink, type OciLink } from '../../../src/adapters/oci/oci-link.ts';
import { authenticationEvent, connectionEventOfLink, keepaliveEvent } from '../../../src/adapters/oci/connection-events.ts';
import { sequentialIds } from './support/ocs-connection.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti', seed: 'oci-machine' });
});
afterAll(async () => {
  await lab?.stop();
});

/** The smallest driver: effects and the OCI link answering the machine's requests. */
function drive(endpoint: Endpoint, credentials: { userId: string; password: string }) {
  const clock = new VirtualClock();
  const actor: Actor<typeof connectionMachine> = createActor(connectionMachine, {
    input: { name: 'oci', endpoint, keepaliveMs: 300_000, keepaliveTimeoutMs: 30_000 },
    clock,
  });
  const resolver = createHostMapResolver(lab.hostMap);
  const ids = sequentialIds('machine');
  let socket: ByteSocket | null = null;
  let link: OciLink | null = null;
  const logins: string[] = [];
  const send = (event: ConnectionEvent | null): void => {
    if (event !== null) actor.send(event);
  };
  const bind = (attempt: number): void => {
    link = createOciLink({ stream: openBroadsoftStream(socket!), ids });
    link.events$.subscribe((e) => send(connectionEventOfLink(e, attempt)));
  };
  actor.on('effect.connect', (e) => {
    connectTcp({ host: e.host, port: e.port, resolver, timeoutMs: 5_000 }).subscribe({
      next: (s) => {
        socket = s;
        if (endpoint.tls === null) bind(e.attempt);
        send({ type: 'TRANSPORT.CONNECTED', attempt: e.attempt });
      },
      error: (f: unknown) => send({ type: 'TRANSPORT.FAILED', attempt: e.attempt, failure: { kind: 'refused', message: isNetFailure(f) ? f.message : 'connect failed' } }),
    });
  });
  actor.on('effect.secure', (e) => {
    upgradeTls(socket!, { servername: e.servername, version: e.version, ca: [lab.caCertPem], timeoutMs: 5_000 }).subscribe({
      next: (s) => {
        socket = s;
        bind(e.attempt);
        send({ type: 'TLS.SECURED', attempt: e.attempt, version: e.version });
      },
      error: () => send({ type: 'TLS.FAILED', attempt: e.attempt, failure: { cause: 'handshake-closed', message: 'TLS failed' } }),
    });
  });
  actor.on('effect.authenticate', (e) => {
    void link!.login(credentials).then((r) => {
      if (r.ok) logins.push(r.value.method);
      send(authenticationEvent(r, e.attempt));
    });
  });
  actor.on('effect.keepalive', (e) => {
    void link!.keepalive().then((r) => send(keepaliveEvent(r, e.seq, e.attempt)));
  });
  actor.on('effect.close', () => link?.close());
  actor.start();
  return { actor, clock, logins, stop: () => (actor.stop(), link?.close()) };
}

const online = (actor: Actor<typeof connectionMachine>) => waitFor(actor, (s) => s.matches({ online: 'quiet' }), { timeout: 5_000 });

describe('OCI link under the connection machine', () => {
  it('goes online, answers keepalives, and reconnects 15 s after a pushed logout', async () => {
    const ann = lab.users.find((u) => u.loginId === 'ann@lab.test')!;
    const endpoint = { host: lab.services['oci']!.host, port: lab.services['oci']!.port, tls: null };
    const d = drive(endpoint, { userId: ann.loginId, password: ann.password });
    d.actor.send({ type: 'CONNECT' });
    await online(d.actor);
    expect(d.logins).toEqual(['LoginRequest14sp4']);

    d.clock.advance(300_000); // quiet period over: effect.keepalive
    expect(d.actor.getSnapshot().matches({ online: 'awaitingAck' })).toBe(true);
    await online(d.actor); // the lab answered VerifySessionIsValidRequest
    d.clock.advance(30_000); // no keepalive timeout after an answered keepalive
    expect(d.actor.getSnapshot().matches('online')).toBe(true);

    lab.oci.pushLogout('ann@lab.test');
    await waitFor(d.actor, (s) => s.matches('reconnecting'), { timeout: 5_000 });
    expect(d.actor.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'session-ended' });
    d.clock.advance(15_000); // seed §1: reconnect every 15 s
    await online(d.actor);
    expect(d.logins).toEqual(['LoginRequest14sp4', 'LoginRequest14sp4']);
    d.stop();
  });

  it('secures the OCI endpoint and logs in with 22V5 over TLS; a wrong password waits in authFailed', async () => {
    const ann = lab.users.find((u) => u.loginId === 'ann@lab.test')!;
    const tls = lab.services['oci-tls']!;
    const endpoint: Endpoint = { host: tls.host, port: tls.port, tls: { servername: tls.host, version: 'TLSv1.2' } };
    const good = drive(endpoint, { userId: ann.loginId, password: ann.password });
    good.actor.send({ type: 'CONNECT' });
    await online(good.actor);
    expect(good.logins).toEqual(['LoginRequest22V5']);
    expect(good.actor.getSnapshot().context.tlsVersion).toBe('TLSv1.2');
    good.stop();

    const bad = drive(endpoint, { userId: ann.loginId, password: 'wrong-password-9' });
    bad.actor.send({ type: 'CONNECT' });
    const failed = await waitFor(bad.actor, (s) => s.matches('authFailed'), { timeout: 5_000 });
    expect(failed.context.lastOutcome?.message).toContain('[Error 4962]');
    bad.stop();
  });

  it('a lab drop of the OCS connections is a transport drop and the connection reconnects', async () => {
    const bob = lab.users.find((u) => u.loginId === 'bob@lab.test')!;
    const endpoint = { host: lab.services['oci']!.host, port: lab.services['oci']!.port, tls: null };
    const d = drive(endpoint, { userId: bob.loginId, password: bob.password });
    d.actor.send({ type: 'CONNECT' });
    await online(d.actor);
    await lab.fault('oci', 'drop-all');
    const dropped = await waitFor(d.actor, (s) => s.matches('reconnecting'), { timeout: 5_000 });
    expect(['peer-closed', 'reset']).toContain(dropped.context.lastOutcome?.kind);
    d.clock.advance(15_000);
    await online(d.actor);
    d.stop();
  });
});

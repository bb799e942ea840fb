// The XMPP driver on the generic connection runner, under the real connection machine, against a
// real Prosody: online over STARTTLS +
// SCRAM, auth failure stops, a drop reconnects 15 s later (virtual clock for the machine, real
// sockets for the rest), and messages sent while the link is down arrive exactly once.
import { randomBytes } from 'node:crypto';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createConnectionRunner } from '../../../src/adapters/runtime/connection-runner.ts';
import { createXmppDriver, type XmppDriver } from '../../../src/adapters/xmpp/index.ts';
import type { ConnectionEffect, ConnectionEvent } from '../../../src/machines/connection/contract.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import { createLabPki } from '../../../src/lab/pki/index.ts';
import { startScriptedServer } from './support/scripted-server.ts';
import { DOMAIN, startXmppFixture, USERS, type XmppFixture } from './support/xmpp-fixture.ts';
import { systemProgram } from '../../support/system-programs.ts';

const prosody = systemProgram('prosody');

let fx: XmppFixture;
const running: Array<{ actor: Actor<typeof connectionMachine>; driver: XmppDriver }> = [];

beforeAll(async () => {
  fx = await startXmppFixture();
});
afterEach(() => {
  for (const { actor, driver } of running.splice(0)) {
    actor.stop();
    driver.dispose();
  }
});
afterAll(async () => {
  await fx?.server.stop();
});

function start(user: keyof typeof USERS, options: { password?: string; resource?: string; ca?: string; port?: number } = {}) {
  const clock = new VirtualClock();
  const driver = createXmppDriver({
    jid: `${user}@${DOMAIN}`,
    resource: options.resource ?? 'driver',
    ca: [options.ca ?? fx.ca],
    random: (n) => randomBytes(n),
    credentials: () => ({ password: options.password ?? USERS[user] }),
  });
  const actor = createActor(connectionMachine, {
    clock,
    input: {
      name: 'xmpp',
      // xmpp.md: the JID's domain on the XMPP port, secured with STARTTLS for that name.
      endpoint: { host: DOMAIN, port: options.port ?? fx.server.endpoints.plain.port, tls: { servername: DOMAIN, version: 'TLSv1.3' } },
      keepaliveMs: 60_000,
      keepaliveTimeoutMs: 10_000,
    },
  });
  // The runner answers the machine's effect requests with the driver's steps, like in a session.
  const runner = createConnectionRunner({
    name: 'xmpp',
    system: { dispatch: (_target, event) => actor.send(event as ConnectionEvent) },
    driver,
    net: { resolver: createHostMapResolver({ [DOMAIN]: '127.0.0.1' }), ca: [], connectTimeoutMs: 10_000, tlsTimeoutMs: 10_000 },
  });
  actor.on('*', (effect) => runner.handle(effect as ConnectionEffect));
  actor.start();
  running.push({ actor, driver });
  return { actor, driver, clock };
}

const top = (actor: Actor<typeof connectionMachine>): string => {
  const value = actor.getSnapshot().value;
  return typeof value === 'string' ? value : Object.keys(value)[0] ?? '?';
};

prosody.describe('XMPP driver with the connection machine', () => {
  it('goes online: connect, STARTTLS with the pinned version, SCRAM, bind, presence, acks', async () => {
    const { actor, driver } = start('alice');
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('online'), { timeout: 10_000 });
    expect(actor.getSnapshot().context.tlsVersion).toBe('TLSv1.3');
    expect(driver.session?.boundJid).toBe(`alice@${DOMAIN}/driver`);
    expect(driver.session?.acksEnabled).toBe(true);
  });

  it('fails without reconnecting when another login takes the same resource (xmpp.md §6 conflict)', async () => {
    const first = start('alice', { resource: 'twice' });
    first.actor.send({ type: 'CONNECT' });
    await waitFor(first.actor, (s) => s.matches('online'), { timeout: 10_000 });
    const second = start('alice', { resource: 'twice' });
    second.actor.send({ type: 'CONNECT' });
    await waitFor(second.actor, (s) => s.matches('online'), { timeout: 10_000 });
    await waitFor(first.actor, (s) => s.matches('failed'), { timeout: 10_000 });
    expect(first.actor.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'session-replaced', phase: 'online' });
    first.clock.advance(60_000);
    expect(top(first.actor)).toBe('failed');
    expect(top(second.actor)).toBe('online');
  });

  it('answers a keepalive with a real ping', async () => {
    const { actor, clock } = start('alice', { resource: 'keepalive' });
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('online'), { timeout: 10_000 });
    clock.advance(60_000);
    expect(actor.getSnapshot().matches({ online: 'awaitingAck' })).toBe(true);
    await waitFor(actor, (s) => s.matches({ online: 'quiet' }), { timeout: 5_000 });
    expect(actor.getSnapshot().context.keepaliveSeq).toBe(1);
  });

  it('reports a server certificate from a CA it does not trust as a TLS failure with its cause', async () => {
    const otherCa = (await createLabPki({ caName: 'someone else' })).caCertPem;
    const { actor } = start('alice', { resource: 'untrusted', ca: otherCa });
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('failed'), { timeout: 10_000 });
    expect(actor.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'tls', cause: 'certificate-untrusted', phase: 'securing' });
  });

  it('fails the connect step (never hangs) when the server answers the stream header with garbage', async () => {
    const server = await startScriptedServer([{ when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write('<html><body>not xmpp</body></html>') }]);
    try {
      const { actor } = start('alice', { resource: 'garbage', port: server.port });
      actor.send({ type: 'CONNECT' });
      await waitFor(actor, (s) => s.matches('failed'), { timeout: 10_000 });
      expect(actor.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'peer-closed', phase: 'connecting' });
      expect(actor.getSnapshot().context.lastOutcome?.message).toMatch(/unexpected root element <html>/);
    } finally {
      await server.close();
    }
  });

  it('stops at authFailed on a wrong password and does not retry', async () => {
    const { actor, clock } = start('bob', { password: 'wrong-password', resource: 'auth' });
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('authFailed'), { timeout: 10_000 });
    const outcome = actor.getSnapshot().context.lastOutcome;
    expect(outcome).toMatchObject({ kind: 'auth', phase: 'authenticating' });
    expect(JSON.stringify(outcome)).not.toContain('wrong-password');
    clock.advance(60_000);
    expect(top(actor)).toBe('authFailed');
  });

  it('reconnects 15 s after Prosody drops every connection, and delivers what was sent meanwhile exactly once', async () => {
    const alice = start('alice', { resource: 'outbox' });
    const bob = start('bob', { resource: 'inbox' });
    alice.actor.send({ type: 'CONNECT' });
    bob.actor.send({ type: 'CONNECT' });
    await waitFor(alice.actor, (s) => s.matches('online'), { timeout: 10_000 });
    await waitFor(bob.actor, (s) => s.matches('online'), { timeout: 10_000 });
    const received = firstValueFrom(bob.driver.messages$.pipe(take(4), toArray()));

    // Bob has m0 before the crash (a SIGKILLed server loses what it had not written out yet).
    const bobHasM0 = firstValueFrom(bob.driver.messages$);
    alice.driver.send({ id: 'm0', to: `bob@${DOMAIN}`, body: 'before the drop' });
    await expect(bobHasM0).resolves.toMatchObject({ id: 'm0' });

    await fx.server.fault({ type: 'kill' });
    try {
      await waitFor(alice.actor, (s) => s.matches('reconnecting'), { timeout: 10_000 });
      await waitFor(bob.actor, (s) => s.matches('reconnecting'), { timeout: 10_000 });
      // Sent while the link is down: they wait in the outbox (with m0 when its ack was lost in the crash).
      alice.driver.send({ id: 'm1', to: `bob@${DOMAIN}`, body: 'while down 1' });
      alice.driver.send({ id: 'm2', to: `bob@${DOMAIN}`, body: 'while down 2' });
      expect(alice.driver.pending().filter((id) => id !== 'm0')).toEqual(['m1', 'm2']);
    } finally {
      await fx.server.fault({ type: 'restart' });
    }

    // seed §1: 14.9 s after the drop nothing happened yet; at 15 s it connects again.
    alice.clock.advance(14_900);
    expect(top(alice.actor)).toBe('reconnecting');
    alice.clock.advance(100);
    await waitFor(alice.actor, (s) => s.matches('online'), { timeout: 10_000 });
    expect(alice.actor.getSnapshot().context.attempt).toBe(2);
    // Acks come in order: once m2 is acknowledged, everything before it is too.
    if (alice.driver.pending().length > 0) await firstValueFrom(alice.driver.delivered$.pipe(filter((id) => id === 'm2')));
    expect(alice.driver.pending()).toEqual([]);

    // Bob comes back later: Prosody kept the messages offline and hands them over at his login.
    bob.clock.advance(15_000);
    await waitFor(bob.actor, (s) => s.matches('online'), { timeout: 10_000 });
    alice.driver.send({ id: 'm3', to: `bob@${DOMAIN}`, body: 'after' });
    // m0 may have been resent (its ack died with the server): Bob still sees it once.
    const got = await received;
    expect(got.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(got.map((m) => m.body)).toEqual(['before the drop', 'while down 1', 'while down 2', 'after']);
  });

  it('hands a message resent with the same id to the user once', async () => {
    const bob = start('bob', { resource: 'dedupe' });
    bob.actor.send({ type: 'CONNECT' });
    await waitFor(bob.actor, (s) => s.matches('online'), { timeout: 10_000 });
    const alice = await fx.online('alice', { resource: 'resender' });
    const got = firstValueFrom(bob.driver.messages$.pipe(take(2), toArray()));
    alice.sendMessage({ id: 'same', to: `bob@${DOMAIN}/dedupe`, body: 'first copy' });
    alice.sendMessage({ id: 'same', to: `bob@${DOMAIN}/dedupe`, body: 'resent copy' });
    alice.sendMessage({ id: 'next', to: `bob@${DOMAIN}/dedupe`, body: 'next' });
    expect((await got).map((m) => [m.id, m.body])).toEqual([
      ['same', 'first copy'],
      ['next', 'next'],
    ]);
    alice.destroy();
  });

  it('a user close never reconnects', async () => {
    const { actor, clock, driver } = start('alice', { resource: 'close' });
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('online'), { timeout: 10_000 });
    const session = driver.session;
    actor.send({ type: 'CLOSE' });
    expect(top(actor)).toBe('closed');
    await expect(firstValueFrom(session!.end$)).resolves.toEqual({ reason: 'client-close', reconnect: false });
    clock.advance(60_000);
    expect(top(actor)).toBe('closed');
  });
});

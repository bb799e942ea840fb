// Stream errors as the real Prosody 0.12 sends them (RFC 6120 §4.9): a resource conflict, an
// administrator's kick from the admin console with a condition and a text, a password change.
// The person reads what happened, what to do, and the server's own words; only the conflict stops
// the automatic reconnect, and a kick is never "another login took this resource".
import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createConnectionRunner } from '../../../src/adapters/runtime/connection-runner.ts';
import { createXmppDriver, type XmppDriver, type XmppSession } from '../../../src/adapters/xmpp/index.ts';
import type { ConnectionEffect, ConnectionEvent } from '../../../src/machines/connection/contract.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import { systemProgram } from '../../support/system-programs.ts';
import { DOMAIN, startXmppFixture, USERS, type XmppFixture } from './support/xmpp-fixture.ts';

const prosody = systemProgram('prosody');

let fx: XmppFixture;
const sessions: XmppSession[] = [];
const running: Array<{ actor: Actor<typeof connectionMachine>; driver: XmppDriver }> = [];
const track = (s: XmppSession): XmppSession => {
  sessions.push(s);
  return s;
};

beforeAll(async () => {
  fx = await startXmppFixture();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.destroy();
  for (const { actor, driver } of running.splice(0)) {
    actor.stop();
    driver.dispose();
  }
});
afterAll(async () => {
  await fx?.server.stop();
});

const ANOTHER_LOGIN = /another login/i;

prosody.describe('stream errors from Prosody 0.12', () => {
  it('a resource conflict: "Replaced by new connection", and no automatic reconnect', async () => {
    const first = track(await fx.online('bob', { resource: 'same' }));
    const ended = firstValueFrom(first.end$);
    track(await fx.online('bob', { resource: 'same' }));
    const end = await ended;
    expect(end).toMatchObject({ reason: 'stream-error', condition: 'conflict', text: 'Replaced by new connection', reconnect: false });
    if (end.reason !== 'stream-error') return;
    expect(end.message).toMatch(ANOTHER_LOGIN);
    expect(end.message).toContain('end the other login (or give it another resource), then connect again');
    expect(end.message).toMatch(/The server said: "Replaced by new connection"$/);
  });

  it("an administrator's kick (policy-violation with a text) carries that text and reconnects; it is not a conflict", async () => {
    const alice = track(await fx.online('alice', { resource: 'kicked' }));
    const ended = firstValueFrom(alice.end$);
    await fx.server.fault({ type: 'kick', jid: `alice@${DOMAIN}/kicked`, condition: 'policy-violation', text: 'Closed by the administrator: account under review' });
    const end = await ended;
    expect(end).toMatchObject({ reason: 'stream-error', condition: 'policy-violation', reconnect: true });
    if (end.reason !== 'stream-error') return;
    expect(end.message).not.toMatch(ANOTHER_LOGIN);
    expect(end.message).toContain(`the XMPP server ${DOMAIN} ended the session under one of its policies (policy-violation): an administrator closed it`);
    expect(end.message).toContain('The server said: "Closed by the administrator: account under review"');
  });

  it('a kick without a condition is undefined-condition, with the text', async () => {
    const alice = track(await fx.online('alice', { resource: 'plain-kick' }));
    const ended = firstValueFrom(alice.end$);
    await fx.server.fault({ type: 'kick', jid: `alice@${DOMAIN}/plain-kick`, text: 'Maintenance' });
    const end = await ended;
    expect(end).toMatchObject({ reason: 'stream-error', condition: 'undefined-condition', text: 'Maintenance', reconnect: true });
    if (end.reason === 'stream-error') expect(end.message).toContain('ended the session without saying why (undefined-condition)');
  });

  it('a password change from the admin console ends the session with reset "Password changed"', async () => {
    const bob = track(await fx.online('bob', { resource: 'pw' }));
    const ended = firstValueFrom(bob.end$);
    await fx.server.changePassword({ localpart: 'bob', password: USERS.bob }); // the same password, so other tests still log in
    const end = await ended;
    expect(end).toMatchObject({ reason: 'stream-error', condition: 'reset', text: 'Password changed', reconnect: true });
    if (end.reason !== 'stream-error') return;
    expect(end.message).toContain('if the password was changed, the login needs the new one');
    expect(end.message).not.toContain(USERS.bob);
  });

  it('through the driver on the connection runner and the connection machine: a kick ends the session with its reason and reconnects 15 s later', async () => {
    const clock = new VirtualClock();
    const driver = createXmppDriver({
      jid: `alice@${DOMAIN}`,
      resource: 'machine',
      ca: [fx.ca],
      random: (n) => randomBytes(n),
      credentials: () => ({ password: USERS.alice }),
    });
    const actor = createActor(connectionMachine, {
      clock,
      input: {
        name: 'xmpp',
        endpoint: { host: DOMAIN, port: fx.server.endpoints.plain.port, tls: { servername: DOMAIN, version: 'TLSv1.3' } },
        keepaliveMs: 60_000,
        keepaliveTimeoutMs: 10_000,
      },
    });
    // The runner answers the machine's effect requests with the driver's steps, as in a session.
    const runner = createConnectionRunner({
      name: 'xmpp',
      system: { dispatch: (_target, event) => actor.send(event as ConnectionEvent) },
      driver,
      net: { resolver: createHostMapResolver({ [DOMAIN]: '127.0.0.1' }), ca: [], connectTimeoutMs: 10_000, tlsTimeoutMs: 10_000 },
    });
    actor.on('*', (effect) => runner.handle(effect as ConnectionEffect));
    actor.start();
    running.push({ actor, driver });
    actor.send({ type: 'CONNECT' });
    await waitFor(actor, (s) => s.matches('online'), { timeout: 10_000 });
    await fx.server.fault({ type: 'kick', jid: `alice@${DOMAIN}/machine`, condition: 'policy-violation', text: 'Kicked by admin' });
    await waitFor(actor, (s) => s.matches('reconnecting'), { timeout: 10_000 });
    const outcome = actor.getSnapshot().context.lastOutcome;
    expect(outcome).toMatchObject({ kind: 'session-ended', phase: 'online' });
    expect(outcome && 'message' in outcome ? outcome.message : '').toContain('policy-violation');
    expect(outcome && 'message' in outcome ? outcome.message : '').toContain('The server said: "Kicked by admin"');
    expect(outcome && 'message' in outcome ? outcome.message : '').not.toMatch(ANOTHER_LOGIN);
    clock.advance(15_000);
    await waitFor(actor, (s) => s.matches('online'), { timeout: 10_000 });
  });
});

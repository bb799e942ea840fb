// XMPP under the one login policy (issue 10 item 1), on the connection runner with the real
// connection machine, against a scripted server over real TLS: a SASL temporary-auth-failure or a
// garbled answer to the login is a drop, retried 15 s later on the virtual clock until the login
// succeeds; a SASL not-authorized waits for new credentials and is never retried by itself.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createConnectionRunner } from '../../../src/adapters/runtime/connection-runner.ts';
import { createXmppDriver } from '../../../src/adapters/xmpp/index.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { schedulerOf } from '../../../src/effects/time-source-scheduler.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import type { ConnectionEffect, ConnectionEvent } from '../../../src/machines/connection/contract.ts';
import { createLabPki } from '../../../src/lab/pki/index.ts';
import { SERVER_HEADER, startScriptedServer, type ScriptedServer, type ScriptStep } from './support/scripted-server.ts';

const DOMAIN = 'xmpp.lab.test';
let certificate: { certPem: string; keyPem: string };
let ca: string;
let server: ScriptedServer | undefined;
let actor: Actor<typeof connectionMachine> | undefined;

beforeAll(async () => {
  const pki = await createLabPki();
  certificate = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
  ca = pki.caCertPem;
});
afterEach(async () => {
  actor?.stop();
  actor = undefined;
  await server?.close();
  server = undefined;
});

const features = (inner: string): string => `<stream:features>${inner}</stream:features>`;
const SASL = "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'";

/**
 * A server that takes each connection through STARTTLS and PLAIN; `answers[n]` is what connection n
 * (from 0) gets for its <auth/> ('' = success). A connection that logged in is ended by the server (a drop) when
 * `endAfterLogin[n]`.
 */
function script(answers: string[], endAfterLogin: boolean[]): ScriptStep[] {
  let connection = -1;
  let current = 0;
  return [
    {
      when: /<stream:stream[^>]*>/,
      reply: (_m, io) => {
        current = ++connection;
        io.write(SERVER_HEADER + features("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"));
      },
    },
    {
      when: /<starttls[^>]*\/>/,
      reply: (_m, io) => {
        io.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        io.upgrade();
      },
    },
    { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(`<mechanisms ${SASL}><mechanism>PLAIN</mechanism></mechanisms>`)) },
    { when: /<auth[^>]*mechanism="PLAIN"[^>]*>[^<]*<\/auth>/, reply: (_m, io) => io.write(answers[current] || `<success ${SASL}/>`) },
    { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")) },
    {
      when: /<iq[^>]*id="([^"]+)"[^>]*>.*?<\/iq>/,
      reply: (m, io) => io.write(`<iq type='result' id='${m[1]}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@${DOMAIN}/desk</jid></bind></iq>`),
    },
    { when: /<presence\/>/, reply: (_m, io) => (endAfterLogin[current] === true ? io.write('</stream:stream>') : undefined) },
  ];
}

/** Each connection runs the whole script: one server per connection index is simpler to reason about. */
async function serve(answers: string[], endAfterLogin: boolean[]): Promise<ScriptedServer> {
  // The scripted server replays its steps per connection; the step closures track which one it is.
  return startScriptedServer(script(answers, endAfterLogin), certificate);
}

function startClient(port: number) {
  const clock = new VirtualClock(1_000_000);
  const driver = createXmppDriver({
    jid: `alice@${DOMAIN}`,
    resource: 'desk',
    ca: [ca],
    scheduler: schedulerOf(clock),
    random: (n) => randomBytes(n),
    credentials: () => ({ password: 'pw' }),
  });
  const machine = createActor(connectionMachine, {
    clock,
    input: { name: 'xmpp', endpoint: { host: DOMAIN, port, tls: { servername: DOMAIN, version: 'TLSv1.3' } }, keepaliveMs: 300_000, keepaliveTimeoutMs: 30_000 },
  });
  const runner = createConnectionRunner({
    name: 'xmpp',
    system: { dispatch: (_target, event) => machine.send(event as ConnectionEvent) },
    driver,
    net: { resolver: createHostMapResolver({ [DOMAIN]: '127.0.0.1' }), ca: [], connectTimeoutMs: 5_000, tlsTimeoutMs: 5_000, scheduler: schedulerOf(clock) },
  });
  machine.on('*', (effect) => runner.handle(effect as ConnectionEffect));
  const states: string[] = [];
  machine.subscribe((s) => states.push(typeof s.value === 'string' ? s.value : Object.keys(s.value)[0]!));
  machine.start();
  actor = machine;
  return { machine, clock, states };
}

const reconnectingAfter = (attempt: number) => (s: ReturnType<Actor<typeof connectionMachine>['getSnapshot']>) =>
  s.matches('reconnecting') && s.context.attempt === attempt;

describe('XMPP login failures under the one policy', () => {
  it('a temporary-auth-failure, then a garbled answer at the re-login: each a drop retried 15 s later, then online again', async () => {
    server = await serve(['', `<failure ${SASL}><temporary-auth-failure/></failure>`, `<success ${SASL}><</success>`, ''], [true, false, false, false]);
    const { machine, clock, states } = startClient(server.port);
    machine.send({ type: 'CONNECT' });
    await waitFor(machine, (s) => s.matches('online'), { timeout: 10_000 });
    // The server ends the logged-in stream: a drop.
    await waitFor(machine, reconnectingAfter(1), { timeout: 10_000 });

    clock.advance(15_000);
    await waitFor(machine, reconnectingAfter(2), { timeout: 10_000 });
    expect(machine.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'server-error', phase: 'authenticating', message: expect.stringContaining('temporary-auth-failure') });

    clock.advance(14_999);
    expect(machine.getSnapshot().matches('reconnecting')).toBe(true);
    clock.advance(1);
    await waitFor(machine, reconnectingAfter(3), { timeout: 10_000 });
    expect(machine.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'garbled', phase: 'authenticating' });

    clock.advance(15_000);
    await waitFor(machine, (s) => s.matches('online') && s.context.attempt === 4, { timeout: 10_000 });
    expect(states).not.toContain('authFailed');
    expect(server.received()).toHaveLength(4);
  });

  it('SASL not-authorized at the re-login waits for new credentials and never retries by itself', async () => {
    server = await serve(['', `<failure ${SASL}><not-authorized/></failure>`], [true, false]);
    const { machine, clock } = startClient(server.port);
    machine.send({ type: 'CONNECT' });
    await waitFor(machine, (s) => s.matches('online'), { timeout: 10_000 });
    await waitFor(machine, reconnectingAfter(1), { timeout: 10_000 });
    clock.advance(15_000);
    await waitFor(machine, (s) => s.matches('authFailed'), { timeout: 10_000 });
    expect(machine.getSnapshot().context.lastOutcome).toMatchObject({ kind: 'auth', phase: 'authenticating' });
    clock.advance(120_000);
    expect(machine.getSnapshot().matches('authFailed')).toBe(true);
    expect(server.received()).toHaveLength(2);
  });
});

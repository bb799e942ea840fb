// The variants the installed Prosody 0.12 cannot offer, against a hand-written SCRAM server side
// (support/scram-server.ts, from RFC 5802 with node:crypto) over real TLS on loopback:
// SCRAM-SHA-512 and SCRAM-SHA-512-PLUS with tls-exporter (TLS 1.3), tls-unique (TLS 1.2) and
// tls-server-end-point (listed with XEP-0440), and the downgrade check (GS2 y) on SHA-512.
import { randomBytes } from 'node:crypto';
import { concatMap, firstValueFrom } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createXmppSession, XmppFailure } from '../../../src/adapters/xmpp/index.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { connectTcp } from '../../../src/effects/tcp-connect.ts';
import { createLabPki } from '../../../src/lab/pki/index.ts';
import { scramServerSteps, type ScramServerOptions } from './support/scram-server.ts';
import { SERVER_HEADER, startScriptedServer, type ScriptedServer } from './support/scripted-server.ts';

const DOMAIN = 'xmpp.lab.test';
const PASSWORD = 'pencil-\u00e9 512';
const resolver = createHostMapResolver({ [DOMAIN]: '127.0.0.1' });
let certificate: { certPem: string; keyPem: string };
let ca: string;
let server: ScriptedServer | undefined;

beforeAll(async () => {
  const pki = await createLabPki();
  certificate = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
  ca = pki.caCertPem;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const features = (inner: string): string => `<stream:features>${inner}</stream:features>`;
const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
const mechanisms = (names: string[]): string =>
  `<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${names.map((n) => `<mechanism>${n}</mechanism>`).join('')}</mechanisms>`;
const bindingList = (types: string[]): string =>
  `<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>${types.map((t) => `<channel-binding type='${t}'/>`).join('')}</sasl-channel-binding>`;

interface Case {
  tls: 'TLSv1.2' | 'TLSv1.3';
  offered: string[];
  /** Types the server supports. */
  bindings: ScramServerOptions['bindings'];
  /** List them in the features (XEP-0440). */
  list?: boolean;
}

async function run(c: Case, password = PASSWORD) {
  const seen: Array<{ mechanism: string; gs2Header: string; result: string }> = [];
  server = await startScriptedServer(
    [
      { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(STARTTLS)) },
      {
        when: /<starttls[^>]*\/>/,
        reply: (_m, io) => {
          io.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
          io.upgrade();
        },
      },
      {
        when: /<stream:stream[^>]*>/,
        reply: (_m, io) => io.write(SERVER_HEADER + features(mechanisms(c.offered) + (c.list ? bindingList(c.bindings) : ''))),
      },
      ...scramServerSteps({ username: 'alice', password: PASSWORD, bindings: c.bindings, certPem: certificate.certPem, iterations: 4096, seen: (f) => seen.push(f) }),
      { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")) },
    ],
    certificate,
    { minVersion: c.tls, maxVersion: c.tls },
  );
  const session = createXmppSession({ jid: `alice@${DOMAIN}`, resource: 'r', ca: [ca], random: (n) => randomBytes(n) });
  const socket = await firstValueFrom(connectTcp({ host: DOMAIN, port: server.port, resolver, timeoutMs: 5_000 }));
  const outcome = firstValueFrom(
    session.open(socket).pipe(
      concatMap(() => session.startTls()),
      concatMap(() => session.authenticate({ password })),
    ),
  );
  return { session, outcome, seen };
}

const ALL_SHA512 = ['SCRAM-SHA-512-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'];

describe('SCRAM-SHA-512 and SCRAM-SHA-512-PLUS against a hand-written SCRAM server over real TLS', () => {
  it('SCRAM-SHA-512 on TLS 1.3 from a server without channel binding (GS2 y accepted)', async () => {
    const { session, outcome, seen } = await run({ tls: 'TLSv1.3', offered: ['SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN'], bindings: [] });
    await expect(outcome).resolves.toBe('SCRAM-SHA-512');
    expect(seen).toEqual([{ mechanism: 'SCRAM-SHA-512', gs2Header: 'y,,', result: 'success' }]);
    expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', gs2Flag: 'y', channelBinding: null });
    session.destroy();
  });

  it('SCRAM-SHA-512-PLUS with tls-exporter on TLS 1.3 (RFC 9266: the default there)', async () => {
    const { session, outcome, seen } = await run({ tls: 'TLSv1.3', offered: ALL_SHA512, bindings: ['tls-exporter'] });
    await expect(outcome).resolves.toBe('SCRAM-SHA-512-PLUS');
    expect(seen).toEqual([{ mechanism: 'SCRAM-SHA-512-PLUS', gs2Header: 'p=tls-exporter,,', result: 'success' }]);
    session.destroy();
  });

  it('SCRAM-SHA-512-PLUS with tls-unique on TLS 1.2 (RFC 5929: the default there)', async () => {
    const { session, outcome, seen } = await run({ tls: 'TLSv1.2', offered: ALL_SHA512, bindings: ['tls-unique'] });
    await expect(outcome).resolves.toBe('SCRAM-SHA-512-PLUS');
    expect(seen).toEqual([{ mechanism: 'SCRAM-SHA-512-PLUS', gs2Header: 'p=tls-unique,,', result: 'success' }]);
    session.destroy();
  });

  for (const tls of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`SCRAM-SHA-512-PLUS with tls-server-end-point on ${tls} when the server lists only that (XEP-0440)`, async () => {
      const { session, outcome, seen } = await run({ tls, offered: ALL_SHA512, bindings: ['tls-server-end-point'], list: true });
      await expect(outcome).resolves.toBe('SCRAM-SHA-512-PLUS');
      expect(seen).toEqual([{ mechanism: 'SCRAM-SHA-512-PLUS', gs2Header: 'p=tls-server-end-point,,', result: 'success' }]);
      expect(session.sasl?.channelBinding).toBe('tls-server-end-point');
      session.destroy();
    });
  }

  it('a server that binds but offers no -PLUS fails the y flag; the message explains the downgrade', async () => {
    const { session, outcome, seen } = await run({ tls: 'TLSv1.3', offered: ['SCRAM-SHA-512'], bindings: ['tls-exporter'] });
    const failure = await outcome.then(
      () => expect.unreachable(),
      (e: unknown) => e as XmppFailure,
    );
    expect(failure).toBeInstanceOf(XmppFailure);
    expect(failure.condition).toBe('malformed-request');
    expect(failure.message).toContain('supports channel binding but offered no SCRAM-…-PLUS mechanism');
    expect(failure.message).toContain('The server said: "server supports channel binding"');
    expect(seen).toEqual([{ mechanism: 'SCRAM-SHA-512', gs2Header: 'y,,', result: 'malformed-request' }]);
    session.destroy();
  });

  it('a wrong password is not-authorized with SCRAM-SHA-512-PLUS too', async () => {
    const { session, outcome } = await run({ tls: 'TLSv1.3', offered: ALL_SHA512, bindings: ['tls-exporter'] }, 'not-it');
    await expect(outcome).rejects.toMatchObject({ code: 'auth-failed', condition: 'not-authorized' });
    session.destroy();
  });
});

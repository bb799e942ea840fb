// The engine against a scripted server: what it refuses (no STARTTLS, an unverified SCRAM server)
// and how it reacts to a broken stream. Real sockets and real TLS with the lab CA.
import { randomBytes } from 'node:crypto';
import { concatMap, firstValueFrom } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createXmppSession, XmppFailure, type XmppSession } from '../../../src/adapters/xmpp/index.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { connectTcp } from '../../../src/effects/tcp-connect.ts';
import { createLabPki } from '../../../src/lab/pki/index.ts';
import { SERVER_HEADER, startScriptedServer, type ScriptedServer, type ScriptStep } from './support/scripted-server.ts';

const DOMAIN = 'xmpp.lab.test';
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

async function sessionTo(port: number): Promise<{ session: XmppSession; socket: Parameters<XmppSession['open']>[0] }> {
  const session = createXmppSession({ jid: `alice@${DOMAIN}`, resource: 'r', ca: [ca], random: (n) => randomBytes(n) });
  const socket = await firstValueFrom(connectTcp({ host: DOMAIN, port, resolver, timeoutMs: 5_000 }));
  return { session, socket };
}

async function failureOf(promise: Promise<unknown>): Promise<XmppFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof XmppFailure) return error;
    throw error;
  }
  throw new Error('expected an XmppFailure');
}

const features = (inner: string): string => `<stream:features>${inner}</stream:features>`;
const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
const mechanisms = (...names: string[]): string =>
  `<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${names.map((n) => `<mechanism>${n}</mechanism>`).join('')}</mechanisms>`;

describe('XMPP engine against a scripted server', () => {
  it('refuses to go on when STARTTLS is not offered, and never sends credentials in the clear', async () => {
    server = await startScriptedServer([
      { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(mechanisms('PLAIN', 'SCRAM-SHA-1'))) },
    ]);
    const { session, socket } = await sessionTo(server.port);
    const offered = await firstValueFrom(session.open(socket));
    expect(offered.mechanisms).toEqual(['PLAIN', 'SCRAM-SHA-1']);
    expect((await failureOf(firstValueFrom(session.startTls()))).code).toBe('starttls-not-offered');
    expect((await failureOf(firstValueFrom(session.authenticate({ password: 'secret-pw' })))).code).toBe('not-secure');
    session.destroy();
    expect(server.received()[0]).not.toMatch(/<auth|secret-pw|c2VjcmV0LXB3/);
  });

  it('fails SCRAM when the server cannot prove it knows the password (bad server signature)', async () => {
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
        { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(mechanisms('SCRAM-SHA-1'))) },
        {
          when: /<auth[^>]*mechanism="SCRAM-SHA-1"[^>]*>([^<]*)<\/auth>/,
          reply: (m, io) => {
            const clientFirst = Buffer.from(m[1] ?? '', 'base64').toString();
            const nonce = /r=([^,]+)/.exec(clientFirst)?.[1] ?? '';
            const serverFirst = `r=${nonce}SERVER,s=${Buffer.from('salt').toString('base64')},i=64`;
            io.write(`<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(serverFirst).toString('base64')}</challenge>`);
          },
        },
        {
          when: /<response[^>]*>[^<]*<\/response>/,
          reply: (_m, io) =>
            io.write(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(`v=${Buffer.alloc(20).toString('base64')}`).toString('base64')}</success>`),
        },
      ],
      certificate,
    );
    const { session, socket } = await sessionTo(server.port);
    const failure = await failureOf(
      firstValueFrom(
        session.open(socket).pipe(
          concatMap(() => session.startTls()),
          concatMap(() => session.authenticate({ password: 'alice-pw' })),
        ),
      ),
    );
    expect(failure.code).toBe('auth-server-unverified');
    expect(failure.condition).toBe('server-signature-mismatch');
    expect(session.phase).toBe('secured');
    session.destroy();
  });

  it('fails SCRAM when the server nonce does not extend ours', async () => {
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
        { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(mechanisms('SCRAM-SHA-1'))) },
        {
          when: /<auth[^>]*>[^<]*<\/auth>/,
          reply: (_m, io) =>
            io.write(`<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from('r=replayed,s=c2FsdA==,i=64').toString('base64')}</challenge>`),
        },
      ],
      certificate,
    );
    const { session, socket } = await sessionTo(server.port);
    const failure = await failureOf(
      firstValueFrom(
        session.open(socket).pipe(
          concatMap(() => session.startTls()),
          concatMap(() => session.authenticate({ password: 'alice-pw' })),
        ),
      ),
    );
    expect(failure).toMatchObject({ code: 'auth-server-unverified', condition: 'nonce-mismatch' });
    session.destroy();
  });

  it('ends the stream with not-well-formed when the server sends broken XML', async () => {
    server = await startScriptedServer([
      { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + '<stream:features></oops>') },
    ]);
    const { session, socket } = await sessionTo(server.port);
    const failure = await failureOf(firstValueFrom(session.open(socket)));
    expect(failure.code).toBe('stream-ended');
    const end = await firstValueFrom(session.end$);
    expect(end).toMatchObject({ reason: 'protocol-error', reconnect: true });
    await expect.poll(() => server?.received()[0]).toContain('<not-well-formed');
  });

  it('ends the stream with policy-violation when a stanza is too large', async () => {
    server = await startScriptedServer([
      { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + `<stream:features>${'<x/>'.repeat(80_000)}</stream:features>`) },
    ]);
    const { session, socket } = await sessionTo(server.port);
    expect((await failureOf(firstValueFrom(session.open(socket)))).code).toBe('stream-ended');
    await expect.poll(() => server?.received()[0]).toContain('<policy-violation');
  });

  it('times out a step the server never answers (on the injected scheduler)', async () => {
    server = await startScriptedServer([]);
    const { VirtualTimeScheduler } = await import('rxjs');
    const scheduler = new VirtualTimeScheduler();
    const session = createXmppSession({ jid: `alice@${DOMAIN}`, resource: 'r', ca: [ca], random: (n) => randomBytes(n), scheduler });
    const socket = await firstValueFrom(connectTcp({ host: DOMAIN, port: server.port, resolver, timeoutMs: 5_000 }));
    const opened = firstValueFrom(session.open(socket));
    scheduler.flush();
    expect((await failureOf(opened)).code).toBe('step-timeout');
    session.destroy();
  });

  /** A server that takes the client online with PLAIN (the only mechanism it offers), then `after`. */
  const plainOnlineScript = (after: ScriptStep[]): ScriptStep[] => [
    { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(STARTTLS)) },
    {
      when: /<starttls[^>]*\/>/,
      reply: (_m, io) => {
        io.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        io.upgrade();
      },
    },
    { when: /<stream:stream[^>]*>/, reply: (_m, io) => io.write(SERVER_HEADER + features(mechanisms('PLAIN'))) },
    { when: /<auth[^>]*mechanism="PLAIN"[^>]*>[^<]*<\/auth>/, reply: (_m, io) => io.write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>") },
    {
      when: /<stream:stream[^>]*>/,
      reply: (_m, io) => io.write(SERVER_HEADER + features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")),
    },
    {
      when: /<iq[^>]*id="([^"]+)"[^>]*>.*?<\/iq>/,
      reply: (m, io) =>
        io.write(`<iq type='result' id='${m[1]}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@${DOMAIN}/r</jid></bind></iq>`),
    },
    ...after,
  ];

  async function online(after: ScriptStep[]): Promise<XmppSession> {
    server = await startScriptedServer(plainOnlineScript(after), certificate);
    const { session, socket } = await sessionTo(server.port);
    const mechanism = await firstValueFrom(
      session.open(socket).pipe(
        concatMap(() => session.startTls()),
        concatMap(() => session.authenticate({ password: 'pw' })),
      ),
    );
    expect(mechanism).toBe('PLAIN');
    await firstValueFrom(session.bind());
    return session;
  }

  it('sends PLAIN only inside TLS, as RFC 4616 gives it (empty authzid, user, password)', async () => {
    const session = await online([]);
    const received = server?.received()[0] ?? '';
    expect(received).toContain(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from('\u0000alice\u0000pw').toString('base64')}</auth>`);
    session.destroy();
  });

  it("reads Prosody's system-shutdown stream error (captured wire form) as a drop that may reconnect", async () => {
    const session = await online([
      {
        when: /<presence\/>/,
        reply: (_m, io) =>
          io.write(
            "<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Received SIGTERM</text></stream:error></stream:stream>",
          ),
      },
    ]);
    session.sendPresence();
    await expect(firstValueFrom(session.end$)).resolves.toEqual({
      reason: 'stream-error',
      condition: 'system-shutdown',
      text: 'Received SIGTERM',
      message: 'the XMPP server xmpp.lab.test is shutting down (system-shutdown); this client reconnects when it is back. The server said: "Received SIGTERM"',
      reconnect: true,
    });
    await expect.poll(() => server?.received()[0]).toMatch(/<\/stream:stream>$/);
  });

  it("answers the server's ping and refuses other requests with service-unavailable (RFC 6120 §8.2.3)", async () => {
    const session = await online([
      {
        when: /<presence\/>/,
        reply: (_m, io) =>
          io.write(
            `<iq type='get' id='s1' from='${DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>` +
              `<iq type='get' id='s2' from='${DOMAIN}'><query xmlns='jabber:iq:version'/></iq>`,
          ),
      },
    ]);
    session.sendPresence();
    await expect.poll(() => server?.received()[0]).toContain('id="s2"');
    const received = server?.received()[0] ?? '';
    expect(received).toContain(`<iq type="result" id="s1" to="${DOMAIN}"/>`);
    expect(received).toMatch(/<iq type="error" id="s2"[^>]*><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/><\/error><\/iq>/);
    session.destroy();
  });
});

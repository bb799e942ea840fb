// The lab's Prosody, spoken to through raw sockets (not through our client): STARTTLS is required,
// the certificate verifies against the lab CA for the domain, SASL is offered only after TLS, and
// the faults do what they say. Without Prosody they are skipped with the install hint (failing
// under UNITY_REQUIRE_SYSTEM_PROGRAMS=1, as in CI).
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabPki } from '../../src/lab/pki/index.ts';
import { PROSODY_INSTALL_HINT, startProsody, type ProsodyServer } from '../../src/lab/xmpp/index.ts';
import { systemProgram } from '../support/system-programs.ts';

const prosody = systemProgram('prosody');

const DOMAIN = 'xmpp.lab.test';
const HEADER = `<?xml version='1.0'?><stream:stream to='${DOMAIN}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

/** Collects everything a socket receives; `until` waits for a substring. */
function reader(socket: net.Socket | tls.TLSSocket): { text: () => string; until: (s: string) => Promise<string>; closed: Promise<void> } {
  let text = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    text: () => text,
    until: (s) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (text.includes(s)) resolve(text);
          else waiters.push(check);
        };
        closed.then(() => reject(new Error(`socket closed before ${s}; got: ${text}`)));
        check();
      }),
    closed,
  };
}

async function connectPlain(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Plain connect, stream open, STARTTLS, TLS with the lab CA, stream reopened: returns the TLS features. */
async function secureStream(port: number, ca: string): Promise<{ socket: tls.TLSSocket; r: ReturnType<typeof reader> }> {
  const plain = await connectPlain(port);
  const pr = reader(plain);
  plain.write(HEADER);
  await pr.until('</stream:features>');
  plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await pr.until('<proceed');
  plain.removeAllListeners('data');
  const socket = tls.connect({ socket: plain, servername: DOMAIN, ca: [ca] });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  const r = reader(socket);
  socket.write(HEADER);
  await r.until('</stream:features>');
  return { socket, r };
}

prosody.describe('lab Prosody (raw sockets)', () => {
  let server: ProsodyServer;
  let ca: string;

  beforeAll(async () => {
    const pki = await createLabPki();
    const cert = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
    ca = pki.caCertPem;
    server = await startProsody({
      domain: DOMAIN,
      certPem: cert.certPem,
      keyPem: cert.keyPem,
      users: [{ localpart: 'alice', password: 'alice-secret' }],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('listens on loopback and requires STARTTLS before offering any SASL mechanism', async () => {
    expect(server.host).toBe('127.0.0.1');
    const socket = await connectPlain(server.endpoints.plain.port);
    const r = reader(socket);
    socket.write(HEADER);
    const text = await r.until('</stream:features>');
    expect(text).toMatch(/<starttls xmlns=['"]urn:ietf:params:xml:ns:xmpp-tls['"]><required\/><\/starttls>/);
    expect(text).not.toContain('<mechanism>');
    socket.destroy();
  });

  it('presents a certificate for the domain that verifies against the lab CA, then offers SCRAM-SHA-1 and PLAIN', async () => {
    const { socket, r } = await secureStream(server.endpoints.plain.port, ca);
    expect(socket.authorized).toBe(true);
    expect(r.text()).toContain('<mechanism>SCRAM-SHA-1</mechanism>');
    expect(r.text()).toContain('<mechanism>PLAIN</mechanism>');
    socket.destroy();
  });

  it('refuses a TLS client that does not trust the lab CA', async () => {
    const plain = await connectPlain(server.endpoints.plain.port);
    const pr = reader(plain);
    plain.write(HEADER);
    await pr.until('</stream:features>');
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await pr.until('<proceed');
    plain.removeAllListeners('data');
    const socket = tls.connect({ socket: plain, servername: DOMAIN });
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect((error as NodeJS.ErrnoException).code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO/);
    socket.destroy();
  });

  it('registered users log in with PLAIN over TLS; a wrong password gets not-authorized', async () => {
    const good = await secureStream(server.endpoints.plain.port, ca);
    const plainAuth = (password: string): string =>
      Buffer.from(`\0alice\0${password}`).toString('base64');
    good.socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plainAuth('alice-secret')}</auth>`);
    expect(await good.r.until('<success')).toContain('<success');
    good.socket.destroy();

    const bad = await secureStream(server.endpoints.plain.port, ca);
    bad.socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plainAuth('wrong')}</auth>`);
    expect(await bad.r.until('</failure>')).toContain('<not-authorized/>');
    bad.socket.destroy();
  });

  // Prosody 0.12 usually sends <stream:error><system-shutdown/> on SIGTERM, but now and then the
  // bytes never reach the client although its debug log says "Sending" (seen at about 1 in 5 right
  // after activity). So: the socket must close, and whatever arrived must be that stream error.
  it('shutdown closes client streams (with system-shutdown when Prosody gets it out); restart listens again on the same port', async () => {
    const { socket, r } = await secureStream(server.endpoints.plain.port, ca);
    const port = server.endpoints.plain.port;
    const before = r.text().length;
    await server.fault({ type: 'shutdown' });
    try {
      await r.closed;
      const after = r.text().slice(before);
      if (after !== '') expect(after).toContain('<system-shutdown');
      expect(server.running).toBe(false);
      await expect(connectPlain(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await server.fault({ type: 'restart' });
    }
    expect(server.running).toBe(true);
    const again = await connectPlain(port);
    again.destroy();
    socket.destroy();
  });

  it('kill drops sockets without a stream error; drop-all comes back on the same port', async () => {
    const first = await secureStream(server.endpoints.plain.port, ca);
    await server.fault({ type: 'kill' });
    try {
      await first.r.closed;
      expect(first.r.text()).not.toContain('stream:error');
    } finally {
      await server.fault({ type: 'restart' });
    }

    const second = await secureStream(server.endpoints.plain.port, ca);
    await server.fault({ type: 'drop-all' });
    await second.r.closed;
    expect(server.running).toBe(true);
    const third = await secureStream(server.endpoints.plain.port, ca);
    third.socket.destroy();
  });
});

prosody.describe('lab Prosody lifecycle', () => {
  it('stop() ends the process, frees the port and removes the temp directory', async () => {
    const pki = await createLabPki();
    const cert = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
    const server = await startProsody({ domain: DOMAIN, certPem: cert.certPem, keyPem: cert.keyPem, users: [] });
    const port = server.endpoints.plain.port;
    expect(existsSync(`${server.dir}/prosody.cfg.lua`)).toBe(true);
    await server.stop();
    expect(server.running).toBe(false);
    await expect(connectPlain(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(server.dir)).toBe(false);
  });
});

describe('lab Prosody when it is not installed', () => {
  it('rejects with the install hint instead of starting anything', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent-unity-connect-bin';
    try {
      await expect(
        startProsody({ domain: DOMAIN, certPem: 'x', keyPem: 'y', users: [] }),
      ).rejects.toMatchObject({ code: 'PROSODY_NOT_INSTALLED', message: PROSODY_INSTALL_HINT });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

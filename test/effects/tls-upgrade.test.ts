import { once } from 'node:events';
import { connect as netConnect, type Socket } from 'node:net';
import { TLSSocket, type TlsOptions } from 'node:tls';
import { lastValueFrom, mergeMap, toArray, VirtualTimeScheduler } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ByteSocket } from '../../src/effects/byte-socket.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { connectTcp } from '../../src/effects/tcp-connect.ts';
import { upgradeTls, type UpgradeTlsOptions } from '../../src/effects/tls-upgrade.ts';
import type { NetFailure } from '../../src/effects/net-failure.ts';
import { failureOf, first, textOf } from './support/collect.ts';
import { keyPair, makeLabCertificates, type LabCertificates } from './support/lab-certificates.ts';
import { closeAllServers, plainServer, tlsServer } from './support/loopback.ts';

const resolver = createHostMapResolver({ 'ocs.lab.test': '127.0.0.1', 'deep.ocs.lab.test': '127.0.0.1' });
let certs: LabCertificates;

beforeAll(async () => {
  certs = await makeLabCertificates();
});
afterEach(closeAllServers);

const plain = (port: number, host = 'ocs.lab.test'): Promise<ByteSocket> =>
  first(connectTcp({ host, port, resolver, timeoutMs: 5000 }));

async function secure(port: number, options: Partial<UpgradeTlsOptions> = {}, host = 'ocs.lab.test'): Promise<ByteSocket> {
  const socket = await plain(port, host);
  return first(upgradeTls(socket, { servername: host, ca: [certs.caPem], timeoutMs: 5000, ...options }));
}

async function handshakeFailure(port: number, options: Partial<UpgradeTlsOptions> = {}, host = 'ocs.lab.test'): Promise<NetFailure> {
  const socket = await plain(port, host);
  return failureOf(upgradeTls(socket, { servername: host, ca: [certs.caPem], timeoutMs: 5000, ...options }));
}

async function makeAddressCertificate(): Promise<{ cert: string; key: string }> {
  const issued = await certs.issue({ dnsNames: [], ipAddresses: ['127.0.0.1'] });
  return keyPair(issued);
}

const echoServer = (options: TlsOptions) =>
  tlsServer(options, (socket) => socket.on('data', (d) => socket.end(`echo:${d.toString()}`)));

describe('upgradeTls on an established connection', () => {
  it('secures the connection, checks the lab CA and reports the negotiated version', async () => {
    const server = await echoServer(keyPair(certs.ocs));
    const socket = await secure(server.port);
    expect(socket.info).toEqual({
      host: 'ocs.lab.test',
      address: '127.0.0.1',
      port: server.port,
      tls: { version: 'TLSv1.3', servername: 'ocs.lab.test' },
    });
    socket.write('<BroadsoftDocument/>');
    expect(await textOf(socket.data$)).toBe('echo:<BroadsoftDocument/>');
  });

  it('pins the security protocol: a client pinned to TLSv1.2 negotiates TLSv1.2 (seed §4.1)', async () => {
    const server = await echoServer(keyPair(certs.ocs));
    const socket = await secure(server.port, { version: 'TLSv1.2' });
    expect(socket.info.tls?.version).toBe('TLSv1.2');
    socket.destroy();
  });

  it('checks the certificate against the certificate host when it differs from the FQDN', async () => {
    const server = await echoServer(keyPair(certs.certificateHost));
    const socket = await secure(server.port, { servername: 'oci-cert.lab.test' });
    expect(socket.info).toMatchObject({ host: 'ocs.lab.test', tls: { servername: 'oci-cert.lab.test' } });
    socket.destroy();
  });

  it('accepts a wildcard certificate *.lab.test for ocs.lab.test', async () => {
    const server = await echoServer(keyPair(certs.wildcard));
    const socket = await secure(server.port);
    expect(socket.info.tls?.servername).toBe('ocs.lab.test');
    socket.destroy();
  });

  it('checks an address used as the name against the certificate IP entries (no SNI for addresses)', async () => {
    const byAddress = await makeAddressCertificate();
    const server = await echoServer(byAddress);
    const socket = await secure(server.port, { servername: '127.0.0.1' }, '127.0.0.1');
    expect(socket.info.tls?.servername).toBe('127.0.0.1');
    socket.destroy();
    const other = await echoServer(keyPair(certs.ocs));
    expect((await handshakeFailure(other.port, { servername: '127.0.0.1' }, '127.0.0.1')).kind).toBe('tls-certificate-name');
  });

  it('refuses a wildcard *.lab.test for a name two labels deeper', async () => {
    const server = await echoServer(keyPair(certs.wildcard));
    const failure = await handshakeFailure(server.port, {}, 'deep.ocs.lab.test');
    expect(failure).toMatchObject({ kind: 'tls-certificate-name', cause: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('reports a certificate for another name as tls-certificate-name', async () => {
    const server = await echoServer(keyPair(certs.certificateHost));
    const failure = await handshakeFailure(server.port);
    expect(failure).toMatchObject({ kind: 'tls-certificate-name', host: 'ocs.lab.test', port: server.port });
    expect(failure.message).toContain('"ocs.lab.test"');
    expect(failure.message).toContain('certificate host');
  });

  it('reports an expired certificate as tls-certificate-expired', async () => {
    const server = await echoServer(keyPair(certs.expired));
    const failure = await handshakeFailure(server.port);
    expect(failure).toMatchObject({ kind: 'tls-certificate-expired', cause: 'CERT_HAS_EXPIRED' });
    expect(failure.message).toContain('has expired');
  });

  it('reports a certificate from an unknown CA as tls-certificate-untrusted', async () => {
    const server = await echoServer(keyPair(certs.untrusted));
    const failure = await handshakeFailure(server.port);
    expect(failure.kind).toBe('tls-certificate-untrusted');
  });

  it('verifies by default: without the lab CA configured the lab certificate is untrusted', async () => {
    const server = await echoServer(keyPair(certs.ocs));
    const failure = await handshakeFailure(server.port, { ca: undefined });
    expect(failure.kind).toBe('tls-certificate-untrusted');
  });

  it('reports a TLS 1.3-only server reached by a client pinned to TLS 1.2 as tls-version', async () => {
    const server = await echoServer({ ...keyPair(certs.ocs), minVersion: 'TLSv1.3' });
    const failure = await handshakeFailure(server.port, { version: 'TLSv1.2' });
    expect(failure).toMatchObject({ kind: 'tls-version', cause: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
    expect(failure.message).toContain('TLSv1.2');
    expect(failure.message).toContain('security protocol');
  });

  it('reports a TLS 1.2-only server reached by a client pinned to TLS 1.3 as tls-version', async () => {
    const server = await echoServer({ ...keyPair(certs.ocs), maxVersion: 'TLSv1.2' });
    const failure = await handshakeFailure(server.port, { version: 'TLSv1.3' });
    expect(failure.kind).toBe('tls-version');
  });

  it('refuses an obsolete pinned TLSv1 by default, as tls-version (RFC 8996)', async () => {
    const legacy = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;
    const server = await echoServer({ ...keyPair(certs.ocs), ...legacy });
    const failure = await handshakeFailure(server.port, { version: 'TLSv1' });
    expect(failure.kind).toBe('tls-version');
    expect(failure.message).toContain('obsolete');
  });

  it('speaks a pinned obsolete TLSv1 only when explicitly allowed, still verifying the certificate', async () => {
    const legacy = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;
    const good = await echoServer({ ...keyPair(certs.ocs), ...legacy });
    const socket = await secure(good.port, { version: 'TLSv1', allowObsoleteTls: true });
    expect(socket.info.tls?.version).toBe('TLSv1');
    socket.destroy();
    const wrongName = await echoServer({ ...keyPair(certs.certificateHost), ...legacy });
    const failure = await handshakeFailure(wrongName.port, { version: 'TLSv1', allowObsoleteTls: true });
    expect(failure.kind).toBe('tls-certificate-name');
  });

  it('reports a server that closes after the ClientHello as tls-handshake-closed', async () => {
    const server = await plainServer((socket) => socket.once('data', () => socket.end()));
    const failure = await handshakeFailure(server.port, { version: 'TLSv1.2' });
    expect(failure.kind).toBe('tls-handshake-closed');
    expect(failure.message).toContain('TLSv1.2');
  });

  it('reports a server that resets after the ClientHello as tls-handshake-closed', async () => {
    const server = await plainServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const failure = await handshakeFailure(server.port);
    expect(failure.kind).toBe('tls-handshake-closed');
  });

  it('reports a plain server answering the ClientHello in plain text as tls-version (documented choice)', async () => {
    const server = await plainServer((socket) => socket.once('data', () => socket.end('<?xml version="1.0"?><BroadsoftDocument/>')));
    const failure = await handshakeFailure(server.port);
    expect(failure).toMatchObject({ kind: 'tls-version', cause: 'ERR_SSL_WRONG_VERSION_NUMBER' });
    expect(failure.message).toContain('plain, non-TLS port');
  });

  it('times out a handshake the server never answers after exactly timeoutMs of scheduler time', async () => {
    const server = await plainServer(); // accepts, never answers
    const socket = await plain(server.port);
    const scheduler = new VirtualTimeScheduler();
    const events: string[] = [];
    upgradeTls(socket, { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 3000, scheduler }).subscribe({
      next: () => events.push('next'),
      error: (failure: NetFailure) => events.push(`error:${failure.kind}`),
    });
    const peer = await server.socket(0);
    await once(peer, 'data'); // the ClientHello is out
    scheduler.maxFrames = 2999;
    scheduler.flush();
    expect(events).toEqual([]);
    scheduler.maxFrames = 3000;
    scheduler.flush();
    expect(events).toEqual(['error:timeout']);
    await once(peer, 'close'); // and the connection is closed
  });

  it('closes the connection when unsubscribed mid-handshake', async () => {
    const server = await plainServer();
    const socket = await plain(server.port);
    const subscription = upgradeTls(socket, { servername: 'ocs.lab.test', timeoutMs: 5000 }).subscribe({ error: () => {} });
    const peer = await server.socket(0);
    await once(peer, 'data');
    subscription.unsubscribe();
    await once(peer, 'close');
  });

  it('refuses to upgrade a socket twice', async () => {
    const server = await echoServer(keyPair(certs.ocs));
    const socket = await plain(server.port);
    const upgraded = await first(upgradeTls(socket, { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000 }));
    const failure = await failureOf(upgradeTls(socket, { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000 }));
    expect(failure).toMatchObject({ kind: 'closed', cause: 'ALREADY_UPGRADED' });
    upgraded.destroy();
  });
});

describe('upgradeTls on a ByteSocket that is not a Node socket', () => {
  it('secures it through a stream bridge with the same verification', async () => {
    const server = await echoServer(keyPair(certs.ocs));
    // The inner socket stands for any byte transport; it must not judge the TLS bytes it carries.
    const rawTransport = (port: number) => first(connectTcp({ host: 'ocs.lab.test', port, resolver, timeoutMs: 5000, detectTls: false }));
    const foreignOver = (inner: ByteSocket): ByteSocket => ({
      data$: inner.data$,
      write: (data) => inner.write(data),
      end: () => inner.end(),
      destroy: () => inner.destroy(),
      info: inner.info,
    });
    const socket = await first(upgradeTls(foreignOver(await rawTransport(server.port)), { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000, version: 'TLSv1.2' }));
    expect(socket.info.tls).toEqual({ version: 'TLSv1.2', servername: 'ocs.lab.test' });
    socket.write('bridged');
    expect(await textOf(socket.data$)).toBe('echo:bridged');
    const wrongName = await echoServer(keyPair(certs.certificateHost));
    const failure = await failureOf(upgradeTls(foreignOver(await rawTransport(wrongName.port)), { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000 }));
    expect(failure.kind).toBe('tls-certificate-name');
  });
});

describe('the byte stream across a STARTTLS-style upgrade', () => {
  // The server answers "<proceed/>" in plain text, then becomes the TLS server on the same socket and
  // greets first: the way XMPP STARTTLS (RFC 6120 §5) runs.
  function starttlsServer(): ReturnType<typeof plainServer> {
    return plainServer((socket) => {
      socket.once('data', () => {
        socket.write('<proceed/>');
        const secured = new TLSSocket(socket, { isServer: true, ...keyPair(certs.ocs) });
        secured.on('error', () => {});
        secured.once('secure', () => secured.write('<stream:features/>'));
        secured.on('data', (d) => secured.end(`echo:${d.toString()}`));
      });
    });
  }

  it('loses nothing: plain bytes end on the plain stream, TLS bytes arrive on the secured one', async () => {
    const server = await starttlsServer();
    let raw: Socket | undefined;
    const baseline = { data: -1, end: -1 };
    const createSocket = (address: string, port: number): Socket => {
      raw = netConnect({ host: address, port });
      Object.assign(baseline, { data: raw.listenerCount('data'), end: raw.listenerCount('end') });
      return raw;
    };
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000, createSocket }));
    const plainChunks: string[] = [];
    const secured$ = socket.data$.pipe(
      mergeMap((chunk) => {
        plainChunks.push(Buffer.from(chunk).toString());
        return upgradeTls(socket, { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000 });
      }),
    );
    socket.write('<starttls/>');
    const [secured] = await lastValueFrom(secured$.pipe(toArray()));
    expect(plainChunks).toEqual(['<proceed/>']); // the plain stream ended at the upgrade
    // No plain reader left on the raw socket: only what Node itself attached before we wrapped it.
    expect(raw?.listenerCount('data')).toBe(baseline.data);
    expect(raw?.listenerCount('end')).toBe(baseline.end);
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      secured?.data$.subscribe({ next: (c) => received.push(Buffer.from(c).toString()), complete: resolve, error: reject }),
    );
    secured?.write('<auth/>');
    await done;
    expect(received.join('')).toBe('<stream:features/>echo:<auth/>');
  });

  it('hands bytes nobody read before the upgrade to the TLS layer, never dropping them', async () => {
    // The server sends plain junk, then waits for a ClientHello like any TLS server.
    const server = await plainServer((socket) => {
      socket.write('junk');
      const secured = new TLSSocket(socket, { isServer: true, ...keyPair(certs.ocs) });
      secured.on('error', () => {});
    });
    let raw: Socket | undefined;
    const socket = await first(
      connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000, createSocket: (a, p) => (raw = netConnect({ host: a, port: p })) }),
    );
    await once(raw as Socket, 'data'); // "junk" sits unread in the plain socket's backlog
    const failure = await failureOf(upgradeTls(socket, { servername: 'ocs.lab.test', ca: [certs.caPem], timeoutMs: 5000 }));
    // The TLS layer read "junk" where the ServerHello should be: the stream was not cut.
    expect(failure).toMatchObject({ kind: 'tls-version', cause: 'ERR_SSL_WRONG_VERSION_NUMBER' });
  });

  it('after the upgrade, a reset is reported as reset and a peer close completes the stream', async () => {
    const resetting = await plainServer((raw) => {
      const secured = new TLSSocket(raw, { isServer: true, ...keyPair(certs.ocs) });
      secured.on('error', () => {});
      secured.once('data', () => raw.resetAndDestroy());
    });
    const a = await secure(resetting.port);
    a.write('x');
    expect(await failureOf(a.data$)).toMatchObject({ kind: 'reset', cause: 'ECONNRESET' });
    const closing = await tlsServer(keyPair(certs.ocs), (s) => s.end('bye'));
    const b = await secure(closing.port);
    expect(await textOf(b.data$)).toBe('bye');
  });
});

describe('a plain client reaching a TLS port', () => {
  it('sees a Node TLS server close without an alert: the stream just ends (tls-expected needs an alert)', async () => {
    const server = await tlsServer(keyPair(certs.ocs));
    const socket = await plain(server.port);
    socket.write('<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI"/>');
    expect(await textOf(socket.data$)).toBe('');
  });
});

import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createLabPki, type LabPki, type ServerCertificate } from '../../src/lab/pki/index.ts';

const DAY = 86_400_000;
let pki: LabPki;
const servers: tls.Server[] = [];

beforeAll(async () => {
  pki = await createLabPki();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(cert: ServerCertificate): Promise<number> {
  const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (socket) => {
    socket.end('hello\n');
  });
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Connects with verification on, trusting only the lab CA; resolves 'ok' or the error code. */
function handshake(port: number, servername: string, ca: string[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, ca });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('lab PKI', () => {
  it('issues a server certificate that Node accepts when the lab CA is trusted and the name matches', async () => {
    const port = await serve(await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] }));
    expect(await handshake(port, 'ocs.lab.test', [pki.caCertPem])).toBe('ok');
  });

  it('is rejected without the lab CA in the trust list (verification stays on)', async () => {
    const port = await serve(await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] }));
    expect(await handshake(port, 'ocs.lab.test', [])).toMatch(/UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('a certificate for other names fails the host check (cert-host-mismatch)', async () => {
    const port = await serve(await pki.issueServerCertificate({ dnsNames: ['other.lab.test'] }));
    expect(await handshake(port, 'ocs.lab.test', [pki.caCertPem])).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('an expired certificate is rejected', async () => {
    const now = Date.now();
    const cert = await pki.issueServerCertificate({
      dnsNames: ['ocs.lab.test'],
      notBefore: new Date(now - 30 * DAY),
      notAfter: new Date(now - DAY),
    });
    const port = await serve(cert);
    expect(await handshake(port, 'ocs.lab.test', [pki.caCertPem])).toBe('CERT_HAS_EXPIRED');
  });

  it('a certificate not yet valid is rejected', async () => {
    const now = Date.now();
    const cert = await pki.issueServerCertificate({
      dnsNames: ['ocs.lab.test'],
      notBefore: new Date(now + DAY),
      notAfter: new Date(now + 30 * DAY),
    });
    expect(await handshake(await serve(cert), 'ocs.lab.test', [pki.caCertPem])).toBe('CERT_NOT_YET_VALID');
  });

  it('a wildcard certificate matches one label and no more', async () => {
    const port = await serve(await pki.issueServerCertificate({ dnsNames: ['*.lab.test'] }));
    expect(await handshake(port, 'cti.lab.test', [pki.caCertPem])).toBe('ok');
    expect(await handshake(port, 'a.cti.lab.test', [pki.caCertPem])).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('a certificate from another lab CA is not trusted by this one', async () => {
    const other = await createLabPki();
    const port = await serve(await other.issueServerCertificate({ dnsNames: ['ocs.lab.test'] }));
    expect(await handshake(port, 'ocs.lab.test', [pki.caCertPem])).not.toBe('ok');
  });

  it('gives the key as PKCS#8 PEM and refuses an empty name list', async () => {
    const cert = await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] });
    expect(cert.keyPem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(cert.caCertPem).toBe(pki.caCertPem);
    await expect(pki.issueServerCertificate({ dnsNames: [] })).rejects.toThrow(/at least one/);
  });
});

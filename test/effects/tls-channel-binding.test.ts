// TLS channel bindings of the TLS effect's sockets (RFC 5929, RFC 9266), checked against what the
// server side of the same real loopback connection computes independently, and the RFC 5929 §4.1
// hash choice for certificates signed with each algorithm.
import 'reflect-metadata';
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteSocket } from '../../src/effects/byte-socket.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { connectTcp } from '../../src/effects/tcp-connect.ts';
import { endPointHashOf, serverEndPointOf } from '../../src/effects/tls-channel-binding.ts';
import { upgradeTls } from '../../src/effects/tls-upgrade.ts';
import { createLabPki } from '../../src/lab/pki/index.ts';

const HOST = 'cb.lab.test';
const crypto = webcrypto as unknown as Crypto;

async function selfSigned(algorithm: RsaHashedKeyGenParams | EcKeyGenParams | { name: 'Ed25519' }, signing: Algorithm): Promise<Uint8Array> {
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name: 'CN=test', notBefore: new Date(0), notAfter: new Date(Date.UTC(2100, 0)), keys, signingAlgorithm: signing },
    crypto,
  );
  return new Uint8Array(cert.rawData);
}

describe('RFC 5929 §4.1 hash of a certificate', () => {
  it('is the signature hash, SHA-256 for SHA-1, none for Ed25519 or garbage', async () => {
    const rsa = (hash: string): RsaHashedKeyGenParams => ({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash });
    expect(endPointHashOf(await selfSigned(rsa('SHA-1'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' } as Algorithm))).toBe('sha256');
    expect(endPointHashOf(await selfSigned(rsa('SHA-512'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' } as Algorithm))).toBe('sha512');
    expect(endPointHashOf(await selfSigned({ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' } as Algorithm))).toBe('sha384');
    expect(endPointHashOf(await selfSigned({ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' } as Algorithm))).toBe('sha256');
    expect(endPointHashOf(await selfSigned({ name: 'Ed25519' }, { name: 'Ed25519' }))).toBeNull();
    expect(endPointHashOf(new Uint8Array([0x30, 0x82, 0xff, 0xff, 0x30]))).toBeNull();
    expect(endPointHashOf(new Uint8Array([]))).toBeNull();
  });

  it('hashes the whole DER with that hash', async () => {
    const der = await selfSigned({ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' } as Algorithm);
    expect(Buffer.from(serverEndPointOf(der)!)).toEqual(createHash('sha384').update(der).digest());
  });
});

describe('channel bindings of a secured socket, against the server side of the same connection', () => {
  let server: tls.Server;
  let ca: string;
  let certPem: string;
  const serverSockets: tls.TLSSocket[] = [];
  beforeAll(async () => {
    const pki = await createLabPki();
    const cert = await pki.issueServerCertificate({ dnsNames: [HOST] });
    ca = pki.caCertPem;
    certPem = cert.certPem;
    server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (s) => {
      s.on('error', () => undefined);
      serverSockets.push(s);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const s of serverSockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  async function secured(version: 'TLSv1.2' | 'TLSv1.3'): Promise<{ client: ByteSocket; peer: tls.TLSSocket }> {
    const port = (server.address() as { port: number }).port;
    const before = serverSockets.length;
    const plain = await firstValueFrom(connectTcp({ host: HOST, port, resolver: createHostMapResolver({ [HOST]: '127.0.0.1' }), timeoutMs: 5_000 }));
    const client = await firstValueFrom(upgradeTls(plain, { servername: HOST, ca: [ca], version, timeoutMs: 5_000 }));
    await expect.poll(() => serverSockets.length).toBeGreaterThan(before);
    return { client, peer: serverSockets[serverSockets.length - 1]! };
  }

  it('TLS 1.2: tls-unique is the client Finished the server received; no tls-exporter', async () => {
    const { client, peer } = await secured('TLSv1.2');
    expect(Buffer.from(client.channelBinding!('tls-unique')!)).toEqual(peer.getPeerFinished());
    expect(client.channelBinding!('tls-exporter')).toBeNull();
    client.destroy();
  });

  it('TLS 1.3: tls-exporter equals the server exporter with the RFC 9266 label; no tls-unique', async () => {
    const { client, peer } = await secured('TLSv1.3');
    const data = client.channelBinding!('tls-exporter')!;
    expect(data).toHaveLength(32);
    expect(Buffer.from(data)).toEqual(peer.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0)));
    expect(client.channelBinding!('tls-unique')).toBeNull();
    client.destroy();
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`${version}: tls-server-end-point is SHA-256 of the server certificate (ecdsa-with-SHA256), every time it is asked`, async () => {
      const { client } = await secured(version);
      const expected = createHash('sha256').update(new X509Certificate(certPem).raw).digest();
      expect(Buffer.from(client.channelBinding!('tls-server-end-point')!)).toEqual(expected);
      expect(Buffer.from(client.channelBinding!('tls-server-end-point')!)).toEqual(expected);
      client.destroy();
    });
  }

  it('a plain socket has no channel binding', async () => {
    const port = (server.address() as { port: number }).port;
    const plain = await firstValueFrom(connectTcp({ host: HOST, port, resolver: createHostMapResolver({ [HOST]: '127.0.0.1' }), timeoutMs: 5_000 }));
    expect(plain.channelBinding?.('tls-unique') ?? null).toBeNull();
    plain.destroy();
  });
});

// The lab's private certificate authority (issue 4, "Names and certificates"): made at lab start,
// in memory, with WebCrypto through @peculiar/x509 — no shelling out. The client trusts it through
// configuration (`ca: [caCertPem]`), never by turning verification off.
import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import { toPem } from './pem.ts';

const crypto = webcrypto as unknown as Crypto;
const EC_KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ServerCertificateRequest {
  /** subjectAltName DNS entries; wildcards such as `*.lab.test` are allowed. */
  dnsNames: string[];
  /** subjectAltName IP entries (e.g. `127.0.0.1`). */
  ipAddresses?: string[];
  /** Subject CN; defaults to the first DNS name. */
  commonName?: string;
  /** Default: the PKI's `now` minus one hour. Use a past window to make an expired certificate. */
  notBefore?: Date;
  /** Default: the PKI's `now` plus 30 days. */
  notAfter?: Date;
}

export interface ServerCertificate {
  /** Leaf certificate, PEM. */
  certPem: string;
  /** Private key, PKCS#8 PEM ("PRIVATE KEY"), as Node's tls accepts it. */
  keyPem: string;
  /** The issuing CA, PEM (the same as LabPki.caCertPem). */
  caCertPem: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
}

export interface LabPki {
  caCertPem: string;
  issueServerCertificate(request: ServerCertificateRequest): Promise<ServerCertificate>;
}

export interface LabPkiOptions {
  /** Reference time of the CA and the default validity windows. Default: the current time. */
  now?: Date;
  /** Subject CN of the CA. */
  caName?: string;
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return Buffer.from(bytes).toString('hex');
}

function escapeDnValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

/**
 * @peculiar/x509, loaded on the first CA made (about 0.1 s of start-up): `unity-connect lab --list`
 * and everything that imports the lab without starting it never pay for it. It resolves its
 * services through tsyringe, which needs the Reflect metadata polyfill loaded first.
 */
async function loadX509(): Promise<typeof X509> {
  await import('reflect-metadata');
  return import('@peculiar/x509');
}

/**
 * @example
 * const pki = await createLabPki();
 * const leaf = await issueFor(pki, { kind: 'valid', dnsNames: ['ocs.lab.test'] }, new Date());
 */
export async function createLabPki(options: LabPkiOptions = {}): Promise<LabPki> {
  const x509 = await loadX509();
  const now = options.now ?? new Date();
  const caName = `CN=${escapeDnValue(options.caName ?? 'unity-connect lab CA')}, O=unity-connect lab`;
  const caKeys = (await crypto.subtle.generateKey(EC_KEY, false, ['sign', 'verify'])) as CryptoKeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: caName,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 365 * DAY_MS),
      signingAlgorithm: SIGNING,
      keys: caKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const caCertPem = caCert.toString('pem') + '\n';

  async function issueServerCertificate(request: ServerCertificateRequest): Promise<ServerCertificate> {
    if (request.dnsNames.length === 0 && (request.ipAddresses ?? []).length === 0) {
      throw new Error('issueServerCertificate: at least one DNS name or IP address is required');
    }
    const notBefore = request.notBefore ?? new Date(now.getTime() - HOUR_MS);
    const notAfter = request.notAfter ?? new Date(now.getTime() + 30 * DAY_MS);
    const keys = (await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
    const commonName = request.commonName ?? request.dnsNames[0] ?? request.ipAddresses?.[0] ?? 'lab';
    const altNames: X509.JsonGeneralName[] = [
      ...request.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ];
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: randomSerial(),
        subject: `CN=${escapeDnValue(commonName)}, O=unity-connect lab`,
        issuer: caCert.subject,
        notBefore,
        notAfter,
        signingAlgorithm: SIGNING,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(altNames),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
    return {
      certPem: cert.toString('pem') + '\n',
      keyPem: toPem('PRIVATE KEY', new Uint8Array(pkcs8)),
      caCertPem,
      notBefore,
      notAfter,
      dnsNames: [...request.dnsNames],
    };
  }

  return { caCertPem, issueServerCertificate };
}

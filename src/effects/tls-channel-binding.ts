// TLS channel bindings (RFC 5056) of an established TLS connection, for SASL mechanisms that bind
// the login to the connection (SCRAM-…-PLUS, RFC 5802 §6):
//   tls-unique           RFC 5929 §3: the first Finished message of the latest handshake; TLS 1.2
//                        and below only (RFC 9266 §1: undefined for TLS 1.3).
//   tls-exporter         RFC 9266 §2: 32 bytes of the exporter with label "EXPORTER-Channel-Binding"
//                        and no context; used on TLS 1.3 only (RFC 9266 §3 needs the extended
//                        master secret on TLS 1.2, which Node does not let us check).
//   tls-server-end-point RFC 5929 §4.1: the hash of the server certificate (DER), with the hash of
//                        its signature algorithm, SHA-256 when that is MD5 or SHA-1.
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export type TlsChannelBindingType = 'tls-unique' | 'tls-exporter' | 'tls-server-end-point';

export const TLS_EXPORTER_LABEL = 'EXPORTER-Channel-Binding';
const TLS_EXPORTER_LENGTH = 32;

/**
 * The channel-binding data of `type` on a client TLS socket, or null when the type is undefined for
 * this connection (e.g. tls-unique on TLS 1.3, a certificate signed without a hash).
 *
 * @example
 * const data = channelBindingOf(tlsSocket, 'tls-exporter'); // Uint8Array(32) on TLS 1.3, else null
 */
export function channelBindingOf(socket: TLSSocket, type: TlsChannelBindingType): Uint8Array | null {
  const version = socket.getProtocol();
  switch (type) {
    case 'tls-unique': {
      if (version === null || version === 'TLSv1.3') return null;
      // RFC 5929 §3.1: the client's Finished in a full handshake, the server's in a resumed one.
      const finished = socket.isSessionReused() ? socket.getPeerFinished() : socket.getFinished();
      return finished === undefined ? null : new Uint8Array(finished);
    }
    case 'tls-exporter':
      if (version !== 'TLSv1.3') return null;
      // RFC 8446 §7.5: on TLS 1.3 an empty context is the same as none (RFC 9266 §2 asks for none).
      return new Uint8Array(socket.exportKeyingMaterial(TLS_EXPORTER_LENGTH, TLS_EXPORTER_LABEL, Buffer.alloc(0)));
    case 'tls-server-end-point': {
      // getPeerCertificate, not getPeerX509Certificate: on Node 20 the latter answers only once
      // per socket (later calls, and getPeerCertificate, then find no certificate).
      const der = socket.getPeerCertificate().raw as Buffer | undefined;
      return der === undefined || der.length === 0 ? null : serverEndPointOf(der);
    }
  }
}

/**
 * RFC 5929 §4.1 for one certificate (DER); null when its signature algorithm has no usable hash.
 *
 * @example
 * serverEndPointOf(new X509Certificate(pem).raw); // SHA-256 of the DER for an ecdsa-with-SHA256 certificate
 */
export function serverEndPointOf(der: Uint8Array): Uint8Array | null {
  const hash = endPointHashOf(der);
  return hash === null ? null : new Uint8Array(createHash(hash).update(der).digest());
}

// Signature algorithm OIDs (RFC 3279, RFC 4055, RFC 5758) → the hash they use.
const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha1', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha1', // dsa-with-sha1
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};

/**
 * The hash RFC 5929 §4.1 prescribes for a DER certificate: its signature algorithm's hash, SHA-256
 * for MD5 and SHA-1; null for an algorithm without one (Ed25519, RSASSA-PSS with parameters we do
 * not read) or a certificate that does not parse.
 *
 * @example
 * endPointHashOf(new X509Certificate(pem).raw); // 'sha256' for sha256WithRSAEncryption or sha1WithRSAEncryption
 */
export function endPointHashOf(der: Uint8Array): string | null {
  const oid = signatureAlgorithmOid(der);
  const hash = oid === null ? undefined : SIGNATURE_HASHES[oid];
  if (hash === undefined) return null;
  return hash === 'md5' || hash === 'sha1' ? 'sha256' : hash;
}

interface DerItem {
  tag: number;
  start: number;
  end: number;
}

/** One DER TLV at `offset` within `limit`; null when it does not fit (definite lengths only). */
function readDer(der: Uint8Array, offset: number, limit: number): DerItem | null {
  if (offset + 2 > limit) return null;
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  const end = start + length;
  return end > limit ? null : { tag, start, end };
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, … } (RFC 5280 §4.1). */
function signatureAlgorithmOid(der: Uint8Array): string | null {
  const certificate = readDer(der, 0, der.length);
  if (certificate === null || certificate.tag !== 0x30) return null;
  const tbs = readDer(der, certificate.start, certificate.end);
  if (tbs === null || tbs.tag !== 0x30) return null;
  const algorithm = readDer(der, tbs.end, certificate.end);
  if (algorithm === null || algorithm.tag !== 0x30) return null;
  const oid = readDer(der, algorithm.start, algorithm.end);
  if (oid === null || oid.tag !== 0x06 || oid.end === oid.start) return null;
  return decodeOid(der.subarray(oid.start, oid.end));
}

function decodeOid(bytes: Uint8Array): string | null {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return null;
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  if (value !== 0 || parts.length === 0) return null;
  const first = parts[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts.slice(1)].join('.');
}

// The failure mapping table, on error shapes Node produces (the loopback tests provoke the real ones).
import { describe, expect, it } from 'vitest';
import { classifySocketError } from '../../src/effects/classify-socket-error.ts';
import { classifyTlsHandshakeError } from '../../src/effects/classify-tls-error.ts';
import { looksLikeTlsRecord } from '../../src/effects/tls-record.ts';

const where = { host: 'ocs.lab.test', port: 2209 };
const ctx = { ...where, servername: 'ocs.lab.test', version: 'TLSv1.2' as const };
const nodeError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('socket error mapping', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ETIMEDOUT', 'timeout'],
    ['EHOSTUNREACH', 'timeout'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
  ])('%s → %s', (code, kind) => {
    expect(classifySocketError(nodeError(code), where)).toMatchObject({ kind, cause: code, host: 'ocs.lab.test', port: 2209 });
  });
});

describe('TLS handshake error mapping', () => {
  it.each([
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'tls-version'],
    ['ERR_SSL_UNSUPPORTED_PROTOCOL', 'tls-version'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-version'],
    ['ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'tls-version'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-certificate-name'],
    ['CERT_HAS_EXPIRED', 'tls-certificate-expired'],
    ['CERT_NOT_YET_VALID', 'tls-certificate-expired'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-certificate-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-certificate-untrusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-certificate-untrusted'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls-certificate-untrusted'],
    ['ECONNRESET', 'tls-handshake-closed'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls-alert'],
    ['ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR', 'tls-alert'],
  ])('%s → %s', (code, kind) => {
    expect(classifyTlsHandshakeError(nodeError(code), ctx)).toMatchObject({ kind, cause: code });
  });

  it('recovers the OpenSSL reason from an EPROTO raised by a write during the handshake', () => {
    const error = nodeError('EPROTO', 'write EPROTO 80AC:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../rec_layer_s3.c:1601:SSL alert number 70');
    expect(classifyTlsHandshakeError(error, ctx)).toMatchObject({ kind: 'tls-version', cause: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
  });

  it('says which setting to check, and names the place', () => {
    const version = classifyTlsHandshakeError(nodeError('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'), ctx);
    expect(version.message).toMatch(/ocs\.lab\.test:2209.*TLSv1\.2.*security protocol/s);
    const name = classifyTlsHandshakeError(nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), ctx);
    expect(name.message).toContain('certificate host');
    expect(classifySocketError(nodeError('ETIMEDOUT'), where).message).toContain('firewall');
  });
});

describe('TLS record recognition on plain sockets', () => {
  it.each([
    [[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a], true], // fatal alert, TLS 1.2 record
    [[0x16, 0x03, 0x01, 0x00, 0x05], true], // handshake record
    [[0x15], true],
    [[0x3c, 0x3f, 0x78, 0x6d, 0x6c], false], // "<?xml"
    [[0x16, 0x20], false],
    [[0x15, 0x03, 0x09], false],
    [[], false],
  ])('%j → %s', (bytes, expected) => {
    expect(looksLikeTlsRecord(Uint8Array.from(bytes))).toBe(expected);
  });
});

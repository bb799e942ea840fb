// The runtime's reading of effect failures (src/adapters/runtime/failure-mapping.ts): each NetFailure
// kind has one meaning for the connection machine; seed §5.2's TLS-only server is 'tls-required'.
import { describe, expect, it } from 'vitest';
import { tlsFailureOf, transportFailureOf } from '../../src/adapters/runtime/failure-mapping.ts';
import type { NetFailure, NetFailureKind } from '../../src/effects/net-failure.ts';

const failure = (kind: NetFailureKind): NetFailure => ({ kind, message: `m-${kind}`, host: 'h.example', port: 1 });

describe('NetFailure → machine failures', () => {
  it('maps transport kinds, with a TLS record on a plain socket as tls-required (seed §5.2)', () => {
    expect(transportFailureOf(failure('tls-expected'))).toEqual({ kind: 'tls-required', message: 'm-tls-expected' });
    expect(transportFailureOf(failure('refused')).kind).toBe('refused');
    expect(transportFailureOf(failure('timeout')).kind).toBe('timeout');
    expect(transportFailureOf(failure('dns')).kind).toBe('unreachable');
    expect(transportFailureOf(failure('reset')).kind).toBe('reset');
    expect(transportFailureOf(failure('closed')).kind).toBe('peer-closed');
  });

  it('maps TLS handshake failures to their cause', () => {
    expect(tlsFailureOf(failure('tls-version'))).toEqual({ type: 'TLS.FAILED', failure: { cause: 'version-refused', message: 'm-tls-version' } });
    expect(tlsFailureOf(failure('tls-certificate-name')).failure.cause).toBe('certificate-name-mismatch');
    expect(tlsFailureOf(failure('tls-certificate-untrusted')).failure.cause).toBe('certificate-untrusted');
    expect(tlsFailureOf(failure('tls-certificate-expired')).failure.cause).toBe('certificate-untrusted');
    expect(tlsFailureOf(failure('tls-handshake-closed')).failure.cause).toBe('handshake-closed');
  });
});

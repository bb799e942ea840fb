import type { TlsVersion } from './types.ts';

export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export function isTlsVersion(value: unknown): value is TlsVersion {
  return typeof value === 'string' && (TLS_VERSIONS as readonly string[]).includes(value);
}

/** TLS 1.0 and 1.1 are obsolete (RFC 8996); current TLS stacks refuse them unless told otherwise. */
export function isObsoleteTlsVersion(version: TlsVersion): boolean {
  return version === 'TLSv1' || version === 'TLSv1.1';
}

// The TLS controls shared by the TLS upgrade and HTTPS: the name the certificate is checked against,
// a pinned protocol version, trusted CAs. Verification is always on; there is no option to turn it off.
import { isIP } from 'node:net';
import { checkServerIdentity, createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { TlsVersion } from '../machines/protocol-selection/types.ts';

export interface TlsControls {
  /** The certificate host from the portal, else the FQDN connected to (seed §4.1). */
  servername: string;
  /** seed §4.1: the security protocol is pinned — minVersion = maxVersion = version. */
  version?: TlsVersion;
  /** Extra trusted CA certificates (PEM), on top of Node's bundled public roots. */
  ca?: string[];
  /**
   * TLS 1.0 / 1.1 (RFC 8996) need OpenSSL security level 0 for their handshake signatures. Only when
   * this is true and the pinned version is one of them is the level lowered; certificate
   * verification stays on either way. Default false: the obsolete version is refused ('tls-version').
   */
  allowObsoleteTls?: boolean;
}

const isObsolete = (version: TlsVersion | undefined): boolean => version === 'TLSv1' || version === 'TLSv1.1';

const contexts = new Map<string, SecureContext>();
const CONTEXT_CACHE_LIMIT = 32;

/** One SecureContext per (version, CAs, level): parsing the root bundle once, not per connection. */
export function secureContextFor(controls: TlsControls): SecureContext {
  const lowered = controls.allowObsoleteTls === true && isObsolete(controls.version);
  const key = JSON.stringify([controls.version ?? null, controls.ca ?? null, lowered]);
  const cached = contexts.get(key);
  if (cached) return cached;
  const context = createSecureContext({
    ...(controls.version ? { minVersion: controls.version, maxVersion: controls.version } : {}),
    ...(controls.ca && controls.ca.length > 0 ? { ca: [...rootCertificates, ...controls.ca] } : {}),
    ...(lowered ? { ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  });
  if (contexts.size >= CONTEXT_CACHE_LIMIT) contexts.clear();
  contexts.set(key, context);
  return context;
}

/** Options for tls.connect / https.request. */
export function tlsConnectionOptions(controls: TlsControls): ConnectionOptions {
  const name = controls.servername;
  return {
    secureContext: secureContextFor(controls),
    // RFC 6066 §3: SNI carries host names only, never an address literal.
    ...(isIP(name) === 0 ? { servername: name } : {}),
    rejectUnauthorized: true,
    // The certificate is checked against the configured name (wildcards such as *.myserver.com per
    // RFC 6125), not against the address the socket reached.
    checkServerIdentity: (_host, certificate) => checkServerIdentity(name, certificate),
  };
}

// Where the messaging connections go (seed §1.1).
import type { Endpoint } from '../protocol-selection/types.ts';
import type { Branding } from './contract.ts';

/** seed §1: im.unityclient.com, TCP 2208. */
export const DEFAULT_IMP_HOST = 'im.unityclient.com';
export const DEFAULT_IMP_PORT = 2208;
/** seed §1.1: XMPP always uses the industry-standard port 5222, not the branding. */
export const XMPP_PORT = 5222;

/** Kakapo IM&P: "using the connection details returned from the branding response" (seed §1.1). */
export function impEndpoint(branding: Branding): Endpoint {
  const host = branding.imp?.host?.trim() || DEFAULT_IMP_HOST;
  const tls = branding.imp?.tls;
  // kakapo.md §3: KEMP may use TLS; like OCI/CTI it needs an explicit port and protocol.
  if (tls?.enabled === true && tls.port !== undefined && tls.securityProtocol !== undefined) {
    return { host, port: tls.port, tls: { servername: tls.certificateHost?.trim() || host, version: tls.securityProtocol } };
  }
  return { host, port: branding.imp?.port ?? DEFAULT_IMP_PORT, tls: null };
}

/** The domain of an XMPP ID (`alice@xmpp.example.com/desk` → `xmpp.example.com`), or null. */
export function xmppDomain(xmppId: string | undefined): string | null {
  if (xmppId === undefined) return null;
  const bare = xmppId.split('/')[0] ?? '';
  const at = bare.lastIndexOf('@');
  const domain = (at >= 0 ? bare.slice(at + 1) : bare).trim().toLowerCase();
  return domain === '' ? null : domain;
}

/**
 * seed §1.1: the domain of the XMPP ID is the server FQDN, port 5222. protocols/xmpp.md: STARTTLS
 * is required and the TLS server name is the domain; project choice: TLS 1.2 (RFC 7590).
 */
export function xmppEndpoint(domain: string): Endpoint {
  return { host: domain, port: XMPP_PORT, tls: { servername: domain, version: 'TLSv1.2' } };
}

// Typed failures of the Kakapo portal client (kakapo.md §2), each with a message a person can act on.
// No message carries user data beyond host names, key ids and client types.
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { NetFailure, NetFailureKind } from '../../effects/net-failure.ts';

export type PortalFailure =
  /** The portal could not be reached over HTTPS (DNS, refused, timeout, TLS). */
  | { readonly kind: 'unreachable'; readonly netKind: NetFailureKind; readonly message: string }
  /** soap:Fault UnknownProvider: no system provider for this server host. */
  | { readonly kind: 'unknown-provider'; readonly message: string }
  /** soap:Fault UnknownUser (if a portal answers so for an unknown login ID; the client retries by server host). */
  | { readonly kind: 'unknown-user'; readonly message: string }
  /** soap:Fault LicenseDenied. */
  | { readonly kind: 'license-denied'; readonly message: string }
  /** soap:Fault BadEnvelope: the portal could not open our envelope (key ring mismatch). */
  | { readonly kind: 'bad-envelope'; readonly message: string }
  /** Any other soap:Fault. */
  | { readonly kind: 'fault'; readonly errorCode?: string; readonly faultcode: string; readonly message: string }
  /** The portal's answer could not be read or opened (not SOAP, wrong key, tampered, bad document). */
  | { readonly kind: 'bad-response'; readonly code: CodecErrorCode; readonly status: number; readonly message: string }
  /** The request could not be built (e.g. an unknown key id in the configuration). */
  | { readonly kind: 'encode'; readonly code: CodecErrorCode; readonly message: string };

/** seed §1: "TCP Port 443 & 80, outbound only" to portal.unityclient.com must be allowed. */
export function unreachable(failure: NetFailure): PortalFailure {
  return {
    kind: 'unreachable',
    netKind: failure.kind,
    message:
      `The Kakapo licensing & branding portal cannot be reached: ${failure.message} ` +
      `The customer firewall must allow outbound HTTPS (TCP 443) to the portal (${failure.host}).`,
  };
}

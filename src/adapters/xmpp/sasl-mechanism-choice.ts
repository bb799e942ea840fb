// Which SASL mechanism to use among those the server offers (RFC 6120 §6.3.3: the client picks),
// and with which GS2 channel-binding flag (RFC 5802 §6). Order, strongest first:
//   SCRAM-SHA-512-PLUS, SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS   (bound to this TLS connection)
//   SCRAM-SHA-512, SCRAM-SHA-256, SCRAM-SHA-1                  (RFC 7677, RFC 5802)
//   PLAIN                                                      (RFC 4616: over TLS only, and only
//                                                               when the server offers no SCRAM)
// A -PLUS mechanism needs a channel-binding type both sides support: the types the server lists
// (XEP-0440 <sasl-channel-binding/>), or, when it lists none, the default of the TLS version:
// tls-exporter on TLS 1.3 (RFC 9266 §4.2), tls-unique below (RFC 5929 §3, RFC 5802 §6).
import type { TlsChannelBindingType } from '../../effects/tls-channel-binding.ts';
import type { ScramChannelBinding, ScramHash } from './scram.ts';

export type ScramMechanism = `SCRAM-${ScramHash}` | `SCRAM-${ScramHash}-PLUS`;
export type SaslMechanism = ScramMechanism | 'PLAIN';

export type SaslChoice =
  | { mechanism: 'PLAIN' }
  | { mechanism: ScramMechanism; hash: ScramHash; channelBinding: ScramChannelBinding };

export interface SaslChoiceInput {
  /** The mechanisms in <stream:features>, in the server's order. */
  offered: readonly string[];
  /** Whether the stream runs inside TLS. */
  secure: boolean;
  /** The negotiated TLS version ('TLSv1.3', …), or null on a plain stream. */
  tlsVersion: string | null;
  /** XEP-0440: the channel-binding types the server supports; undefined when it does not say. */
  serverBindings?: readonly string[] | undefined;
  /** The connection's binding data for a type, null when undefined for it (absent on plain). */
  channelBinding?: ((type: TlsChannelBindingType) => Uint8Array | null) | undefined;
}

/** Strongest first (RFC 7677 §1: SHA-256 over SHA-1; SHA-512 over both). */
const HASHES: readonly ScramHash[] = ['SHA-512', 'SHA-256', 'SHA-1'];

/** The binding types this client can use on a connection of `tlsVersion`, preferred first. */
function bindingTypesFor(tlsVersion: string | null): TlsChannelBindingType[] {
  if (tlsVersion === null) return [];
  // tls-unique is undefined for TLS 1.3 (RFC 9266 §1); tls-exporter is used on TLS 1.3 only.
  // tls-server-end-point binds the certificate, not the connection: the last resort.
  return tlsVersion === 'TLSv1.3' ? ['tls-exporter', 'tls-server-end-point'] : ['tls-unique', 'tls-server-end-point'];
}

function defaultBindingFor(tlsVersion: string | null): TlsChannelBindingType | undefined {
  if (tlsVersion === null) return undefined;
  return tlsVersion === 'TLSv1.3' ? 'tls-exporter' : 'tls-unique';
}

/**
 * The mechanism to authenticate with, or null when none of the offered ones may be used.
 *
 * @example
 * chooseSaslMechanism({ offered: ['SCRAM-SHA-1', 'SCRAM-SHA-256', 'PLAIN'], secure: true, tlsVersion: 'TLSv1.3' });
 * // → { mechanism: 'SCRAM-SHA-256', hash: 'SHA-256', channelBinding: { flag: 'n' } }
 */
export function chooseSaslMechanism(input: SaslChoiceInput): SaslChoice | null {
  const offered = new Set(input.offered);
  const dataOf = (type: TlsChannelBindingType): Uint8Array | null => (input.secure ? (input.channelBinding?.(type) ?? null) : null);
  const usable = bindingTypesFor(input.secure ? input.tlsVersion : null).filter((type) => dataOf(type) !== null);
  const agreed =
    input.serverBindings !== undefined
      ? usable.filter((type) => input.serverBindings!.includes(type))
      : usable.filter((type) => type === defaultBindingFor(input.tlsVersion));

  const bindingType = agreed[0];
  if (bindingType !== undefined) {
    for (const hash of HASHES) {
      if (!offered.has(`SCRAM-${hash}-PLUS`)) continue;
      const data = dataOf(bindingType)!;
      return { mechanism: `SCRAM-${hash}-PLUS`, hash, channelBinding: { flag: 'p', type: bindingType, data } };
    }
  }
  const serverBinds = HASHES.some((hash) => offered.has(`SCRAM-${hash}-PLUS`));
  for (const hash of HASHES) {
    if (!offered.has(`SCRAM-${hash}`)) continue;
    // RFC 5802 §6: `y` tells a server that supports channel binding that its -PLUS offer was
    // stripped on the way; `n` when it did offer -PLUS but no binding type is shared.
    const flag = !serverBinds && usable.length > 0 ? 'y' : 'n';
    return { mechanism: `SCRAM-${hash}`, hash, channelBinding: { flag } };
  }
  // Only -PLUS mechanisms this connection cannot bind to are left: still SCRAM offered.
  const anyScram = serverBinds;
  // RFC 4616 §5: PLAIN sends the password itself — over TLS only, and never instead of SCRAM.
  if (!anyScram && input.secure && offered.has('PLAIN')) return { mechanism: 'PLAIN' };
  return null;
}

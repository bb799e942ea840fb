// The issue-2 rules restated independently of the implementation, for the properties to compare with.
import type { ProtocolSelectionInput, TlsSetting } from '../../../src/machines/protocol-selection/index.ts';

const VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
export const validPort = (p: unknown): boolean => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;
export const isSet = (h: string | undefined): h is string => h !== undefined && h.trim() !== '';

export function expectedCallControl(major: number, useCti: boolean): 'CAP' | 'CTI' {
  if (major <= 20) return 'CAP';
  if (major === 21) return useCti ? 'CTI' : 'CAP';
  return 'CTI';
}

function tlsProblem(tls: TlsSetting | undefined, portCode: string): string | null {
  if (tls?.enabled !== true) return null;
  if (!validPort(tls.port)) return portCode;
  if (!VERSIONS.includes(tls.securityProtocol as string)) return 'TLS_PROTOCOL_MISSING';
  return null;
}

/** The error code the input must produce (null: a plan), given how its release parses. */
export function expectedCode(input: ProtocolSelectionInput, release: { major: number } | null): string | null {
  if (release === null) return 'UNPARSEABLE_RELEASE';
  if (release.major < 17) return 'UNSUPPORTED_RELEASE';
  const oci = tlsProblem(input.branding.ociTls, 'OCI_TLS_PORT_MISSING');
  if (oci !== null) return oci;
  if (expectedCallControl(release.major, input.branding.useCtiInsteadOfCap) === 'CAP') return null;
  return tlsProblem(input.branding.cti.tls, 'CTI_TLS_PORT_MISSING');
}

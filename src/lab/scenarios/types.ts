// A lab scenario (issue 4, "Scenarios"): plain data that picks the release, the TLS modes, the
// portal settings, the assigned services, the license and the faults. Ports are ephemeral, so the
// portal settings name ports symbolically (PortRef) and start-lab resolves them.
import type { KakapoTlsVersion as TlsVersion } from '../../codecs/kakapo/types.ts';
import type { ClientType, LicenseFeatures, LicenseStatus } from '../../codecs/kakapo/types.ts';
import type { LabFault } from '../net/faults.ts';
import type { LabServiceName } from '../telephony/types.ts';

export type LabServiceKey = 'oci' | 'cti' | 'xsi' | 'portal' | 'imp' | 'xmpp';

/** A port: a fixed number, or "the plain/TLS port of that lab service" resolved at start. */
export type PortRef = number | { service: LabServiceKey; endpoint: 'plain' | 'tls' };

export interface ScenarioTlsSetting {
  enabled: boolean;
  port?: PortRef;
  certificateHost?: string;
  securityProtocol?: TlsVersion;
}

/** kakapo.md §2.1 connectivity, field names as issue 2's BrandingConnectivity, ports as PortRef. */
export interface ScenarioConnectivity {
  voipServerPort: PortRef;
  ociTls?: ScenarioTlsSetting;
  useCtiInsteadOfCap: boolean;
  cti: { host?: string; port: PortRef; tls?: ScenarioTlsSetting };
  imp: { host: string; port: PortRef };
  /** XSI base URL host and port (resolved to https://host:port). */
  xsi?: { host: string; port: PortRef };
  keepaliveSeconds: number;
  callCenterStatsRefresh: { minSeconds: number; maxSeconds: number };
}

export interface ScenarioPolicy {
  callDetailsAvailable: boolean;
  enterpriseViewAvailable: boolean;
  permittedUpdateVersion?: string;
}

/** Which certificate a TLS server shows. */
export type CertificateKind =
  | { kind: 'valid'; dnsNames: string[] }
  /** Names that do not include the host the client verifies (cert-host-mismatch). */
  | { kind: 'wrong-host'; dnsNames: string[] }
  | { kind: 'expired'; dnsNames: string[] };

export interface ScenarioTlsServer {
  certificate: CertificateKind;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
}

export interface ScenarioOci {
  /**
   * plain: the branding leaves OCI TLS off (the server still offers a TLS port);
   * tls: the branding turns OCI over TLS on;
   * tls-only-on-plain-port: the server listens only with TLS, on the port the branding gives as
   * the plain VoIP port, and OCI TLS is off (seed §5.2).
   */
  tlsMode: 'plain' | 'tls' | 'tls-only-on-plain-port';
  tls: ScenarioTlsServer;
  /** oci-p.md §8: whether a user-level login may run SystemSoftwareVersionGetRequest. */
  userMayReadRelease: boolean;
  /** oci-p.md §5.2: where LoginRequest22V5 (cleartext) is accepted. */
  cleartextLogin: 'tls-only' | 'anywhere';
  /** cap.md §10: reply to serverStatusRequest (lab-defined) instead of staying silent. */
  capServerStatusReply: boolean;
  /**
   * oci-p.md §2: the OCS writes a newline between the XML declaration and the root (true) or
   * declaration and root on one line (false). Both occur in real output; the client reads both.
   */
  declarationNewline: boolean;
  /** Connection timeouts of the OCS (ms; the lab defaults when absent): idle, unfinished document, TLS handshake. */
  timeouts?: { idleMs?: number; unfinishedDocumentMs?: number; tlsHandshakeMs?: number };
}

export interface ScenarioCti {
  /** unreachable: nothing listens on the CTI port (R22 cti-unreachable). */
  mode: 'plain' | 'tls' | 'unreachable';
  /** The FQDN the CTI server answers as ('ocs.lab.test' when branding gives no CTI host). */
  host: string;
  tls: ScenarioTlsServer;
}

export interface ScenarioUser {
  loginId: string;
  firstName: string;
  lastName: string;
  extension: string;
  phoneNumber: string;
  serviceProviderId: string;
  groupId: string;
  isEnterprise: boolean;
  services: LabServiceName[];
  /** Integrated IM&P id (the XMPP JID) when the service is assigned. */
  impId?: string;
  callCenters?: string[];
  /** Known to the Kakapo portal (false for the new-user scenario's user). */
  knownToPortal: boolean;
  /**
   * Whether the user has a Busy Lamp Field list: the rest of its group (of its enterprise, for an
   * enterprise user). False: the user monitors nobody (its list is empty). Default true.
   */
  monitorsGroup?: boolean;
}

export interface ScenarioLicense {
  status: LicenseStatus;
  trialDaysLeft?: number;
  features: LicenseFeatures;
}

export interface LabScenario {
  name: string;
  description: string;
  /** The value of SystemSoftwareVersionGetResponse/version. */
  release: string;
  oci: ScenarioOci;
  cti: ScenarioCti;
  portal: {
    systemProviderId: string;
    /** The OCI host names that identify the system provider. */
    serverHosts: string[];
    dataProtection: boolean;
    connectivity: ScenarioConnectivity;
    policy: ScenarioPolicy;
  };
  imp: { tls: boolean; /** kakapo.md §3.2: accept REGISTER without impToken. */ legacyRegistration: boolean };
  xsi: { tls: ScenarioTlsServer };
  /** Client type the scenario is about (Wallboard/Dashboard license by MAC address). */
  clientType: ClientType;
  users: ScenarioUser[];
  callCenters: { id: string; name: string; extension: string; phoneNumber: string }[];
  license: ScenarioLicense;
  /** External programs the scenario needs; start fails with a clear message without them. */
  requires: 'prosody'[];
  /** Faults applied right after start. */
  faults: { service: LabServiceKey; fault: LabFault }[];
}

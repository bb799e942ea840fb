// The doctor's vocabulary (issue 6 "doctor"): rules say what the client will connect to, probes say
// what the network answered, checks are the verdicts printed one line each.
import type { NetFailure } from '../../effects/net-failure.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import type { XmppProbe } from './xmpp-probe.ts';

/** The connections of seed §1's table. */
export type DoctorConnection = 'portal' | 'oci' | 'cti' | 'imp' | 'xmpp' | 'xsi';

/** The names of the Kakapo portal settings that decide an endpoint (seed §4.1, §4.2). */
export interface PortalSettingNames {
  useTls?: string;
  plainPort?: string;
  tlsPort?: string;
  certificateHost?: string;
  securityProtocol?: string;
  host?: string;
}

/** One outbound connection the client will need, as the branding and the plan describe it. */
export interface ConnectionRule {
  id: string;
  connection: DoctorConnection;
  host: string;
  port: number;
  /** TLS from the first byte (HTTPS), TLS after connecting (OCI/CTI over TLS), plain, or XMPP (STARTTLS, SASL). */
  mode: 'https' | 'tls' | 'plain' | 'xmpp';
  tls?: { servername: string; version?: TlsVersion };
  /** Plain OCI/CTI: ask whether the port speaks TLS only (seed §5.2). */
  probePlainPortForTls: boolean;
  /** Which releases / licenses need it (seed §3). */
  appliesTo: string;
  settings: PortalSettingNames;
  /** Set when the connection may not be needed (a license decides): failures are warnings then. */
  optional?: string;
  /** The port the seed names as usual for the other mode (2208/2209, 8011/8012). */
  usualPorts?: { plain: number; tls: number };
}

export type ProbeTls =
  | { ok: true; version: string; certificate?: PeerCertificateFacts }
  | { ok: false; failure: NetFailure; certificate?: PeerCertificateFacts; acceptedVersions?: TlsVersion[] };

/** What the network answered for one rule. */
export interface ProbeResult {
  tcp: { ok: true } | { ok: false; failure: NetFailure };
  tls?: ProbeTls;
  /** Plain rules: a TLS handshake on the port succeeded (a TLS-only port), or did not. */
  plainPortSpeaksTls?: boolean;
  /** The version that handshake negotiated, when it completed. */
  plainPortTlsVersion?: string;
  /** XMPP rules: STARTTLS, the SASL offer and (with a password) the login. */
  xmpp?: XmppProbe;
  /** The check could not run to its end for a reason of its own (never silently dropped). */
  error?: string;
}

export interface PeerCertificateFacts {
  /** Subject alternative DNS names and the subject CN. */
  names: string[];
  validFrom: string;
  validTo: string;
}

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of the report. */
export interface DoctorCheck {
  connection: DoctorConnection | 'branding' | 'plan' | 'license';
  /** What was checked, e.g. "TCP reachability", "TLS handshake (TLSv1.2, name ocs.example.com)". */
  rule: string;
  target: string;
  status: CheckStatus;
  /** OK text, or what is wrong (for `skip`: what was not checked and why). */
  detail: string;
  /** The firewall rule or portal setting that fixes it. */
  advice?: string;
  appliesTo?: string;
}

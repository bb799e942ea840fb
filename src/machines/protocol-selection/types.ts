// Contract types of protocol selection (issue 2, "Protocol selection").
// Field names are relied on by checks outside the test suite: do not rename.

/** The TLS version Unity offers; the portal's "security protocol" setting (seed §4.1). */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** One "… over TLS" block of the Kakapo portal (seed §4.1, §4.2). */
export interface TlsSetting {
  enabled: boolean;
  port?: number;
  certificateHost?: string;
  securityProtocol?: TlsVersion;
}

/** The connectivity part of the branding response (seed §1.1, §4). */
export interface BrandingConnectivity {
  voipServerPort: number; // portal "VoIP Server Port", default 2208
  ociTls?: TlsSetting; // "Use OCI protocol over TLS" + its port, cert host, protocol
  useCtiInsteadOfCap: boolean; // consulted only on R21
  cti: { host?: string; port: number; tls?: TlsSetting }; // CTI port mandatory, default 8011
}

/** Where to open a TCP connection, and whether to secure it with TLS once established. */
export interface Endpoint {
  host: string;
  port: number;
  tls: null | { servername: string; version: TlsVersion };
}

export type ProtocolPlanErrorCode =
  | 'UNSUPPORTED_RELEASE'
  | 'UNPARSEABLE_RELEASE'
  | 'OCI_TLS_PORT_MISSING'
  | 'CTI_TLS_PORT_MISSING'
  | 'TLS_PROTOCOL_MISSING';

export interface BroadWorksRelease {
  major: number;
  sp: number | null;
}

export type ProtocolPlan =
  | {
      ok: true;
      release: BroadWorksRelease;
      callControl: 'CAP' | 'CTI';
      oci: Endpoint;
      cti?: Endpoint;
      notes: string[];
    }
  | { ok: false; code: ProtocolPlanErrorCode; message: string };

export interface ProtocolSelectionInput {
  release: string;
  ociHost: string;
  branding: BrandingConnectivity;
}

// Plain types of the Kakapo Licensing & Branding documents (kakapo.md §2). Codecs import nothing
// from machines, so the connectivity fields repeat the SAME names as issue 2's
// BrandingConnectivity (src/machines/protocol-selection/types.ts): a KakapoConnectivity value is
// assignable to a BrandingConnectivity as it stands.

export type KakapoTlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const KAKAPO_TLS_VERSIONS: readonly KakapoTlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** One "… over TLS" block (kakapo.md §2.1). securityProtocol must be explicit when enabled —
 *  a rule the protocol-selection machine enforces, not the codec. */
export interface KakapoTlsSetting {
  enabled: boolean;
  port?: number;
  certificateHost?: string;
  securityProtocol?: KakapoTlsVersion;
}

export type ClientType = 'Desktop' | 'Reception' | 'CallCenter' | 'Wallboard' | 'Dashboard';
export const CLIENT_TYPES: readonly ClientType[] = ['Desktop', 'Reception', 'CallCenter', 'Wallboard', 'Dashboard'];

export interface BrandingRequest {
  loginId?: string; // absent when the user does not exist yet
  serverHost: string;
  clientType: ClientType;
  clientVersion: string;
}

export type BrandingLevel = 'User' | 'Group' | 'Reseller' | 'ServiceProvider' | 'SystemProvider';
export const BRANDING_LEVELS: readonly BrandingLevel[] = ['User', 'Group', 'Reseller', 'ServiceProvider', 'SystemProvider'];

export interface Brand {
  name: string;
  colours: { primary: string; secondary: string }; // CSS colour strings, e.g. "#0a5c8c"
  logoUrl?: string;
  supportPhone?: string;
  supportEmail?: string;
}

export interface KakapoConnectivity {
  voipServerPort: number; // default 2208
  ociTls?: KakapoTlsSetting;
  useCtiInsteadOfCap: boolean; // only consulted on R21
  cti: { host?: string; port: number; tls?: KakapoTlsSetting }; // port mandatory, default 8011
  imp: { host: string; port: number }; // default im.unityclient.com:2208
  xsi?: { baseUrl: string }; // absent → https://{ociHost}, resolved by the caller (the codec does not know the host)
  keepaliveSeconds: number; // default 300
  callCenterStatsRefresh: { minSeconds: number; maxSeconds: number };
}

export interface BrandingPolicy {
  callDetailsAvailable: boolean;
  enterpriseViewAvailable: boolean;
  permittedUpdateVersion?: string;
}

export interface BrandingResponse {
  level: BrandingLevel;
  brand: Brand;
  connectivity: KakapoConnectivity;
  policy: BrandingPolicy;
}

/** Organisation of the user: a service provider or an enterprise, never both (kakapo.md §2.2). */
export type LicenseOrganisation = { serviceProviderId: string; enterpriseId?: undefined } | { enterpriseId: string; serviceProviderId?: undefined };

interface LicenseRequestCommon {
  serverHost: string; // FQDN of the OCI server the client connected to
  groupId: string;
  clientVersion: string;
}

/** Desktop, Reception and CallCenter clients identify a user. */
export type UserLicenseRequest = LicenseRequestCommon &
  LicenseOrganisation & {
    clientType: 'Desktop' | 'Reception' | 'CallCenter';
    loginId: string;
    firstName: string;
    lastName: string;
    phoneNumber?: string; // ignored by the server
  };

/** Wallboard and Dashboard clients identify a PC (seed §1.1). */
export type DeviceLicenseRequest = LicenseRequestCommon &
  LicenseOrganisation & {
    clientType: 'Wallboard' | 'Dashboard';
    macAddress: string;
    computerName: string;
  };

export type LicenseRequest = UserLicenseRequest | DeviceLicenseRequest;

export type LicenseStatus = 'Licensed' | 'Trial' | 'Expired' | 'Unlicensed';
export const LICENSE_STATUSES: readonly LicenseStatus[] = ['Licensed', 'Trial', 'Expired', 'Unlicensed'];

export interface LicenseFeatures {
  imp: boolean; // Kakapo IM&P allowed
  xmpp: boolean;
  callCenter: boolean;
  reception: boolean;
}

export interface LicenseResponse {
  status: LicenseStatus;
  trialDaysLeft?: number;
  features: LicenseFeatures;
  impToken?: string; // short-lived, for KEMP REGISTER (kakapo.md §3.2)
}

/** The two SOAP operations (kakapo.md §2); each is also the AAD of its envelope. */
export type KakapoOperation = 'GetBranding' | 'RequestLicense';

/** SOAP fault error codes named by kakapo.md §2 (others may appear; they pass through). */
export type KakapoFaultCode = 'UnknownProvider' | 'BadEnvelope' | 'LicenseDenied' | (string & {});

// The branding/connectivity settings of the Kakapo portal (kakapo.md §2.1, seed §4): every one may
// be set at any level of the hierarchy (kakapo.md §2.3). One table: key → value kind + default.
export type TlsVersionName = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSION_NAMES: readonly TlsVersionName[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

type Kind = 'port' | 'boolean' | 'host' | 'url' | 'tlsVersion' | 'seconds' | 'text' | 'colour' | 'email';

const SPECS = {
  'brand.name': { kind: 'text', label: 'Brand name', fallback: 'Unity' },
  'brand.primaryColour': { kind: 'colour', label: 'Primary colour', fallback: '#1f6feb' },
  'brand.secondaryColour': { kind: 'colour', label: 'Secondary colour', fallback: '#ffffff' },
  'brand.logoUrl': { kind: 'url', label: 'Logo URL', fallback: undefined },
  'brand.supportPhone': { kind: 'text', label: 'Support phone', fallback: undefined },
  'brand.supportEmail': { kind: 'email', label: 'Support email', fallback: undefined },
  // seed §4.1 "VoIP Server Port", default 2208.
  voipServerPort: { kind: 'port', label: 'VoIP Server Port', fallback: 2208 },
  'ociTls.enabled': { kind: 'boolean', label: 'Use OCI protocol over TLS', fallback: false },
  'ociTls.port': { kind: 'port', label: 'OCI over TLS server port', fallback: undefined },
  'ociTls.certificateHost': { kind: 'host', label: 'OCI over TLS certificate host', fallback: undefined },
  // seed §4.1: the security protocol must be explicit — no fallback.
  'ociTls.securityProtocol': { kind: 'tlsVersion', label: 'OCI over TLS security protocol', fallback: undefined },
  useCtiInsteadOfCap: { kind: 'boolean', label: 'Use CTI instead of CAP protocol', fallback: false },
  'cti.host': { kind: 'host', label: 'CTI server host', fallback: undefined },
  // seed §4.2: "The CTI Port is mandatory and will be set to 8011 by default" — stored at the
  // system provider when it is created, never a silent fallback.
  'cti.port': { kind: 'port', label: 'CTI Port', fallback: undefined },
  'cti.tls.enabled': { kind: 'boolean', label: 'Use CTI protocol over TLS', fallback: false },
  'cti.tls.port': { kind: 'port', label: 'CTI over TLS server port', fallback: undefined },
  'cti.tls.certificateHost': { kind: 'host', label: 'CTI over TLS certificate host', fallback: undefined },
  'cti.tls.securityProtocol': { kind: 'tlsVersion', label: 'CTI over TLS security protocol', fallback: undefined },
  'imp.host': { kind: 'host', label: 'IM&P server host', fallback: 'im.unityclient.com' },
  'imp.port': { kind: 'port', label: 'IM&P server port', fallback: 2208 },
  'xsi.baseUrl': { kind: 'url', label: 'XSI base URL', fallback: undefined }, // default https://{ociHost}
  keepaliveSeconds: { kind: 'seconds', label: 'Keepalive seconds', fallback: 300 },
  'callCenterStatsRefresh.minSeconds': { kind: 'seconds', label: 'Call center statistics refresh minimum', fallback: 30 },
  'callCenterStatsRefresh.maxSeconds': { kind: 'seconds', label: 'Call center statistics refresh maximum', fallback: 60 },
  'policy.callDetailsAvailable': { kind: 'boolean', label: 'Call Details Available', fallback: true },
  'policy.enterpriseViewAvailable': { kind: 'boolean', label: 'Enterprise View Available', fallback: true },
  'policy.permittedUpdateVersion': { kind: 'text', label: 'Permitted update version', fallback: undefined },
} as const satisfies Record<string, { kind: Kind; label: string; fallback: string | number | boolean | undefined }>;

export type SettingKey = keyof typeof SPECS;
export type SettingValue = string | number | boolean;
export const SETTING_KEYS = Object.keys(SPECS) as SettingKey[];

export function isSettingKey(key: unknown): key is SettingKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(SPECS, key);
}

export function settingLabel(key: SettingKey): string {
  return SPECS[key].label;
}

export function settingKind(key: SettingKey): Kind {
  return SPECS[key].kind;
}

/** Value used when no level sets the key (undefined: the setting is simply absent). */
export function settingFallback(key: SettingKey): SettingValue | undefined {
  return SPECS[key].fallback;
}

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** null when the value fits the key's kind, else a human-readable complaint. */
export function checkSettingValue(key: SettingKey, value: unknown): string | null {
  const kind = settingKind(key);
  const label = settingLabel(key);
  switch (kind) {
    case 'port':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535
        ? null
        : `${label} must be a TCP port number 1-65535`;
    case 'seconds':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 86_400
        ? null
        : `${label} must be a whole number of seconds 1-86400`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${label} must be true or false`;
    case 'tlsVersion':
      return (TLS_VERSION_NAMES as readonly unknown[]).includes(value)
        ? null
        : `${label} must be one of ${TLS_VERSION_NAMES.join(', ')}`;
    case 'host':
      return typeof value === 'string' && HOST.test(value) ? null : `${label} must be a host name`;
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]{1,500}$/.test(value) ? null : `${label} must be an http(s) URL`;
    case 'colour':
      return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? null : `${label} must be a colour like #1f6feb`;
    case 'email':
      return typeof value === 'string' && /^[^\s@]{1,64}@[^\s@]{1,253}$/.test(value) ? null : `${label} must be an e-mail address`;
    case 'text':
      return typeof value === 'string' && value.length <= 200 && !/[\x00-\x1f]/.test(value)
        ? null
        : `${label} must be one line of at most 200 characters`;
  }
}

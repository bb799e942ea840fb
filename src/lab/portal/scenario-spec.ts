// A scenario's portal data (lab/scenarios) → the portal configuration: the scenario's branding is
// saved at the system-provider level; users known to the portal sit under their provider and group.
import type { BrandingPolicy, KakapoConnectivity, KakapoTlsSetting, LicenseFeatures, LicenseStatus } from '../../codecs/kakapo/types.ts';
import type { PortalSpec } from './config-model.ts';
import type { SettingKey, SettingValue } from './settings.ts';

export interface PortalScenarioInput {
  systemProviderId: string;
  serverHosts: string[];
  dataProtection: boolean;
  /** Ports already resolved (lab/scenarios resolveConnectivity). */
  connectivity: KakapoConnectivity;
  policy: BrandingPolicy;
  license: { status: LicenseStatus; trialDaysLeft?: number; features: LicenseFeatures };
  users: Array<{ loginId: string; serviceProviderId: string; groupId: string; isEnterprise: boolean; knownToPortal: boolean }>;
  brandName?: string;
}

function tlsSettings(prefix: 'ociTls' | 'cti.tls', tls: KakapoTlsSetting | undefined, out: Partial<Record<SettingKey, SettingValue>>): void {
  if (!tls) return;
  out[`${prefix}.enabled` as SettingKey] = tls.enabled;
  if (tls.port !== undefined) out[`${prefix}.port` as SettingKey] = tls.port;
  if (tls.certificateHost !== undefined) out[`${prefix}.certificateHost` as SettingKey] = tls.certificateHost;
  if (tls.securityProtocol !== undefined) out[`${prefix}.securityProtocol` as SettingKey] = tls.securityProtocol;
}

/**
 * @example
 * const spec = portalSpecFromScenario(input); // the provider hierarchy, settings and policy a scenario's portal serves
 */
export function portalSpecFromScenario(input: PortalScenarioInput): PortalSpec {
  const c = input.connectivity;
  const settings: Partial<Record<SettingKey, SettingValue>> = {
    'brand.name': input.brandName ?? 'Unity Lab',
    voipServerPort: c.voipServerPort,
    useCtiInsteadOfCap: c.useCtiInsteadOfCap,
    'cti.port': c.cti.port,
    'imp.host': c.imp.host,
    'imp.port': c.imp.port,
    keepaliveSeconds: c.keepaliveSeconds,
    'callCenterStatsRefresh.minSeconds': c.callCenterStatsRefresh.minSeconds,
    'callCenterStatsRefresh.maxSeconds': c.callCenterStatsRefresh.maxSeconds,
    'policy.callDetailsAvailable': input.policy.callDetailsAvailable,
    'policy.enterpriseViewAvailable': input.policy.enterpriseViewAvailable,
  };
  if (c.cti.host !== undefined) settings['cti.host'] = c.cti.host;
  if (c.xsi !== undefined) settings['xsi.baseUrl'] = c.xsi.baseUrl;
  if (input.policy.permittedUpdateVersion !== undefined) settings['policy.permittedUpdateVersion'] = input.policy.permittedUpdateVersion;
  tlsSettings('ociTls', c.ociTls, settings);
  tlsSettings('cti.tls', c.cti.tls, settings);

  const providers = new Map<string, NonNullable<PortalSpec['providers']>[number]>();
  for (const u of input.users.filter((x) => x.knownToPortal)) {
    const kind = u.isEnterprise ? 'enterprise' : 'serviceProvider';
    const key = `${kind}:${u.serviceProviderId}`;
    let provider = providers.get(key);
    if (!provider) providers.set(key, (provider = { id: u.serviceProviderId, kind, groups: [] }));
    let group = provider.groups!.find((g) => g.id === u.groupId);
    if (!group) provider.groups!.push((group = { id: u.groupId, users: [] }));
    group.users!.push({ loginId: u.loginId });
  }
  return {
    systemProvider: {
      id: input.systemProviderId,
      name: input.systemProviderId,
      serverHosts: input.serverHosts,
      dataProtection: input.dataProtection,
      licensePolicy: input.license,
      settings,
    },
    providers: [...providers.values()],
  };
}

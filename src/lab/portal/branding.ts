// Effective settings of a level → the kakapo.md §2.1 BrandingResponse.
import type { BrandingResponse, KakapoTlsSetting, KakapoTlsVersion } from '../../codecs/kakapo/types.ts';
import { brandingLevelOf } from './config-model.ts';
import { effectiveValue, type NodeId, type PortalState } from './hierarchy.ts';
import type { SettingKey } from './settings.ts';

export function brandingFor(state: PortalState, nodeId: NodeId): BrandingResponse {
  const v = (key: SettingKey) => effectiveValue(state, nodeId, key);
  const str = (key: SettingKey) => v(key) as string | undefined;
  const num = (key: SettingKey) => v(key) as number;
  const tls = (prefix: 'ociTls' | 'cti.tls'): KakapoTlsSetting => {
    const port = v(`${prefix}.port` as SettingKey) as number | undefined;
    const certificateHost = str(`${prefix}.certificateHost` as SettingKey);
    const securityProtocol = str(`${prefix}.securityProtocol` as SettingKey) as KakapoTlsVersion | undefined;
    return {
      enabled: v(`${prefix}.enabled` as SettingKey) === true,
      ...(port !== undefined ? { port } : {}),
      ...(certificateHost !== undefined ? { certificateHost } : {}),
      ...(securityProtocol !== undefined ? { securityProtocol } : {}),
    };
  };
  const node = state.nodes.get(nodeId)!;
  const optional = <K extends string>(name: K, value: string | undefined) => (value === undefined ? {} : ({ [name]: value } as Record<K, string>));
  const ctiHost = str('cti.host');
  const xsiBase = str('xsi.baseUrl');
  return {
    level: brandingLevelOf(node.kind),
    brand: {
      name: str('brand.name') ?? 'Unity',
      colours: { primary: str('brand.primaryColour')!, secondary: str('brand.secondaryColour')! },
      ...optional('logoUrl', str('brand.logoUrl')),
      ...optional('supportPhone', str('brand.supportPhone')),
      ...optional('supportEmail', str('brand.supportEmail')),
    },
    connectivity: {
      voipServerPort: num('voipServerPort'),
      ociTls: tls('ociTls'),
      useCtiInsteadOfCap: v('useCtiInsteadOfCap') === true,
      cti: { ...(ctiHost !== undefined ? { host: ctiHost } : {}), port: num('cti.port'), tls: tls('cti.tls') },
      imp: { host: str('imp.host')!, port: num('imp.port') },
      ...(xsiBase !== undefined ? { xsi: { baseUrl: xsiBase } } : {}),
      keepaliveSeconds: num('keepaliveSeconds'),
      callCenterStatsRefresh: { minSeconds: num('callCenterStatsRefresh.minSeconds'), maxSeconds: num('callCenterStatsRefresh.maxSeconds') },
    },
    policy: {
      callDetailsAvailable: v('policy.callDetailsAvailable') === true,
      enterpriseViewAvailable: v('policy.enterpriseViewAvailable') === true,
      ...optional('permittedUpdateVersion', str('policy.permittedUpdateVersion')),
    },
  };
}

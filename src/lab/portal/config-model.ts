// The Kakapo portal configuration model (kakapo.md §2.3), pure: hierarchy, settings with
// inheritance, the save rules, and the license store. The portal server wraps it.
import { produce } from 'immer';
import {
  addNodes,
  addSystemProvider,
  effectiveSetting,
  emptyPortalState,
  systemByServerHost,
  type EffectiveSetting,
  type LevelKind,
  type LicensePolicy,
  type NewNode,
  type NewSystemProvider,
  type NodeId,
  type PortalState,
} from './hierarchy.ts';
import { findUserNode } from './licensing.ts';
import { groupNodeId, providerNodeId, resellerNodeId, userNodeId } from './node-ids.ts';
import { SETTING_KEYS, type SettingKey, type SettingValue } from './settings.ts';

export * from './hierarchy.ts';
export * from './settings.ts';
export * from './save-rules.ts';
export * from './licensing.ts';
export * from './node-ids.ts';

type Settings = Partial<Record<SettingKey, SettingValue>>;

/** A scenario's portal: one system provider with its resellers, providers, groups and known users. */
export interface PortalSpec {
  systemProvider: NewSystemProvider;
  resellers?: Array<{ id: string; name?: string; settings?: Settings }>;
  providers?: Array<{
    id: string;
    kind: 'serviceProvider' | 'enterprise';
    resellerId?: string;
    settings?: Settings;
    groups?: Array<{ id: string; settings?: Settings; users?: Array<{ loginId: string; settings?: Settings }> }>;
  }>;
}

/**
 * @example
 * const state = buildPortalState(spec);
 */
export function buildPortalState(spec: PortalSpec): PortalState {
  const sys = spec.systemProvider.id;
  // Every node in one addNodes (one produce): adding them one at a time copies the node map per
  // node, which is quadratic in the number of users.
  const nodes: NewNode[] = [];
  for (const r of spec.resellers ?? [])
    nodes.push({ id: resellerNodeId(sys, r.id), kind: 'reseller', name: r.name ?? r.id, parentId: sys, settings: r.settings });
  for (const p of spec.providers ?? []) {
    const pid = providerNodeId(sys, p.kind, p.id);
    const parentId = p.resellerId ? resellerNodeId(sys, p.resellerId) : sys;
    nodes.push({ id: pid, kind: p.kind, name: p.id, parentId, settings: p.settings });
    for (const g of p.groups ?? []) {
      const gid = groupNodeId(pid, g.id);
      nodes.push({ id: gid, kind: 'group', name: g.id, parentId: pid, settings: g.settings });
      for (const u of g.users ?? []) nodes.push({ id: userNodeId(sys, u.loginId), kind: 'user', name: u.loginId, parentId: gid, settings: u.settings });
    }
  }
  return addNodes(addSystemProvider(emptyPortalState(), spec.systemProvider), nodes);
}

/**
 * @example
 * const next = setLicensePolicy(state, systemId, policy);
 */
export function setLicensePolicy(state: PortalState, systemId: NodeId, policy: LicensePolicy): PortalState {
  if (!state.systems.has(systemId)) throw new Error(`portal: no system provider ${systemId}`);
  return produce(state, (draft) => {
    draft.systems.get(systemId)!.licensePolicy = policy;
  });
}

/**
 * Every setting's effective value at a level, with its source.
 *
 * @example
 * effectiveSettings(state, nodeId)['keepaliveSeconds']; // the value and the level it comes from
 */
export function effectiveSettings(state: PortalState, nodeId: NodeId): Record<SettingKey, EffectiveSetting> {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, effectiveSetting(state, nodeId, key)])) as Record<SettingKey, EffectiveSetting>;
}

export type BrandingLevel = 'User' | 'Group' | 'Reseller' | 'ServiceProvider' | 'SystemProvider';
export const brandingLevelOf = (kind: LevelKind): BrandingLevel =>
  ({ user: 'User', group: 'Group', reseller: 'Reseller', serviceProvider: 'ServiceProvider', enterprise: 'ServiceProvider', systemProvider: 'SystemProvider' } as const)[kind];

/**
 * kakapo.md §2.1 / seed §1.1: branding for the user (by login ID), or, when the user does not exist
 * yet, for the system provider (by the server host). undefined: the provider is unknown.
 *
 * @example
 * resolveBrandingNode(state, { loginId: 'ann@lab.test', serverHost: 'ocs.lab.test' }); // { nodeId, level: 'User' }
 */
export function resolveBrandingNode(state: PortalState, query: { loginId?: string; serverHost: string }): { nodeId: NodeId; level: BrandingLevel } | undefined {
  const system = systemByServerHost(state, query.serverHost);
  if (!system) return undefined;
  const user = query.loginId ? findUserNode(state, query.loginId, query.serverHost) : undefined;
  return user ? { nodeId: user, level: 'User' } : { nodeId: system.nodeId, level: 'SystemProvider' };
}

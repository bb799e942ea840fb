// The Kakapo portal hierarchy (kakapo.md §2.3): system provider → reseller → service provider or
// enterprise → group → user. The state is immutable (immer); every update returns a new state.
import { enableMapSet, produce, type Draft } from 'immer';
import { settingFallback, type SettingKey, type SettingValue } from './settings.ts';

enableMapSet();

export type LevelKind = 'systemProvider' | 'reseller' | 'serviceProvider' | 'enterprise' | 'group' | 'user';
export type NodeId = string;

export interface PortalNode {
  id: NodeId;
  kind: LevelKind;
  name: string;
  parentId: NodeId | null;
  /** Settings saved at exactly this level. */
  settings: ReadonlyMap<SettingKey, SettingValue>;
}

export type LicenseStatus = 'Licensed' | 'Trial' | 'Expired' | 'Unlicensed';
export interface LicenseFeatures {
  imp: boolean;
  xmpp: boolean;
  callCenter: boolean;
  reception: boolean;
}
/** What a license request of this provider's users is answered with (set by the scenario). */
export interface LicensePolicy {
  status: LicenseStatus;
  trialDaysLeft?: number;
  features: LicenseFeatures;
}

export interface SystemProviderInfo {
  nodeId: NodeId;
  /** seed §1.1: the OCI server host names that identify this system provider ("Server Hostnames"). */
  serverHosts: readonly string[];
  /** seed §1.1: store the login ID only, drop user/PC names. */
  dataProtection: boolean;
  licensePolicy: LicensePolicy;
}

export interface LicenseRecord {
  key: string;
  /** loginId, or the MAC address for Wallboard/Dashboard clients (seed §1.1). */
  identity: string;
  identityKind: 'loginId' | 'macAddress';
  serverHost: string;
  systemNodeId: NodeId;
  userNodeId: NodeId;
  clientType: string;
  clientVersion: string;
  firstName?: string;
  lastName?: string;
  computerName?: string;
  policy: LicensePolicy;
  firstSeenMs: number;
  lastSeenMs: number;
}

export interface PortalState {
  nodes: ReadonlyMap<NodeId, PortalNode>;
  systems: ReadonlyMap<NodeId, SystemProviderInfo>;
  licenses: ReadonlyMap<string, LicenseRecord>;
}

export const emptyPortalState = (): PortalState => ({ nodes: new Map(), systems: new Map(), licenses: new Map() });

/** Which kinds may sit directly under which (an enterprise sits where a service provider would). */
const PARENTS: Record<LevelKind, readonly LevelKind[]> = {
  systemProvider: [],
  reseller: ['systemProvider'],
  serviceProvider: ['systemProvider', 'reseller'],
  enterprise: ['systemProvider', 'reseller'],
  group: ['serviceProvider', 'enterprise'],
  user: ['group'],
};

export interface NewSystemProvider {
  id: NodeId;
  name: string;
  serverHosts: string[];
  dataProtection?: boolean;
  licensePolicy?: LicensePolicy;
  /** Initial system-level settings; the CTI port defaults to 8011 (seed §4.2). */
  settings?: Partial<Record<SettingKey, SettingValue>>;
}

export const DEFAULT_LICENSE_POLICY: LicensePolicy = {
  status: 'Licensed',
  features: { imp: true, xmpp: false, callCenter: true, reception: false },
};

export function addSystemProvider(state: PortalState, spec: NewSystemProvider): PortalState {
  if (state.nodes.has(spec.id)) throw new Error(`portal: node ${spec.id} exists`);
  const settings = new Map<SettingKey, SettingValue>([['cti.port', 8011]]);
  for (const [key, value] of Object.entries(spec.settings ?? {})) settings.set(key as SettingKey, value as SettingValue);
  return produce(state, (draft) => {
    draft.nodes.set(spec.id, { id: spec.id, kind: 'systemProvider', name: spec.name, parentId: null, settings });
    draft.systems.set(spec.id, {
      nodeId: spec.id,
      serverHosts: spec.serverHosts.map((h) => h.toLowerCase()),
      dataProtection: spec.dataProtection ?? false,
      licensePolicy: spec.licensePolicy ?? DEFAULT_LICENSE_POLICY,
    });
  });
}

/** A node below the system provider, as addNode and addNodes take it. */
export interface NewNode {
  id: NodeId;
  kind: Exclude<LevelKind, 'systemProvider'>;
  name: string;
  parentId: NodeId;
  settings?: Partial<Record<SettingKey, SettingValue>>;
}

/**
 * One node under an existing parent. To add many, use addNodes: each addNode copies the node map.
 *
 * @example
 * const next = addNode(state, { id: 'acme/reseller:r1', kind: 'reseller', name: 'r1', parentId: 'acme' });
 */
export function addNode(state: PortalState, spec: NewNode): PortalState {
  return addNodes(state, [spec]);
}

/**
 * Many nodes in one update (one immer produce, so the node map is copied once): a spec's parent is
 * in the state or earlier in `specs`. Checked whole before anything is added; the first bad spec
 * throws and the state is unchanged.
 *
 * @example
 * const next = addNodes(state, [
 *   { id: 'acme/ent:E1', kind: 'enterprise', name: 'E1', parentId: 'acme' },
 *   { id: 'acme/ent:E1/group:hq', kind: 'group', name: 'hq', parentId: 'acme/ent:E1' },
 * ]);
 */
export function addNodes(state: PortalState, specs: readonly NewNode[]): PortalState {
  if (specs.length === 0) return state;
  const added = new Map<NodeId, LevelKind>();
  for (const spec of specs) {
    if (state.nodes.has(spec.id) || added.has(spec.id)) throw new Error(`portal: node ${spec.id} exists`);
    const parentKind = state.nodes.get(spec.parentId)?.kind ?? added.get(spec.parentId);
    if (parentKind === undefined || !PARENTS[spec.kind].includes(parentKind))
      throw new Error(`portal: a ${spec.kind} cannot sit under ${parentKind ?? 'nothing'}`);
    added.set(spec.id, spec.kind);
  }
  return produce(state, (draft) => {
    for (const spec of specs) addNodeDraft(draft, spec);
  });
}

export function addNodeDraft(
  draft: Draft<PortalState>,
  spec: { id: NodeId; kind: LevelKind; name: string; parentId: NodeId; settings?: Partial<Record<SettingKey, SettingValue>> },
): void {
  const settings = new Map(Object.entries(spec.settings ?? {}) as Array<[SettingKey, SettingValue]>);
  draft.nodes.set(spec.id, { id: spec.id, kind: spec.kind, name: spec.name, parentId: spec.parentId, settings });
}

/** The node and its ancestors, most specific first. */
export function lineage(state: PortalState, nodeId: NodeId): PortalNode[] {
  const out: PortalNode[] = [];
  for (let node = state.nodes.get(nodeId); node; node = node.parentId === null ? undefined : state.nodes.get(node.parentId)) {
    out.push(node);
  }
  return out;
}

export function systemOf(state: PortalState, nodeId: NodeId): PortalNode | undefined {
  const chain = lineage(state, nodeId);
  return chain[chain.length - 1];
}

export function isWithin(state: PortalState, nodeId: NodeId, ancestorId: NodeId): boolean {
  return lineage(state, nodeId).some((n) => n.id === ancestorId);
}

export function subtree(state: PortalState, rootId: NodeId): PortalNode[] {
  return [...state.nodes.values()].filter((n) => isWithin(state, n.id, rootId));
}

export interface EffectiveSetting {
  value: SettingValue | undefined;
  /** Where the value comes from: the level that sets it, 'default', or null when absent. */
  source: { nodeId: NodeId; kind: LevelKind } | 'default' | null;
}

/** kakapo.md §2.3: the effective value is the one at the most specific level that sets it. */
export function effectiveSetting(state: PortalState, nodeId: NodeId, key: SettingKey): EffectiveSetting {
  for (const node of lineage(state, nodeId)) {
    const value = node.settings.get(key);
    if (value !== undefined) return { value, source: { nodeId: node.id, kind: node.kind } };
  }
  const fallback = settingFallback(key);
  return fallback === undefined ? { value: undefined, source: null } : { value: fallback, source: 'default' };
}

export function effectiveValue(state: PortalState, nodeId: NodeId, key: SettingKey): SettingValue | undefined {
  return effectiveSetting(state, nodeId, key).value;
}

/** The system provider that owns `serverHost` (case-insensitive), if any. */
export function systemByServerHost(state: PortalState, serverHost: string): SystemProviderInfo | undefined {
  const host = serverHost.toLowerCase();
  return [...state.systems.values()].find((s) => s.serverHosts.includes(host));
}

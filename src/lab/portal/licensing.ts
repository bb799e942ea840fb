// The portal's license store (seed §1.1, kakapo.md §2.2): licenses keyed by the compound
// (loginId, serverHost); the provider/group hierarchy and the user are created on first sight;
// a data-protection provider stores the login ID only; Wallboard/Dashboard identify by MAC address
// and computer name.
import { produce } from 'immer';
import { addNodeDraft, systemByServerHost, type LicenseRecord, type NodeId, type PortalState } from './hierarchy.ts';
import { groupNodeId as groupIdOf, providerNodeId as providerIdOf, userNodeId as userIdOf } from './node-ids.ts';

export const PC_CLIENT_TYPES = ['Wallboard', 'Dashboard'] as const;
export const CLIENT_TYPES = ['Desktop', 'Reception', 'CallCenter', 'Wallboard', 'Dashboard'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export interface LicenseRequestFacts {
  serverHost: string;
  clientType: string;
  clientVersion: string;
  loginId?: string;
  macAddress?: string;
  firstName?: string;
  lastName?: string;
  computerName?: string;
  /** seed §1.1: "The phone number is now ignored by the Kakapo licensing server" — never stored. */
  phoneNumber?: string;
  groupId: string;
  serviceProviderId?: string;
  enterpriseId?: string;
}

export type LicenseRefusalCode = 'UnknownProvider' | 'BadRequest';
export type LicenseResult =
  | { ok: true; state: PortalState; record: LicenseRecord; created: boolean }
  | { ok: false; code: LicenseRefusalCode; message: string };

export const licenseKey = (identity: string, serverHost: string): string => `${identity.toLowerCase()}|${serverHost.toLowerCase()}`;

const ID = /^[^\s|/]{1,128}$/;
const MAC = /^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$/;

/**
 * @example
 * const license = recordLicenseRequest(state, { serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0', loginId: 'ann@lab.test' }, Date.now());
 */
export function recordLicenseRequest(state: PortalState, facts: LicenseRequestFacts, nowMs: number): LicenseResult {
  const system = systemByServerHost(state, facts.serverHost);
  if (!system) return { ok: false, code: 'UnknownProvider', message: 'the server host is not registered with any system provider' };
  if (!(CLIENT_TYPES as readonly string[]).includes(facts.clientType)) return { ok: false, code: 'BadRequest', message: 'unknown client type' };
  const isPc = (PC_CLIENT_TYPES as readonly string[]).includes(facts.clientType);
  // seed §1.1: the MAC address of the PC for Wallboard/Dashboard, else the login ID.
  const identity = isPc ? facts.macAddress : facts.loginId;
  if (!identity || !(isPc ? MAC.test(identity) : ID.test(identity)))
    return { ok: false, code: 'BadRequest', message: isPc ? 'a MAC address is required' : 'a login ID is required' };
  const providerId = facts.enterpriseId ?? facts.serviceProviderId;
  if (!providerId || !ID.test(providerId) || !ID.test(facts.groupId) || (facts.enterpriseId && facts.serviceProviderId))
    return { ok: false, code: 'BadRequest', message: 'a group ID and exactly one of service provider ID or enterprise ID are required' };

  const key = licenseKey(identity, facts.serverHost);
  const existing = state.licenses.get(key);
  const sys = system.nodeId;
  const providerKind = facts.enterpriseId ? 'enterprise' : 'serviceProvider';
  const providerNodeId = providerIdOf(sys, providerKind, providerId);
  const groupNodeId = groupIdOf(providerNodeId, facts.groupId);
  const userNodeId = existing?.userNodeId ?? userIdOf(sys, identity);
  const dataProtection = system.dataProtection;
  const names = dataProtection
    ? {}
    : isPc
      ? { ...(facts.computerName ? { computerName: facts.computerName.slice(0, 200) } : {}) }
      : {
          ...(facts.firstName ? { firstName: facts.firstName.slice(0, 200) } : {}),
          ...(facts.lastName ? { lastName: facts.lastName.slice(0, 200) } : {}),
        };

  const next = produce(state, (draft) => {
    // First sight creates the hierarchy (seed §1.1). Providers put under a reseller by the scenario keep their place.
    if (!draft.nodes.has(providerNodeId))
      addNodeDraft(draft, { id: providerNodeId, kind: providerKind, name: providerId, parentId: sys });
    if (!draft.nodes.has(groupNodeId)) addNodeDraft(draft, { id: groupNodeId, kind: 'group', name: facts.groupId, parentId: providerNodeId });
    if (!draft.nodes.has(userNodeId)) addNodeDraft(draft, { id: userNodeId, kind: 'user', name: identity, parentId: groupNodeId });
    const record: LicenseRecord = {
      key,
      identity,
      identityKind: isPc ? 'macAddress' : 'loginId',
      serverHost: facts.serverHost.toLowerCase(),
      systemNodeId: sys,
      userNodeId,
      clientType: facts.clientType,
      clientVersion: facts.clientVersion.slice(0, 64),
      ...names,
      policy: existing?.policy ?? system.licensePolicy,
      firstSeenMs: existing?.firstSeenMs ?? nowMs,
      lastSeenMs: nowMs,
    };
    draft.licenses.set(key, record);
  });
  return { ok: true, state: next, record: next.licenses.get(key)!, created: !existing };
}

/** The user node of a known login ID on the system provider owning serverHost (branding by login ID). */
export function findUserNode(state: PortalState, loginId: string, serverHost: string): NodeId | undefined {
  const system = systemByServerHost(state, serverHost);
  if (!system) return undefined;
  const id = userIdOf(system.nodeId, loginId);
  return state.nodes.get(id)?.kind === 'user' ? id : undefined;
}

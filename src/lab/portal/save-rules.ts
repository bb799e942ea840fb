// Saving portal settings under the rules of kakapo.md §2.3 / seed §4. A save is a batch of changes
// at one level, applied all-or-nothing: a refused save returns the input state untouched, with a
// typed reason that cites the rule.
import { produce } from 'immer';
import { effectiveValue, isWithin, lineage, subtree, type NodeId, type PortalState } from './hierarchy.ts';
import { checkSettingValue, isSettingKey, settingLabel, type SettingKey, type SettingValue } from './settings.ts';

/** Who saves. A ticket is Kakapo staff acting on a raised ticket (privileged, any level). */
export type PortalActor = { kind: 'ticket'; ticketId: string } | { kind: 'administrator'; nodeId: NodeId };

export type SaveRefusalCode =
  | 'UNKNOWN_LEVEL'
  | 'UNKNOWN_SETTING'
  | 'INVALID_VALUE'
  | 'TICKET_REQUIRED'
  | 'OUT_OF_SCOPE'
  | 'OCI_TLS_PORT_NOT_SET'
  | 'CTI_TLS_PORT_NOT_SET'
  | 'CTI_PORT_MANDATORY'
  | 'TLS_PROTOCOL_NOT_SET'
  | 'STATS_REFRESH_RANGE'
  | 'EMPTY_SAVE';

export interface SaveRefusal {
  code: SaveRefusalCode;
  /** Human-readable, names the setting and the level, cites the portal rule. Never contains secrets. */
  message: string;
  rule: string;
  key?: SettingKey;
}

export interface SaveRequest {
  actor: PortalActor;
  nodeId: NodeId;
  /** key → new value, or null to clear the setting at this level (inherit from above). */
  changes: Readonly<Record<string, SettingValue | null>>;
}

export type SaveResult =
  | { ok: true; state: PortalState; changedNodes: NodeId[] }
  | { ok: false; state: PortalState; refusal: SaveRefusal };

const refuse = (state: PortalState, refusal: SaveRefusal): SaveResult => ({ ok: false, state, refusal });

const TLS_BLOCKS = [
  {
    enabled: 'ociTls.enabled',
    port: 'ociTls.port',
    protocol: 'ociTls.securityProtocol',
    portCode: 'OCI_TLS_PORT_NOT_SET',
    rule: 'the OCI over TLS server port must be set at the system provider level before "Use OCI protocol over TLS" is activated at any level',
  },
  {
    enabled: 'cti.tls.enabled',
    port: 'cti.tls.port',
    protocol: 'cti.tls.securityProtocol',
    portCode: 'CTI_TLS_PORT_NOT_SET',
    rule: 'the CTI over TLS server port must be set at the system provider level before "Use CTI protocol over TLS" is activated at any level',
  },
] as const;

/**
 * @example
 * const result = saveSettings(state, { actor, nodeId, changes: { keepaliveSeconds: 120 } });
 */
export function saveSettings(state: PortalState, request: SaveRequest): SaveResult {
  const node = state.nodes.get(request.nodeId);
  if (!node) return refuse(state, { code: 'UNKNOWN_LEVEL', message: `no portal level "${request.nodeId.slice(0, 100)}"`, rule: 'settings are saved at a level of the portal hierarchy that exists' });
  const entries = Object.entries(request.changes);
  if (entries.length === 0) return refuse(state, { code: 'EMPTY_SAVE', message: 'nothing to save', rule: 'a save changes at least one setting' });

  // seed §4.1: "a ticket must be raised in the Kakapo portal to activate this setting at the system provider level".
  if (node.kind === 'systemProvider' && request.actor.kind !== 'ticket')
    return refuse(state, {
      code: 'TICKET_REQUIRED',
      message: `changing settings at the system provider level "${node.name}" impacts all Unity clients and needs a ticket`,
      rule: 'a ticket must be raised to change a setting at the system provider level',
    });
  if (request.actor.kind === 'administrator' && !isWithin(state, node.id, request.actor.nodeId))
    return refuse(state, {
      code: 'OUT_OF_SCOPE',
      message: `an administrator of "${request.actor.nodeId.slice(0, 100)}" cannot change "${node.name}"`,
      rule: 'lower levels may be changed by their reseller/group/user administrator',
    });

  for (const [key, value] of entries) {
    if (!isSettingKey(key)) return refuse(state, { code: 'UNKNOWN_SETTING', message: `no portal setting "${key.slice(0, 100)}"`, rule: 'only the settings the portal defines can be saved' });
    // seed §4.2: "The CTI Port is mandatory" — it cannot be cleared where nothing above supplies it.
    if (value === null && key === 'cti.port' && node.kind === 'systemProvider')
      return refuse(state, {
        code: 'CTI_PORT_MANDATORY',
        key,
        message: 'the CTI Port is mandatory and cannot be cleared at the system provider level (default 8011)',
        rule: 'the CTI Port is mandatory and set to 8011 by default',
      });
    if (value !== null) {
      const complaint = checkSettingValue(key, value);
      if (complaint)
        return refuse(state, {
          code: key === 'cti.port' ? 'CTI_PORT_MANDATORY' : 'INVALID_VALUE',
          key,
          message: complaint,
          rule: key === 'cti.port' ? 'the CTI Port is mandatory and set to 8011 by default' : 'each setting takes the values the portal defines for it',
        });
    }
  }

  // Apply tentatively: the value at this level, and kakapo.md §2.3 / seed §4.1 "if this is changed
  // then it will also update the same setting for all level below" — descendants lose their own
  // value for the key and follow this level.
  const below = subtree(state, node.id).filter((n) => n.id !== node.id);
  const changedNodes = new Set<NodeId>([node.id]);
  const next = produce(state, (draft) => {
    for (const [key, value] of entries as Array<[SettingKey, SettingValue | null]>) {
      const here = draft.nodes.get(node.id)!;
      if (value === null) here.settings.delete(key);
      else here.settings.set(key, value);
      for (const child of below) {
        const d = draft.nodes.get(child.id)!;
        if (d.settings.delete(key)) changedNodes.add(child.id);
      }
    }
  });

  const violation = checkInvariants(next, node.id);
  if (violation) return refuse(state, violation);
  return { ok: true, state: next, changedNodes: [...changedNodes] };
}

/** The rules that must hold for every level under `scopeId` after a save. */
export function checkInvariants(state: PortalState, scopeId: NodeId): SaveRefusal | null {
  const root = lineage(state, scopeId).at(-1);
  if (!root) return null;
  if (root.settings.get('cti.port') === undefined)
    return {
      code: 'CTI_PORT_MANDATORY',
      key: 'cti.port',
      message: 'the CTI Port is mandatory at the system provider level',
      rule: 'the CTI Port is mandatory and set to 8011 by default',
    };
  for (const level of subtree(state, scopeId)) {
    for (const block of TLS_BLOCKS) {
      if (effectiveValue(state, level.id, block.enabled) !== true) continue;
      if (root.settings.get(block.port) === undefined)
        return {
          code: block.portCode,
          key: block.enabled,
          message: `"${settingLabel(block.enabled)}" cannot be enabled for "${level.name}": the ${settingLabel(block.port)} is not set at the system provider level "${root.name}"`,
          rule: block.rule,
        };
      if (effectiveValue(state, level.id, block.protocol) === undefined)
        return {
          code: 'TLS_PROTOCOL_NOT_SET',
          key: block.protocol,
          message: `"${settingLabel(block.enabled)}" is on for "${level.name}" but no ${settingLabel(block.protocol)} is set; it must be explicit`,
          rule: 'the security protocol must be explicitly set, the server closes the connection if the wrong one is used',
        };
    }
    const min = effectiveValue(state, level.id, 'callCenterStatsRefresh.minSeconds') as number;
    const max = effectiveValue(state, level.id, 'callCenterStatsRefresh.maxSeconds') as number;
    if (min > max)
      return {
        code: 'STATS_REFRESH_RANGE',
        key: 'callCenterStatsRefresh.minSeconds',
        message: `call center statistics refresh minimum (${min}s) is above the maximum (${max}s) for "${level.name}"`,
        rule: 'statistics refresh at a random frequency between the values set',
      };
  }
  return null;
}

// The portal's mutable holder around the immutable configuration model: one current state,
// replaced only by accepted operations.
import { buildPortalState, effectiveSettings, recordLicenseRequest, saveSettings, setLicensePolicy, type PortalSpec } from './config-model.ts';
import type { LicensePolicy, NodeId, PortalState } from './hierarchy.ts';
import type { LicenseRequestFacts, LicenseResult } from './licensing.ts';
import type { SaveRequest, SaveResult } from './save-rules.ts';

/**
 * @example
 * const store = new PortalStore(spec);
 * const result = store.save({ actor, nodeId, changes: { keepaliveSeconds: 120 } });
 */
export class PortalStore {
  private current: PortalState;

  constructor(initial: PortalState | PortalSpec) {
    this.current = 'nodes' in initial ? initial : buildPortalState(initial);
  }

  get state(): PortalState {
    return this.current;
  }

  save(request: SaveRequest): SaveResult {
    const result = saveSettings(this.current, request);
    if (result.ok) this.current = result.state;
    return result;
  }

  recordLicense(facts: LicenseRequestFacts, nowMs: number): LicenseResult {
    const result = recordLicenseRequest(this.current, facts, nowMs);
    if (result.ok) this.current = result.state;
    return result;
  }

  setLicensePolicy(systemId: NodeId, policy: LicensePolicy): void {
    this.current = setLicensePolicy(this.current, systemId, policy);
  }

  effective(nodeId: NodeId) {
    return this.current.nodes.has(nodeId) ? effectiveSettings(this.current, nodeId) : undefined;
  }
}

// Facts the dashboard shows that are not in the event log: the portal's branding policy (the
// <policy> element of the Kakapo portal's branding answer) and the client version, read from the
// client's branding answer when the UI has one.
import type { BrandingResponse } from '../../client/index.ts';

export interface DashboardFacts {
  clientVersion: string | null;
  /** The branding policy: other users' remote party is shown only when callDetailsAvailable. */
  callDetailsAvailable: boolean;
  /** Monitoring beyond the user's group only when enterpriseViewAvailable. */
  enterpriseViewAvailable: boolean;
  /** A newer client version the portal permits, when it differs from ours. */
  permittedUpdateVersion: string | null;
}

/**
 * The dashboard's facts from the branding answer; policy defaults are the restrictive ones: nothing
 * beyond the group, no remote party.
 *
 * @example
 * const facts = dashboardFacts(client.branding, DEFAULT_CLIENT_VERSION); // facts.callDetailsAvailable
 */
export function dashboardFacts(branding: BrandingResponse | null, clientVersion: string | null): DashboardFacts {
  const policy = branding?.policy;
  const permitted = policy?.permittedUpdateVersion ?? null;
  return {
    clientVersion,
    callDetailsAvailable: policy?.callDetailsAvailable ?? false,
    enterpriseViewAvailable: policy?.enterpriseViewAvailable ?? false,
    permittedUpdateVersion: permitted !== null && permitted !== '' && permitted !== clientVersion ? permitted : null,
  };
}

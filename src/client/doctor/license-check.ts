// The license step: with the profile read over OCI, ask the Kakapo portal for the user's license as
// the client does after logging in (the portal creates the user's account there if it is new). The
// answer decides whether Kakapo IM&P and XMPP are needed at all; a refused or expired license is a
// failed step — the client stops at it — and says what to change.
import type { PortalClient } from '../../adapters/portal/portal-client.ts';
import type { LicenseFeatures } from '../../codecs/kakapo/types.ts';
import type { DoctorProfile } from './login-release.ts';
import type { DoctorCheck } from './types.ts';

export interface LicenseCheck {
  check: DoctorCheck;
  /** Known features, when the portal gave a usable license. */
  features?: LicenseFeatures;
}

const RULE = 'license from the Kakapo portal';

function featureList(f: LicenseFeatures): string {
  const on = [f.imp ? 'Kakapo IM&P' : '', f.xmpp ? 'XMPP' : '', f.callCenter ? 'call center' : '', f.reception ? 'reception' : ''].filter((x) => x !== '');
  return on.length > 0 ? on.join(', ') : 'no optional features';
}

/**
 * Requests the license and judges it.
 *
 * @example
 * const { check, features } = await checkLicense(portal, { serverHost: 'ocs.example.com', target: 'portal.unityclient.com:443', profile });
 */
export async function checkLicense(
  portal: Pick<PortalClient, 'requestLicense'>,
  input: { serverHost: string; target: string; profile: DoctorProfile },
): Promise<LicenseCheck> {
  const { profile } = input;
  const base = { connection: 'license' as const, rule: RULE, target: input.target };
  const org = profile.enterpriseId !== undefined ? { enterpriseId: profile.enterpriseId } : { serviceProviderId: profile.serviceProviderId ?? '' };
  const result = await portal.requestLicense({
    clientType: 'Desktop',
    clientVersion: '1.0.0',
    serverHost: input.serverHost,
    groupId: profile.groupId,
    loginId: profile.userId,
    firstName: profile.firstName,
    lastName: profile.lastName,
    ...org,
  });
  if (!result.ok) {
    const e = result.error;
    if (e.kind === 'license-denied') {
      return { check: { ...base, status: 'fail', detail: `the portal refused a license for ${profile.userId}: the client stops after login`, advice: e.message } };
    }
    return {
      check: {
        ...base,
        status: 'fail',
        detail: `the license could not be requested: ${e.message} The client stops after login without it; Kakapo IM&P and XMPP are checked as if licensed`,
        advice: 'fix the portal connection (see the portal lines), then run doctor again',
      },
    };
  }
  const license = result.value;
  const features = license.features;
  switch (license.status) {
    case 'Licensed':
      return { check: { ...base, status: 'ok', detail: `Licensed: ${featureList(features)}` }, features };
    case 'Trial': {
      const days = license.trialDaysLeft;
      const soon = days !== undefined && days <= 7;
      return {
        check: {
          ...base,
          status: soon ? 'warn' : 'ok',
          detail: `Trial${days !== undefined ? `, ${days} day(s) left` : ''}: ${featureList(features)}`,
          ...(soon ? { advice: 'assign a full license in the Kakapo portal ("License Details") before the trial ends' } : {}),
        },
        features,
      };
    }
    // The features the portal gives with a refused license (none, in practice) still say what is not needed.
    case 'Expired':
      return {
        check: { ...base, status: 'fail', detail: `the license of ${profile.userId} has expired: the client stops after login`, advice: 'renew it, or assign another license, in the Kakapo portal ("License Details")' },
        features,
      };
    case 'Unlicensed':
      return {
        check: { ...base, status: 'fail', detail: `${profile.userId} has no license: the client stops after login`, advice: 'assign a license to the user in the Kakapo portal ("License Details")' },
        features,
      };
  }
}

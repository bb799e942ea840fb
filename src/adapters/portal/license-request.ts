// The license request of seed §1.1, built from what the OCI login and profile returned.
import type { ClientType, LicenseRequest } from '../../codecs/kakapo/types.ts';

export interface LicenseFacts {
  /** FQDN of the OCI server the client connected to (seed §1.1, first bullet). */
  serverHost: string;
  clientType: ClientType;
  clientVersion: string;
  profile: {
    userId: string;
    firstName: string;
    lastName: string;
    phoneNumber?: string;
    groupId: string;
    serviceProviderId?: string;
    enterpriseId?: string;
  };
  /** Wallboard and Dashboard only: the PC's identity (seed §1.1). */
  device?: { macAddress: string; computerName: string };
}

export type LicenseRequestError = { readonly kind: 'device-required'; readonly message: string };

/**
 * seed §1.1: the login ID (or the MAC address for Wallboard/Dashboard), the first and last names (or
 * the computer name), the phone number (not for Wallboard/Dashboard), the group ID, and the service
 * provider or enterprise ID.
 */
export function licenseRequestFor(facts: LicenseFacts): { ok: true; value: LicenseRequest } | { ok: false; error: LicenseRequestError } {
  const { profile } = facts;
  const org = profile.enterpriseId !== undefined ? { enterpriseId: profile.enterpriseId } : { serviceProviderId: profile.serviceProviderId ?? '' };
  const common = { serverHost: facts.serverHost, groupId: profile.groupId, clientVersion: facts.clientVersion, ...org };
  if (facts.clientType === 'Wallboard' || facts.clientType === 'Dashboard') {
    if (facts.device === undefined) {
      return { ok: false, error: { kind: 'device-required', message: `a ${facts.clientType} client is licensed by the PC's MAC address and computer name; none were configured` } };
    }
    return { ok: true, value: { ...common, clientType: facts.clientType, macAddress: facts.device.macAddress, computerName: facts.device.computerName } };
  }
  return {
    ok: true,
    value: {
      ...common,
      clientType: facts.clientType,
      loginId: profile.userId,
      firstName: profile.firstName,
      lastName: profile.lastName,
      ...(profile.phoneNumber !== undefined ? { phoneNumber: profile.phoneNumber } : {}),
    },
  };
}

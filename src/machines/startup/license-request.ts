// The license request's fields, as the seed lists them (§1.1; protocols/kakapo.md §2.2).
import type { LicenseRequest, StartupInput, UserProfile } from './contract.ts';

export function licenseRequest(input: StartupInput, profile: UserProfile): LicenseRequest {
  // seed §1.1: Wallboard and Dashboard identify the PC (MAC address, computer name), not the user.
  const device = input.clientType === 'Wallboard' || input.clientType === 'Dashboard' ? input.device : undefined;
  const who = device
    ? { macAddress: device.macAddress, computerName: device.computerName }
    : {
        loginId: input.loginId,
        firstName: profile.firstName,
        lastName: profile.lastName,
        // seed §1.1: the phone number is not used for Wallboard or Dashboard clients.
        ...(profile.phoneNumber !== undefined ? { phoneNumber: profile.phoneNumber } : {}),
      };
  const owner = profile.isEnterprise ? { enterpriseId: profile.serviceProviderId } : { serviceProviderId: profile.serviceProviderId };
  return {
    serverHost: input.serverHost,
    ...who,
    groupId: profile.groupId,
    ...owner,
    clientType: input.clientType,
    clientVersion: input.clientVersion,
  };
}

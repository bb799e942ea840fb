// RequestLicense plaintext documents (kakapo.md §2.2). Element names: see documents.ts (PROJECT).
// On the wire LicenseRequest is one flat sequence in the order of kakapo.md's listing; decoding
// narrows it to the user or device (Wallboard/Dashboard) variant and checks that exactly one of
// serviceProviderId / enterpriseId is present.
import { CodecError } from '../errors.ts';
import { bool, int, obj, oneOf, opt, text } from '../xsi/fields.ts';
import { CLIENT_TYPES, LICENSE_STATUSES, type LicenseRequest } from './types.ts';

/** The wire form of LicenseRequest: every variant's fields, in kakapo.md §2.2 order. */
export const licenseRequestWire = obj({
  serverHost: text(),
  loginId: opt(text()),
  macAddress: opt(text()),
  firstName: opt(text()),
  lastName: opt(text()),
  computerName: opt(text()),
  phoneNumber: opt(text()),
  groupId: text(),
  serviceProviderId: opt(text()),
  enterpriseId: opt(text()),
  clientType: oneOf(CLIENT_TYPES),
  clientVersion: text(),
});

export const licenseResponseCodec = obj({
  status: oneOf(LICENSE_STATUSES),
  trialDaysLeft: opt(int()),
  features: obj({ imp: bool(), xmpp: bool(), callCenter: bool(), reception: bool() }),
  impToken: opt(text()),
});

function need(value: string | undefined, field: string): string {
  if (value === undefined) throw new CodecError('MISSING_FIELD', `required element <${field}> is missing`, { field });
  return value;
}

/** Narrows the flat wire form to the LicenseRequest union; throws CodecError. */
export function toLicenseRequest(w: ReturnType<typeof licenseRequestWire.decodeElement>): LicenseRequest {
  const org =
    w.serviceProviderId !== undefined && w.enterpriseId === undefined
      ? { serviceProviderId: w.serviceProviderId }
      : w.enterpriseId !== undefined && w.serviceProviderId === undefined
        ? { enterpriseId: w.enterpriseId }
        : null;
  if (org === null) {
    throw new CodecError('INVALID_FIELD', 'exactly one of <serviceProviderId> and <enterpriseId> is required', { field: 'serviceProviderId' });
  }
  const common = { serverHost: w.serverHost, groupId: w.groupId, clientVersion: w.clientVersion, ...org };
  // seed §1.1: Wallboard and Dashboard identify the PC (MAC address, computer name).
  if (w.clientType === 'Wallboard' || w.clientType === 'Dashboard') {
    return { ...common, clientType: w.clientType, macAddress: need(w.macAddress, 'macAddress'), computerName: need(w.computerName, 'computerName') };
  }
  return {
    ...common,
    clientType: w.clientType,
    loginId: need(w.loginId, 'loginId'),
    firstName: need(w.firstName, 'firstName'),
    lastName: need(w.lastName, 'lastName'),
    ...(w.phoneNumber !== undefined ? { phoneNumber: w.phoneNumber } : {}),
  };
}


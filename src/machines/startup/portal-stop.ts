// Start-up stops when the Kakapo portal cannot be used (seed §1: portal.unityclient.com, TCP 443).
// The advice names the portal the client asked: the default one, or the one configured instead.
import type { LicenseStatus, PortalFailure, StartupInput, StartupStop } from './contract.ts';
import { capitalize, factOf } from './reason-text.ts';

/** seed §1: the default portal, and the addresses its firewall rule needs. */
const DEFAULT_PORTAL = { host: 'portal.unityclient.com', port: 443, addresses: '185.42.19.40, 83.142.25.185' };

export function stopForPortalFailure(what: 'branding' | 'license', failure: PortalFailure, portal: StartupInput['portal'] = DEFAULT_PORTAL): StartupStop {
  const request = what === 'branding' ? 'fetch the branding' : 'request the license';
  const isDefault = portal.host === DEFAULT_PORTAL.host && portal.port === DEFAULT_PORTAL.port;
  const rule = isDefault
    ? `outbound HTTPS (TCP 443, and 80) to ${DEFAULT_PORTAL.host} (${DEFAULT_PORTAL.addresses})`
    : `outbound HTTPS (TCP ${portal.port}) to ${portal.host}`;
  const fix =
    failure.kind === 'tls'
      ? `Check that nothing intercepts HTTPS to ${portal.host} (a proxy re-signing certificates) and that the system clock is right.`
      : failure.kind === 'http' || failure.kind === 'bad-response'
        ? 'The portal answered but not as expected; retry later and send the ConnectionLog.txt to support.'
        : `Allow ${rule} on the customer firewall.`;
  return {
    code: 'portalUnreachable',
    reason: `Unity could not ${request} from the Kakapo portal: ${factOf(failure.message) || failure.kind}. ${fix}`,
  };
}

export function stopForUnknownServer(serverHost: string, message: string): StartupStop {
  return {
    code: 'portalUnknownServer',
    reason:
      `The Kakapo portal knows neither this user nor the server host "${serverHost}"${message === '' ? '' : `: ${factOf(message)}`}. Check the ` +
      `server host typed at login; the system provider must list it under "Server Hostnames" in the Kakapo portal.`,
  };
}

export function stopForLicense(status: Exclude<LicenseStatus, 'Licensed' | 'Trial'>, who: string): StartupStop {
  return {
    code: 'licenseDenied',
    reason:
      status === 'Expired'
        ? `The Unity license of ${who} has expired. Renew it, or assign another license, in the Kakapo portal.`
        : `${capitalize(who)} has no Unity license. Assign one in the Kakapo portal ("License Details").`,
  };
}

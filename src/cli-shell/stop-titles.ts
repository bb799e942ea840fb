// A short title for each way start-up stops (the start-up machine's final states), shared by the UIs
// (terminal, web page): words a support engineer reads at a glance; the stop's reason says the rest.
import type { StopCode } from '../client/index.ts';

export const STOP_TITLES: Readonly<Record<StopCode, string>> = {
  portalUnreachable: 'the Kakapo portal cannot be reached',
  portalUnknownServer: 'the Kakapo portal does not know this server',
  badCredentials: 'the login was refused',
  ociUnreachable: 'the OCI server cannot be reached',
  tlsOnlyServerOnPlainPort: 'a TLS-only port was reached in plain',
  tlsHandshakeFailed: 'the TLS handshake failed',
  unsupportedRelease: 'this BroadWorks release is not supported',
  protocolPlanError: 'the portal settings give no usable connection plan',
  profileUnavailable: 'the user profile could not be read',
  ctiUnreachable: 'the CTI server cannot be reached',
  capServiceMissing: 'Client Call Control is not assigned',
  licenseDenied: 'no valid license',
  closed: 'closed by the user',
};

/**
 * @example
 * stopTitle('ctiUnreachable'); // 'the CTI server cannot be reached'
 */
export function stopTitle(code: string): string {
  return (STOP_TITLES as Record<string, string>)[code] ?? code;
}

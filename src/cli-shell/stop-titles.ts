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
  serverError: 'the server answered with an error',
  garbledReply: 'a server sent a reply the client cannot read',
  replyTooLarge: 'a server sent a reply over the client\'s limits',
  doctypeReply: 'a server sent a reply with a DOCTYPE declaration',
  unexpectedReply: 'a server answered with the wrong kind of document',
  closed: 'closed by the user',
};

/**
 * @example
 * stopTitle('ctiUnreachable'); // 'the CTI server cannot be reached'
 */
export function stopTitle(code: string): string {
  return (STOP_TITLES as Record<string, string>)[code] ?? code;
}

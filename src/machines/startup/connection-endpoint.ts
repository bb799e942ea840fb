// Which endpoint each start-up connection uses, from what start-up has learned so far.
import type { ConnectionName } from '../connection/contract.ts';
import type { Endpoint } from '../protocol-selection/types.ts';
import { impEndpoint, xmppDomain, xmppEndpoint } from './messaging-endpoints.ts';
import type { StartupContext } from './startup-context.ts';

export function endpointFor(name: ConnectionName, context: StartupContext): Endpoint | null {
  const plan = context.plan?.ok === true ? context.plan : null;
  switch (name) {
    case 'oci':
      return context.ociEndpoint;
    case 'cap':
      // seed §2.2: CAP uses the same connection and server port as OCI, and so OCI's TLS.
      return plan?.oci ?? context.ociEndpoint;
    case 'cti':
      return plan?.cti ?? null;
    case 'imp':
      return context.branding === null ? null : impEndpoint(context.branding);
    case 'xmpp': {
      const domain = xmppDomain(context.profile?.xmppId);
      return domain === null ? null : xmppEndpoint(domain);
    }
  }
}

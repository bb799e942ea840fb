// XMPP on the connection runner like every other connection (adapters/xmpp's driver), with what
// the session gives it: the user's XMPP id read from the start-up's profile at each connect (seed
// §1.1: the OCI profile's Integrated IM&P id), the credential store, the session's time source and
// trusted CAs, and a resource of this installation.
import { createXmppDriver, type XmppDriver } from '../xmpp/xmpp-driver.ts';
import type { DriverDeps } from './driver-deps.ts';

export interface XmppLinkDriver extends Omit<XmppDriver, 'send'> {
  /** Queues a message: sent now when online, else after the next login; returns its id. */
  send(message: { to: string; body: string; id?: string }): string;
}

/**
 * @example
 * const xmpp = createXmppLinkDriver(deps); // then: createConnectionRunner({ name: 'xmpp', system, driver: xmpp, net })
 * xmpp.send({ to: 'bob@xmpp.example.com', body: 'hello' });
 */
export function createXmppLinkDriver(deps: DriverDeps): XmppLinkDriver {
  const driver = createXmppDriver({
    jid: () => deps.facts.profile?.xmppId?.split('/')[0] ?? null,
    resource: `unity-${deps.ids().slice(0, 8)}`,
    ca: deps.net.ca,
    // Step, ping and TLS timeouts on the session's time source (virtual in tests).
    ...(deps.net.scheduler ? { scheduler: deps.net.scheduler } : {}),
    random: deps.randomBytes,
    credentials: async () => {
      const secret = await deps.credentials.password();
      // A missing password fails SASL like a wrong one (AUTH.FAILED), never with its text.
      return { password: secret.ok ? secret.password : '' };
    },
  });
  return Object.assign(Object.create(driver) as XmppDriver, {
    send(message: { to: string; body: string; id?: string }): string {
      const id = message.id ?? deps.ids();
      driver.send({ id, to: message.to, body: message.body });
      return id;
    },
  });
}

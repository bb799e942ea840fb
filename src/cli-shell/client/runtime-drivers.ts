// The drivers this client builds for the connections beyond OCI and CAP (built into the runtime),
// and typed handles to them for send() and for UIs.
import type { KeyRing } from '../../codecs/kakapo/cipher.ts';
import { createCtiDriver, type BusyLampFieldSource, type CtiDriver } from '../../adapters/runtime/cti-driver.ts';
import { createImpDriver, type ImpDriver } from '../../adapters/runtime/imp-driver.ts';
import type { DriverFactory } from '../../adapters/runtime/session-runtime.ts';
import { createXmppLinkDriver, type XmppLinkDriver } from '../../adapters/runtime/xmpp-link-driver.ts';

export const APPLICATION_ID = 'unity-connect';

export interface ClientLinks {
  cti: CtiDriver | null;
  imp: ImpDriver | null;
  xmpp: XmppLinkDriver | null;
}

export function runtimeDrivers(options: { keyRing: KeyRing; keyId: string; now: () => number; busyLampField?: BusyLampFieldSource }): {
  factories: Partial<Record<'cti' | 'imp' | 'xmpp', DriverFactory>>;
  links: ClientLinks;
} {
  const links: ClientLinks = { cti: null, imp: null, xmpp: null };
  return {
    links,
    factories: {
      cti: (deps) => (links.cti = createCtiDriver(deps, { applicationId: APPLICATION_ID, ...(options.busyLampField ? { busyLampField: options.busyLampField } : {}) })),
      imp: (deps) => (links.imp = createImpDriver(deps, options)),
      xmpp: (deps) => (links.xmpp = createXmppLinkDriver(deps)),
    },
  };
}

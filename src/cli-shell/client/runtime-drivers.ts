// The drivers this client builds for the connections beyond OCI and CAP (built into the runtime).
import type { KeyRing } from '../../codecs/kakapo/cipher.ts';
import { createCtiDriver } from '../../adapters/runtime/cti-driver.ts';
import { createImpDriver } from '../../adapters/runtime/imp-driver.ts';
import type { DriverFactory } from '../../adapters/runtime/session-runtime.ts';
import { createXmppDriver } from '../../adapters/runtime/xmpp-driver.ts';

export const APPLICATION_ID = 'unity-connect';

export function runtimeDrivers(options: { keyRing: KeyRing; keyId: string; now: () => number }): Partial<Record<'cti' | 'imp' | 'xmpp', DriverFactory>> {
  return {
    cti: (deps) => createCtiDriver(deps, { applicationId: APPLICATION_ID }),
    imp: (deps) => createImpDriver(deps, options),
    xmpp: (deps) => createXmppDriver(deps),
  };
}

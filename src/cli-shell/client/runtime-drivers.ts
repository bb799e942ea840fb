// The drivers this client builds for the connections beyond OCI and CAP (built into the runtime).
// A connection without a driver here is never answered: its link has not landed yet.
import type { DriverFactory } from '../../adapters/runtime/session-runtime.ts';
import { createCtiDriver } from '../../adapters/runtime/cti-driver.ts';
import { createXmppDriver } from '../../adapters/runtime/xmpp-driver.ts';

export function runtimeDrivers(): Partial<Record<'cti' | 'imp' | 'xmpp', DriverFactory>> {
  return {
    cti: (deps) => createCtiDriver(deps, { applicationId: 'unity-connect' }),
    xmpp: (deps) => createXmppDriver(deps),
  };
}

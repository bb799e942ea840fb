// The drivers of one session, built together and handed on as one named object: the runtime
// answers each connection's effect requests with its driver, send() routes commands to them, and
// UIs read their typed handles (messages, delivery news, resynchronised calls). Nothing is bound
// later: every driver exists, with everything it needs, before the session starts.
import type { KeyRing } from '../codecs/kakapo/cipher.ts';
import type { BusyLampFieldSource } from '../adapters/runtime/busy-lamp-field.ts';
import { createCapDriver, type CapDriver } from '../adapters/runtime/cap-driver.ts';
import type { NetControls } from '../adapters/runtime/connection-runner.ts';
import type { Credentials } from '../adapters/runtime/credentials.ts';
import { createCtiDriver, type CtiDriver } from '../adapters/runtime/cti-driver.ts';
import type { DriverDeps, StartupFacts } from '../adapters/runtime/driver-deps.ts';
import type { MonitoringOptions } from '../adapters/runtime/monitoring-options.ts';
import { createImpDriver, type ImpDriver } from '../adapters/runtime/imp-driver.ts';
import { createOciDriver, type OciDriver } from '../adapters/runtime/oci-driver.ts';
import { createXmppLinkDriver, type XmppLinkDriver } from '../adapters/runtime/xmpp-link-driver.ts';
import type { IdSource } from '../adapters/oci/oci-link.ts';
import type { TimeSource } from '../machines/clock/clock.ts';

/** cap.md §3 / cti-xsi.md §3.1: the application id this client registers with. */
export const APPLICATION_ID = 'unity-connect';

/** One driver per connection of the start-up machine (system ids oci, cap, cti, imp, xmpp). */
export interface SessionDrivers {
  readonly oci: OciDriver;
  /** CAP registers on OCI's socket (seed §2.2). */
  readonly cap: CapDriver;
  readonly cti: CtiDriver | null;
  readonly imp: ImpDriver | null;
  readonly xmpp: XmppLinkDriver | null;
}

/** The typed handles a UI and send() use (the drivers beyond OCI and CAP). */
export type ClientLinks = Pick<SessionDrivers, 'cti' | 'imp' | 'xmpp'>;

export interface SessionDriverOptions {
  credentials: Credentials;
  /** Read at login: the profile (from the start-up machine) and the IM&P token (from the portal). */
  facts: StartupFacts;
  net: NetControls;
  ids: IdSource;
  randomBytes: (size: number) => Uint8Array;
  /** kakapo.md §1: the KEMP envelope key ring and the key that seals requests. */
  keyRing: KeyRing;
  keyId: string;
  /** The session's one time source (the machines' clock): timestamps and the drivers' own waits. */
  clock: TimeSource;
  /** cti-xsi.md §3.5: the BLF list, read over XSI; monitored on CTI or CAP after login. */
  busyLampField?: BusyLampFieldSource;
  /** kakapo.md §3.2: asks the portal for a fresh IM&P token when REGISTER refuses the one it has. */
  renewImpToken?: DriverDeps['renewImpToken'];
  /** Issue 14: the window of BLF work in flight, and when it may begin. */
  monitoring?: MonitoringOptions;
}

/**
 * Builds every driver of a session.
 *
 * @example
 * const drivers = createSessionDrivers({ credentials, facts, net, ids: randomUUID, randomBytes, keyRing, keyId, clock });
 * const runtime = createSessionRuntime({ system, drivers, net, startup });
 */
export function createSessionDrivers(options: SessionDriverOptions): SessionDrivers {
  const { credentials, net, ids, busyLampField } = options;
  const oci = createOciDriver({ credentials, ids, clock: options.clock, ...(net.scheduler ? { scheduler: net.scheduler } : {}) });
  const deps: DriverDeps = {
    credentials,
    facts: options.facts,
    oci,
    net,
    ids,
    randomBytes: options.randomBytes,
    ...(options.renewImpToken ? { renewImpToken: options.renewImpToken } : {}),
  };
  return {
    oci,
    cap: createCapDriver({
      oci,
      credentials,
      applicationId: APPLICATION_ID,
      // cti-xsi.md §3.5 / cap.md §9: BLF over CAP, the list read over XSI.
      ...(busyLampField ? { busyLampField } : {}),
      ...(net.scheduler ? { scheduler: net.scheduler } : {}),
      ...(options.monitoring ? { monitoring: options.monitoring } : {}),
      randomBytes: options.randomBytes,
    }),
    cti: createCtiDriver(deps, { applicationId: APPLICATION_ID, ...(busyLampField ? { busyLampField } : {}), ...(options.monitoring ? { monitoring: options.monitoring } : {}) }),
    imp: createImpDriver(deps, { keyRing: options.keyRing, keyId: options.keyId, now: () => options.clock.now() }),
    xmpp: createXmppLinkDriver(deps),
  };
}

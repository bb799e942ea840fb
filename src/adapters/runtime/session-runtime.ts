// The session runtime: one recorded system (start-up machine + its connection children) and the
// drivers that answer its effect requests. Effects from the root go to the start-up effects; effects
// from a child go to that connection's runner. Every answer enters through dispatch (the log).
import type { ConnectionEffect, ConnectionName } from '../../machines/connection/contract.ts';
import type { RecordedSystem } from '../../machines/log/recorded-system.ts';
import type { StartupEffect } from '../../machines/startup/contract.ts';
import type { IdSource } from '../oci/oci-link.ts';
import type { PortalClient } from '../portal/portal-client.ts';
import type { BusyLampFieldSource } from './busy-lamp-field.ts';
import { createCapDriver, type CapDriver } from './cap-driver.ts';
import type { ConnectionDriver } from './connection-driver.ts';
import type { SelfDrivenDriver } from './xmpp-link-driver.ts';
import { createConnectionRunner, type ConnectionRunner, type NetControls } from './connection-runner.ts';
import type { Credentials } from './credentials.ts';
import { createOciDriver, type OciDriver } from './oci-driver.ts';
import { createStartupEffects, type SessionFacts } from './startup-effects.ts';

/** What a driver factory may use: the shared credential store, facts learned at start-up, OCI. */
export interface DriverDeps {
  credentials: Credentials;
  facts: SessionFacts;
  oci: OciDriver;
  net: NetControls;
  ids: IdSource;
  /** Fresh random bytes (nonces); never logged. */
  randomBytes: (size: number) => Uint8Array;
}

export type DriverFactory = (deps: DriverDeps) => ConnectionDriver | SelfDrivenDriver;

const isSelfDriven = (d: ConnectionDriver | SelfDrivenDriver): d is SelfDrivenDriver => 'handle' in d && 'events$' in d;

export interface SessionRuntimeOptions {
  system: RecordedSystem;
  credentials: Credentials;
  portal: PortalClient;
  net: NetControls;
  ids: IdSource;
  randomBytes: (size: number) => Uint8Array;
  /** CAP's applicationId (cap.md §3). */
  applicationId: string;
  /** The BLF list over XSI, monitored on CAP after registration (cti-xsi.md §3.5, cap.md §9). */
  busyLampField?: BusyLampFieldSource;
  /** Drivers for cti, imp, xmpp (oci and cap are built in). */
  drivers: Partial<Record<Exclude<ConnectionName, 'oci' | 'cap'>, DriverFactory>>;
  /** Effect requests nobody answers (no driver for that connection), for the UI. */
  onUnhandled?: (from: string, type: string) => void;
}

export interface SessionRuntime {
  readonly facts: SessionFacts;
  /** Fresh ids (message ids, session ids). */
  readonly ids: IdSource;
  readonly oci: OciDriver;
  readonly cap: CapDriver;
  readonly runners: ReadonlyMap<ConnectionName, ConnectionRunner>;
  readonly drivers: ReadonlyMap<ConnectionName, ConnectionDriver>;
  /** Resolves when every close in flight (logouts) has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

const CONNECTION_NAMES: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

export function createSessionRuntime(options: SessionRuntimeOptions): SessionRuntime {
  const { system, credentials, net, ids } = options;
  const facts: SessionFacts = { branding: null, license: null, profile: null, release: null };
  const oci = createOciDriver({ credentials, ids });
  const cap = createCapDriver({
    oci,
    credentials,
    applicationId: options.applicationId,
    // cti-xsi.md §3.5 / cap.md §9: BLF over CAP, the list read over XSI.
    ...(options.busyLampField ? { busyLampField: options.busyLampField } : {}),
    ...(net.scheduler ? { scheduler: net.scheduler } : {}),
  });
  const deps: DriverDeps = { credentials, facts, oci, net, ids, randomBytes: options.randomBytes };
  const drivers = new Map<ConnectionName, ConnectionDriver>([
    ['oci', oci],
    ['cap', cap],
  ]);
  const selfDriven = new Map<ConnectionName, SelfDrivenDriver>();
  for (const [name, factory] of Object.entries(options.drivers) as [ConnectionName, DriverFactory][]) {
    const driver = factory(deps);
    if (isSelfDriven(driver)) {
      selfDriven.set(name, driver);
      // Its answers enter like every other network result: through dispatch, into the log.
      driver.events$.subscribe((event) => system.dispatch(name, { ...event }, 'network'));
    } else drivers.set(name, driver);
  }
  const runners = new Map<ConnectionName, ConnectionRunner>();
  for (const [name, driver] of drivers) runners.set(name, createConnectionRunner({ name, system, driver, net }));

  const startup = createStartupEffects({ system, rootId: system.rootId, portal: options.portal, oci, facts });

  const unsubscribe = system.onEffect((effect, from) => {
    if (from === system.rootId) {
      startup.handle(effect as StartupEffect);
      return;
    }
    const own = selfDriven.get(from as ConnectionName);
    if (own !== undefined) {
      own.handle(effect as ConnectionEffect);
      return;
    }
    const runner = (CONNECTION_NAMES as readonly string[]).includes(from) ? runners.get(from as ConnectionName) : undefined;
    if (runner === undefined) {
      options.onUnhandled?.(from, effect.type);
      return;
    }
    runner.handle(effect as ConnectionEffect);
  });

  return {
    facts,
    ids,
    oci,
    cap,
    runners,
    drivers,
    async settled() {
      await Promise.all([...runners.values()].map((r) => r.settled()));
    },
    dispose() {
      unsubscribe();
      for (const d of selfDriven.values()) d.dispose();
    },
  };
}

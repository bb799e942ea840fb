// The session runtime: one recorded system (start-up machine + its connection children) and the
// drivers that answer its effect requests. Effects from the root go to the start-up effects; effects
// from a child go to that connection's runner. Every answer enters through dispatch (the log).
import type { ConnectionEffect, ConnectionName } from '../machines/connection/contract.ts';
import type { RecordedSystem } from '../machines/log/recorded-system.ts';
import type { StartupEffect } from '../machines/startup/contract.ts';
import type { ConnectionDriver } from '../adapters/runtime/connection-driver.ts';
import { createConnectionRunner, type ConnectionRunner, type NetControls } from '../adapters/runtime/connection-runner.ts';
import type { SessionDrivers } from './session-drivers.ts';
import type { PortalAnswers } from './portal-answers.ts';
import type { StartupEffects } from './startup-effects.ts';

export interface SessionRuntimeOptions {
  system: RecordedSystem;
  /** Every connection's driver, by the connection's system id (null: this session has none). */
  drivers: SessionDrivers;
  /** The start-up machine's own requests: branding, profile, license. */
  startup: StartupEffects;
  /** What the portal answered beyond the machines (the branding response, the IM&P token). */
  answers: PortalAnswers;
  net: NetControls;
  /** Effect requests nobody answers (no driver for that connection), for the UI. */
  onUnhandled?: (from: string, type: string) => void;
}

export interface SessionRuntime {
  readonly drivers: SessionDrivers;
  readonly answers: PortalAnswers;
  readonly oci: SessionDrivers['oci'];
  readonly cap: SessionDrivers['cap'];
  readonly runners: ReadonlyMap<ConnectionName, ConnectionRunner>;
  /** Resolves when every close in flight (logouts) has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

const CONNECTION_NAMES: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

/**
 * @example
 * const runtime = createSessionRuntime({ system, drivers, startup, answers, net });
 * system.start(); // the drivers answer from here on
 * await runtime.settled(); runtime.dispose();
 */
export function createSessionRuntime(options: SessionRuntimeOptions): SessionRuntime {
  const { system, drivers, net } = options;
  // Every connection, XMPP included, on the one connection runner: its answers enter through
  // dispatch, into the log.
  const runners = new Map<ConnectionName, ConnectionRunner>();
  const active: ConnectionDriver[] = [];
  for (const name of CONNECTION_NAMES) {
    const driver: ConnectionDriver | null = drivers[name];
    if (driver === null) continue;
    active.push(driver);
    runners.set(name, createConnectionRunner({ name, system, driver, net }));
  }

  const unsubscribe = system.onEffect((effect, from) => {
    if (from === system.rootId) {
      options.startup.handle(effect as StartupEffect);
      return;
    }
    const name = (CONNECTION_NAMES as readonly string[]).includes(from) ? (from as ConnectionName) : null;
    const runner = name === null ? undefined : runners.get(name);
    if (runner === undefined) {
      options.onUnhandled?.(from, effect.type);
      return;
    }
    runner.handle(effect as ConnectionEffect);
  });

  return {
    drivers,
    answers: options.answers,
    oci: drivers.oci,
    cap: drivers.cap,
    runners,
    async settled() {
      await Promise.all([...runners.values()].map((r) => r.settled()));
    },
    dispose() {
      unsubscribe();
      for (const d of active) d.dispose?.();
    },
  };
}

// A start-up session driven by a script instead of a network: a recorded system (the real event
// log) on a virtual clock, whose effect requests are answered by script functions. Answers go in
// through dispatch like a real driver's, so every run also produces a replayable log.
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type {
  ConnectionEffect,
  ConnectionEvent,
  ConnectionName,
} from '../../../src/machines/connection/contract.ts';
import type {
  Branding,
  License,
  StartupEffect,
  StartupEvent,
  StartupInput,
  StartupOutput,
  UserProfile,
} from '../../../src/machines/startup/contract.ts';
import { startupMachine } from '../../../src/machines/startup/startup-machine.ts';
import { createRecordedSystem, type RecordedSystem } from '../../../src/machines/log/recorded-system.ts';
import type { LoggedEvent } from '../../../src/machines/log/log-entry.ts';
import { stateString } from '../../../src/machines/log/state-string.ts';

type Answer<E> = E | null; // null: no answer (the request hangs)

export interface ConnectionScript {
  connect?: (effect: Extract<ConnectionEffect, { type: 'effect.connect' }>) => Answer<ConnectionEvent>;
  secure?: (effect: Extract<ConnectionEffect, { type: 'effect.secure' }>) => Answer<ConnectionEvent>;
  authenticate?: (effect: Extract<ConnectionEffect, { type: 'effect.authenticate' }>) => Answer<ConnectionEvent>;
  keepalive?: (effect: Extract<ConnectionEffect, { type: 'effect.keepalive' }>) => Answer<ConnectionEvent>;
}

export interface Script {
  branding?: (effect: Extract<StartupEffect, { type: 'effect.fetchBranding' }>) => Answer<StartupEvent>;
  profile?: (effect: Extract<StartupEffect, { type: 'effect.fetchProfile' }>) => Answer<StartupEvent>;
  license?: (effect: Extract<StartupEffect, { type: 'effect.requestLicense' }>) => Answer<StartupEvent>;
  connections?: Partial<Record<ConnectionName, ConnectionScript>>;
}

export const defaultBranding: Branding = {
  level: 'User',
  connectivity: { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { host: 'cti.example.test', port: 8011 } },
  imp: { host: 'im.example.test', port: 2208 },
  keepaliveSeconds: 300,
};

export const defaultProfile: UserProfile = {
  userId: 'alice@example.test',
  firstName: 'Alice',
  lastName: 'Smith',
  phoneNumber: '+15551230001',
  extension: '1001',
  groupId: 'G1',
  serviceProviderId: 'SP1',
  isEnterprise: false,
  xmppId: 'alice@xmpp.example.test',
  clientCallControl: true,
};

export const defaultLicense: License = {
  status: 'Licensed',
  features: { imp: true, xmpp: true, callCenter: false, reception: false },
};

export const defaultInput: StartupInput = {
  serverHost: 'oci.example.test',
  loginId: 'alice@example.test',
  clientType: 'Desktop',
  clientVersion: '8.0.1',
};

const happyConnection: Required<ConnectionScript> = {
  connect: (e) => ({ type: 'TRANSPORT.CONNECTED', attempt: e.attempt }),
  secure: (e) => ({ type: 'TLS.SECURED', attempt: e.attempt, version: e.version }),
  authenticate: (e) => ({ type: 'AUTH.OK', attempt: e.attempt }),
  keepalive: (e) => ({ type: 'KEEPALIVE.ACK', attempt: e.attempt, seq: e.seq }),
};

export interface ScriptedSession {
  readonly clock: VirtualClock;
  readonly system: RecordedSystem;
  /** Every effect request so far, with the system id of its emitter. */
  readonly effects: Array<{ from: string; effect: LoggedEvent; at: number }>;
  /** Root state as text, e.g. `cti`, `ready`, `ctiUnreachable`. */
  state(): string;
  /** State of a child connection, or undefined when it does not exist. */
  connectionState(name: ConnectionName): string | undefined;
  output(): StartupOutput | undefined;
  /** Send a user or network event through the recorded system. */
  send(target: string, event: LoggedEvent, source?: 'user' | 'network' | 'random' | 'system'): void;
  advance(ms: number): void;
  effectsOf(type: string, from?: string): Array<{ from: string; effect: LoggedEvent; at: number }>;
}

export function startScriptedSession(script: Script = {}, input: StartupInput = defaultInput): ScriptedSession {
  const clock = new VirtualClock();
  const system = createRecordedSystem({ machine: startupMachine, input, clock, systemId: 'startup' });
  const effects: ScriptedSession['effects'] = [];

  const answer = (effect: LoggedEvent, from: string): Answer<LoggedEvent> => {
    const e = effect as StartupEffect | ConnectionEffect;
    switch (e.type) {
      case 'effect.fetchBranding':
        return (script.branding ?? (() => ({ type: 'BRANDING.LOADED', branding: defaultBranding })))(e);
      case 'effect.fetchProfile':
        return (script.profile ?? (() => ({ type: 'PROFILE.LOADED', release: '22.0', profile: defaultProfile })))(e);
      case 'effect.requestLicense':
        return (script.license ?? (() => ({ type: 'LICENSE.LOADED', license: defaultLicense })))(e);
      case 'effect.close':
        return null;
      default: {
        const steps = { ...happyConnection, ...script.connections?.[from as ConnectionName] };
        if (e.type === 'effect.connect') return steps.connect(e);
        if (e.type === 'effect.secure') return steps.secure(e);
        if (e.type === 'effect.authenticate') return steps.authenticate(e);
        return steps.keepalive(e);
      }
    }
  };

  system.onEffect((effect, from) => {
    effects.push({ from, effect, at: clock.now() });
    const reply = answer(effect, from);
    // Answers from the portal go to the root; connection answers to the connection that asked.
    if (reply !== null) system.dispatch(from, reply, 'network');
  });
  system.start();

  return {
    clock,
    system,
    effects,
    state: () => stateString(system.actor.getSnapshot().value),
    connectionState(name) {
      const child = system.actor.system.get(name);
      return child === undefined ? undefined : stateString(child.getSnapshot().value);
    },
    output: () => system.actor.getSnapshot().output as StartupOutput | undefined,
    send: (target, event, source = 'user') => system.dispatch(target, event, source),
    advance: (ms) => clock.advance(ms),
    effectsOf: (type, from) => effects.filter((e) => e.effect.type === type && (from === undefined || e.from === from)),
  };
}

// Scripted drivers for the embedded start-up machine: every effect request is answered by a script
// instead of a network (a browser page has no TCP). Answers enter through the recorded system's
// dispatch, like a real driver's, after `delayMs` so a person can watch each step.
import type { ConnectionEffect, ConnectionEvent, LoggedEvent, RecordedSystem, StartupEffect, StartupEvent } from 'unity-connect/machines';

export interface ScriptOptions {
  /** Wall delay before each answer (0 in tests). */
  delayMs: number;
  /** Connections whose transport is refused (e.g. `cti` to watch start-up stop on ctiUnreachable). */
  refuse?: readonly string[];
}

export function answerFor(effect: LoggedEvent, from: string, options: ScriptOptions): StartupEvent | ConnectionEvent | null {
  const e = effect as StartupEffect | ConnectionEffect;
  switch (e.type) {
    case 'effect.fetchBranding':
      return {
        type: 'BRANDING.LOADED',
        branding: {
          level: 'Group',
          connectivity: { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { host: 'cti.example.test', port: 8011 } },
          imp: { host: 'im.example.test', port: 2208 },
          keepaliveSeconds: 300,
        },
      };
    case 'effect.fetchProfile':
      return {
        type: 'PROFILE.LOADED',
        release: '22.0',
        profile: { userId: e.userId, firstName: 'Alice', lastName: 'Smith', phoneNumber: '+15551230001', extension: '1001', groupId: 'Sales', serviceProviderId: 'Acme', isEnterprise: false, clientCallControl: true },
      };
    case 'effect.requestLicense':
      return { type: 'LICENSE.LOADED', license: { status: 'Licensed', features: { imp: true, xmpp: false, callCenter: false, reception: false } } };
    case 'effect.connect':
      if (options.refuse?.includes(from)) {
        return { type: 'TRANSPORT.FAILED', attempt: e.attempt, failure: { kind: 'refused', message: `connection refused by ${e.host}:${e.port}` } };
      }
      return { type: 'TRANSPORT.CONNECTED', attempt: e.attempt };
    case 'effect.secure':
      return { type: 'TLS.SECURED', attempt: e.attempt, version: e.version };
    case 'effect.authenticate':
      return { type: 'AUTH.OK', attempt: e.attempt };
    case 'effect.keepalive':
      return { type: 'KEEPALIVE.ACK', attempt: e.attempt, seq: e.seq };
    case 'effect.close':
      return null;
  }
}

/** Answers every effect of `system` (root and connection children) from the script. */
export function attachScriptedDrivers(system: RecordedSystem, options: ScriptOptions): () => void {
  return system.onEffect((effect, from) => {
    const reply = answerFor(effect, from, options);
    if (reply === null) return;
    // Answers are asynchronous, as a network's are: never inside the machine's own transition.
    setTimeout(() => system.dispatch(from, reply, 'network'), options.delayMs);
  });
}

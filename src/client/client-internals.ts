// The parts of a client below its public API (issue 11 item 3: UIs use snapshot$, events$,
// domain$ and send() only): the runtime, the drivers' typed handles, XSI and the recorded system.
// Tests and benchmarks of this repository read them; src/client/index.ts does not export this
// module, so no UI (src/cli-shell may import only the client's index) can reach them.
import type { RecordedSystem } from '../machines/log/recorded-system.ts';
import type { ContentConcealer } from './content-concealer.ts';
import type { SessionRuntime } from './session-runtime.ts';
import type { ClientLinks } from './session-drivers.ts';
import type { XsiRuntime } from './xsi-runtime.ts';

export interface ClientInternals {
  readonly runtime: SessionRuntime;
  /** Typed handles to the CTI, IM&P and XMPP drivers. */
  readonly links: ClientLinks;
  readonly xsi: XsiRuntime;
  readonly system: RecordedSystem;
  readonly concealer: ContentConcealer;
}

const internals = new WeakMap<object, ClientInternals>();

/** Called by createUnityClient for each client it makes. */
export function registerInternals(client: object, parts: ClientInternals): void {
  internals.set(client, parts);
}

/**
 * @example
 * const { links } = internalsOf(client); // a test reads the IM&P driver's outbox
 * links.imp?.pending();
 */
export function internalsOf(client: object): ClientInternals {
  const parts = internals.get(client);
  if (parts === undefined) throw new Error('not a client made by createUnityClient');
  return parts;
}

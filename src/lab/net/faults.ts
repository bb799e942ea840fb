// Faults a lab server can show on demand (issue 4, "Faults"), so tests and demos can exercise
// keepalive detection and the seed's 15 s reconnect (seed §1).

export type LabFault =
  /** Destroy every open connection now (one-shot). */
  | { type: 'drop-all' }
  /** Stop listening: new connects get ECONNREFUSED. `clear` listens again on the same ports. */
  | { type: 'refuse-new' }
  /** Accept but never read nor answer, on new and existing connections. */
  | { type: 'half-open' }
  /** Wait `ms` before each answer or push. */
  | { type: 'delay'; ms: number }
  /** Close TLS connections as soon as the ClientHello arrives, before any answer. */
  | { type: 'close-mid-tls' }
  /** Close a connection right after the server reads its first login document (protocol hook). */
  | { type: 'close-mid-login' }
  /** Remove every fault (and listen again after refuse-new). */
  | { type: 'clear' };

export type LabFaultType = LabFault['type'];

export const LAB_FAULT_TYPES: readonly LabFaultType[] = [
  'drop-all',
  'refuse-new',
  'half-open',
  'delay',
  'close-mid-tls',
  'close-mid-login',
  'clear',
];

export class LabFaultError extends Error {
  readonly code = 'LAB_BAD_FAULT';
}

/**
 * Reads a fault from an admin API body or a CLI word: `"drop-all"`, `"delay:500"`,
 * `{ "type": "delay", "ms": 500 }`. Anything else is a LabFaultError.
 */
export function parseLabFault(input: unknown): LabFault {
  if (typeof input === 'string') {
    const [type, arg] = input.split(':', 2);
    if (type === 'delay') return parseLabFault({ type, ms: Number(arg) });
    return parseLabFault({ type });
  }
  if (typeof input !== 'object' || input === null) throw new LabFaultError('fault must be a string or an object');
  const { type, ms } = input as { type?: unknown; ms?: unknown };
  if (typeof type !== 'string' || !(LAB_FAULT_TYPES as readonly string[]).includes(type)) {
    throw new LabFaultError(`unknown fault type; expected one of ${LAB_FAULT_TYPES.join(', ')}`);
  }
  if (type === 'delay') {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 3_600_000) {
      throw new LabFaultError('delay needs ms between 0 and 3600000');
    }
    return { type: 'delay', ms };
  }
  return { type } as LabFault;
}

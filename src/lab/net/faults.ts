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
  /**
   * The next `count` login answers (default 1) are replaced by a bad one (protocol hook): the answer
   * to a login document (OCI AuthenticationRequest or LoginRequest*), to the first request on a new
   * connection (CTI AddChannelRequest, KEMP REGISTER), or to the next request of the HTTPS servers
   * (portal, XSI).
   */
  | { type: 'answer'; answer: LabAnswerKind; count: number }
  /** Every IM&P token issued so far is expired from now on; the portal's next ones are valid. */
  | { type: 'expire-tokens' }
  /**
   * The server tells the sessions open now that another login took them over: CTI ends their
   * channels with DuplicateChannelSet, the IM&P server says BYE "replaced".
   */
  | { type: 'duplicate-login' }
  /** Remove every fault (and listen again after refuse-new). */
  | { type: 'clear' };

export type LabFaultType = LabFault['type'];

/** What a bad answer injected by the `answer` fault looks like. */
export type LabAnswerKind =
  /** The protocol's "try later" answer: CTI/KEMP/HTTP 503, an OCI ErrorResponse that is no credential refusal. */
  | 'server-error'
  /** A framed document that is not well-formed XML (or a KEMP body that does not decrypt). */
  | 'garbled'
  /** A document with a DOCTYPE declaration (refused by every strict reader). */
  | 'doctype'
  /** A document larger than any client's size limit (LAB_OVERSIZE_ANSWER_BYTES). */
  | 'oversize'
  /** A well-formed document of the wrong kind for the request. */
  | 'unexpected';

export const LAB_ANSWER_KINDS: readonly LabAnswerKind[] = ['server-error', 'garbled', 'doctype', 'oversize', 'unexpected'];

/** The size of an `oversize` answer: above the client's largest document limit (8 MiB, OCI). */
export const LAB_OVERSIZE_ANSWER_BYTES = 9 * 1024 * 1024;

export const LAB_FAULT_TYPES: readonly LabFaultType[] = [
  'drop-all',
  'refuse-new',
  'half-open',
  'delay',
  'close-mid-tls',
  'close-mid-login',
  'answer',
  'expire-tokens',
  'duplicate-login',
  'clear',
];

/**
 * @example
 * try { parseLabFault('nonsense'); } catch (e) { if (e instanceof LabFaultError) console.error(e.message); }
 */
export class LabFaultError extends Error {
  readonly code = 'LAB_BAD_FAULT';
}

/**
 * Reads a fault from an admin API body or a CLI word: `"drop-all"`, `"delay:500"`,
 * `"answer:server-error"`, `"answer:garbled:2"`, `{ "type": "delay", "ms": 500 }`,
 * `{ "type": "answer", "answer": "doctype", "count": 1 }`. Anything else is a LabFaultError.
 *
 * @example
 * parseLabFault('answer:garbled:2'); // { type: 'answer', answer: 'garbled', count: 2 }
 */
export function parseLabFault(input: unknown): LabFault {
  if (typeof input === 'string') {
    const [type, arg, more] = input.split(':', 3);
    if (type === 'delay') return parseLabFault({ type, ms: Number(arg) });
    if (type === 'answer') return parseLabFault({ type, answer: arg, ...(more !== undefined ? { count: Number(more) } : {}) });
    return parseLabFault({ type });
  }
  if (typeof input !== 'object' || input === null) throw new LabFaultError('fault must be a string or an object');
  const { type, ms, answer, count } = input as { type?: unknown; ms?: unknown; answer?: unknown; count?: unknown };
  if (typeof type !== 'string' || !(LAB_FAULT_TYPES as readonly string[]).includes(type)) {
    throw new LabFaultError(`unknown fault type; expected one of ${LAB_FAULT_TYPES.join(', ')}`);
  }
  if (type === 'delay') {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 3_600_000) {
      throw new LabFaultError('delay needs ms between 0 and 3600000');
    }
    return { type: 'delay', ms };
  }
  if (type === 'answer') {
    if (typeof answer !== 'string' || !(LAB_ANSWER_KINDS as readonly string[]).includes(answer)) {
      throw new LabFaultError(`answer needs one of ${LAB_ANSWER_KINDS.join(', ')}`);
    }
    const n = count ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1000) throw new LabFaultError('answer count must be an integer between 1 and 1000');
    return { type: 'answer', answer: answer as LabAnswerKind, count: n };
  }
  return { type } as LabFault;
}

// Model-based test of the connection lifecycle: random command sequences (user commands, driver
// answers, failures of every kind, stale answers, time passing) on a virtual clock; after every
// command no timer may be overdue, and at the end the trace invariants of invariants.ts must hold.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ConnectionHarness, plainEndpoint, tlsEndpoint } from './harness.ts';
import { checkConnectionInvariants, checkNoTimerOverdue } from './invariants.ts';
import { RECONNECT_DELAY_MS } from '../../../src/machines/connection/contract.ts';
import type {
  ConnectionEvent,
  TlsFailureCause,
  TransportFailureKind,
} from '../../../src/machines/connection/contract.ts';

type Model = Record<string, never>;
type Cmd = fc.Command<Model, ConnectionHarness>;

class Send implements Cmd {
  constructor(
    readonly label: string,
    readonly make: (h: ConnectionHarness) => ConnectionEvent,
  ) {}
  check = () => true;
  run(_m: Model, h: ConnectionHarness): void {
    h.send(this.make(h));
    checkNoTimerOverdue(h, RECONNECT_DELAY_MS);
  }
  toString = () => this.label;
}

/** Let time run to the next timer (keepalive, keepalive timeout or reconnect), if any. */
class AdvanceToNextTimer implements Cmd {
  check = () => true;
  run(_m: Model, h: ConnectionHarness): void {
    const due = h.clock.nextDueTime();
    if (due !== undefined) h.advance(due - h.now);
    checkNoTimerOverdue(h, RECONNECT_DELAY_MS);
  }
  toString = () => 'advanceToNextTimer';
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(_m: Model, h: ConnectionHarness): void {
    h.advance(this.ms);
    checkNoTimerOverdue(h, RECONNECT_DELAY_MS);
  }
  toString = () => `advance(${this.ms})`;
}

// A well-behaved driver's next answer to whatever the machine waits for; weighted so that runs
// often get online and stay there long enough for keepalives.
const progress = new Send('progress', (h): ConnectionEvent => {
  const attempt = attemptOf(h);
  switch (h.state) {
    case 'connecting':
      return { type: 'TRANSPORT.CONNECTED', attempt };
    case 'securing':
      return { type: 'TLS.SECURED', attempt, version: 'TLSv1.2' };
    case 'authenticating':
      return { type: 'AUTH.OK', attempt };
    case 'online.awaitingAck':
      return { type: 'KEEPALIVE.ACK', attempt, seq: h.latestKeepaliveSeq };
    case 'authFailed':
      return { type: 'CREDENTIALS.UPDATED' };
    default:
      return { type: 'CONNECT' };
  }
});

const transportKinds: TransportFailureKind[] = [
  'refused',
  'timeout',
  'unreachable',
  'reset',
  'peer-closed',
  'tls-required',
  'server-error',
  'garbled',
  'too-large',
  'doctype',
  'unexpected',
];
const tlsCauses: TlsFailureCause[] = ['version-refused', 'certificate-name-mismatch', 'certificate-untrusted', 'handshake-closed'];

const attemptOf = (h: ConnectionHarness) => h.latestAttempt;

function staleAnswer(type: string, attempt: number, seq: number): ConnectionEvent {
  const failure = { kind: 'reset' as const, message: 'stale' };
  switch (type) {
    case 'TRANSPORT.FAILED':
      return { type, attempt, failure };
    case 'TRANSPORT.DROPPED':
      return { type, attempt, failure };
    case 'TLS.SECURED':
      return { type, attempt, version: 'TLSv1.2' };
    case 'AUTH.FAILED':
      return { type, attempt, message: 'stale' };
    case 'KEEPALIVE.ACK':
      return { type, attempt, seq };
    case 'AUTH.OK':
      return { type, attempt };
    case 'REQUEST.UNANSWERED':
      return { type, attempt, what: 'stale', timeoutMs: 30_000 };
    default:
      return { type: 'TRANSPORT.CONNECTED', attempt };
  }
}

const commands = (keepaliveMs: number, keepaliveTimeoutMs: number) => [
  ...Array.from({ length: 12 }, () => fc.constant(progress)),
  ...Array.from({ length: 4 }, () => fc.constant(new AdvanceToNextTimer())),
  // Users poke: CONNECT in any state (it must not double up an attempt or bypass authFailed).
  ...Array.from({ length: 3 }, () => fc.constant(new Send('CONNECT', () => ({ type: 'CONNECT' })))),
  fc.constant(new Send('CLOSE', () => ({ type: 'CLOSE' }))),
  fc.constant(new Send('CREDENTIALS.UPDATED', () => ({ type: 'CREDENTIALS.UPDATED' }))),
  fc.constant(new Send('TRANSPORT.CONNECTED', (h) => ({ type: 'TRANSPORT.CONNECTED', attempt: attemptOf(h) }))),
  fc.constant(new Send('TRANSPORT.CONNECTED (no attempt)', () => ({ type: 'TRANSPORT.CONNECTED' }))),
  fc.constantFrom(...transportKinds).map(
    (kind) => new Send(`TRANSPORT.FAILED ${kind}`, (h) => ({ type: 'TRANSPORT.FAILED', attempt: attemptOf(h), failure: { kind, message: kind } })),
  ),
  fc.constant(new Send('TLS.SECURED', (h) => ({ type: 'TLS.SECURED', attempt: attemptOf(h), version: 'TLSv1.2' }))),
  fc.constantFrom(...tlsCauses).map(
    (cause) => new Send(`TLS.FAILED ${cause}`, (h) => ({ type: 'TLS.FAILED', attempt: attemptOf(h), failure: { cause, message: cause } })),
  ),
  fc.constant(new Send('AUTH.OK', (h) => ({ type: 'AUTH.OK', attempt: attemptOf(h) }))),
  fc.constant(new Send('AUTH.FAILED', (h) => ({ type: 'AUTH.FAILED', attempt: attemptOf(h), message: 'invalid password' }))),
  fc.constant(new Send('AUTH.FAILED', (h) => ({ type: 'AUTH.FAILED', attempt: attemptOf(h), message: 'invalid password' }))),
  fc.constant(
    new Send('KEEPALIVE.ACK', (h) => ({ type: 'KEEPALIVE.ACK', attempt: attemptOf(h), seq: h.latestKeepaliveSeq })),
  ),
  fc.constant(new Send('KEEPALIVE.ACK old seq', (h) => ({ type: 'KEEPALIVE.ACK', seq: h.latestKeepaliveSeq - 1 }))),
  fc.constantFrom(...transportKinds).map(
    (kind) => new Send(`TRANSPORT.DROPPED ${kind}`, (h) => ({ type: 'TRANSPORT.DROPPED', attempt: attemptOf(h), failure: { kind, message: kind } })),
  ),
  fc.constant(new Send('SESSION.ENDED', (h) => ({ type: 'SESSION.ENDED', attempt: attemptOf(h), reason: 'Open Client Server Forced Logout' }))),
  fc.constant(new Send('REQUEST.UNANSWERED', (h) => ({ type: 'REQUEST.UNANSWERED', attempt: attemptOf(h), what: 'DialRequest', timeoutMs: 30_000 }))),
  // Answers to an abandoned attempt must be ignored.
  ...Array.from({ length: 4 }, () =>
    fc
      .constantFrom('TRANSPORT.CONNECTED', 'TRANSPORT.FAILED', 'TLS.SECURED', 'AUTH.OK', 'AUTH.FAILED', 'TRANSPORT.DROPPED', 'KEEPALIVE.ACK', 'REQUEST.UNANSWERED')
      .map((type) => new Send(`stale ${type}`, (h) => staleAnswer(type, attemptOf(h) - 1, h.latestKeepaliveSeq))),
  ),
  fc
    .oneof(
      fc.constantFrom(keepaliveMs, keepaliveMs - 1, keepaliveTimeoutMs, keepaliveTimeoutMs - 1, RECONNECT_DELAY_MS, RECONNECT_DELAY_MS - 1, 0),
      fc.integer({ min: 1, max: 40_000 }),
    )
    .map((ms) => new Advance(ms)),
];

const scenario = fc
  .record({
    keepaliveMs: fc.integer({ min: 1_000, max: 20_000 }),
    keepaliveTimeoutMs: fc.integer({ min: 100, max: 5_000 }),
    tls: fc.boolean(),
    retryInitialFailure: fc.boolean(),
  })
  .chain((s) => fc.tuple(fc.constant(s), fc.commands(commands(s.keepaliveMs, s.keepaliveTimeoutMs), { maxCommands: 80, size: 'medium' })));

const statesReached = new Set<string>();
const effectsSeen = new Set<string>();

describe('connection machine, model-based', () => {
  test.prop([scenario], { numRuns: 200 })(
    'keeps its lifecycle invariants under any sequence of commands, answers and time',
    ([s, cmds]) => {
      const harness = new ConnectionHarness({
        name: 'oci',
        endpoint: s.tls ? tlsEndpoint : plainEndpoint,
        keepaliveMs: s.keepaliveMs,
        keepaliveTimeoutMs: s.keepaliveTimeoutMs,
        retryInitialFailure: s.retryInitialFailure,
      });
      fc.modelRun(() => ({ model: {}, real: harness }), cmds);
      // Safety invariants are statements about the whole trace: check them once it is complete.
      checkConnectionInvariants(harness, RECONNECT_DELAY_MS);
      for (const e of harness.trace) if (e.kind === 'state') statesReached.add(e.state);
      for (const e of harness.trace) if (e.kind === 'effect') effectsSeen.add(e.effect.type);
    },
  );

  // The random runs must actually exercise the whole lifecycle, or the invariants prove little.
  it('covers every state and effect across the random runs', () => {
    expect([...statesReached].sort()).toEqual(
      ['authFailed', 'authenticating', 'closed', 'connecting', 'failed', 'online.awaitingAck', 'online.quiet', 'reconnecting', 'securing'],
    );
    expect([...effectsSeen].sort()).toEqual([
      'effect.authenticate',
      'effect.close',
      'effect.connect',
      'effect.keepalive',
      'effect.secure',
    ]);
  });
});

// Drives one connection machine on a virtual clock and records a trace of everything observable:
// commands sent, effects emitted (with the command or timer that caused them) and state changes.
import { createActor, type Actor } from 'xstate';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import type { ConnectionEffect, ConnectionEvent, ConnectionInput } from '../../../src/machines/connection/contract.ts';

export type Cause = ConnectionEvent['type'] | 'timer';

export type TraceEntry =
  | { at: number; kind: 'command'; event: ConnectionEvent; stateBefore: string; stateAfter: string }
  | { at: number; kind: 'effect'; effect: ConnectionEffect; cause: Cause; stateBefore: string }
  | { at: number; kind: 'state'; state: string; cause: Cause };

export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, sub] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', ''];
  return `${key}.${stateName(sub)}`;
}

export class ConnectionHarness {
  readonly clock = new VirtualClock();
  readonly trace: TraceEntry[] = [];
  readonly actor: Actor<typeof connectionMachine>;
  #cause: Cause = 'timer';
  #state = 'idle';

  constructor(readonly input: ConnectionInput) {
    this.actor = createActor(connectionMachine, { clock: this.clock, input });
    this.actor.on('*', (effect) => {
      this.trace.push({ at: this.clock.now(), kind: 'effect', effect, cause: this.#cause, stateBefore: this.#state });
    });
    this.actor.subscribe((snapshot) => {
      const state = stateName(snapshot.value);
      if (state === this.#state) return;
      this.#state = state;
      this.trace.push({ at: this.clock.now(), kind: 'state', state, cause: this.#cause });
    });
    this.actor.start();
  }

  get state(): string {
    return this.#state;
  }

  get now(): number {
    return this.clock.now();
  }

  send(event: ConnectionEvent): void {
    const entry: TraceEntry = { at: this.clock.now(), kind: 'command', event, stateBefore: this.#state, stateAfter: '' };
    this.trace.push(entry);
    this.#cause = event.type;
    try {
      this.actor.send(event);
    } finally {
      this.#cause = 'timer';
      entry.stateAfter = this.#state;
    }
  }

  advance(ms: number): void {
    this.#cause = 'timer';
    this.clock.advance(ms);
  }

  effects<T extends ConnectionEffect['type']>(type: T): Array<Extract<ConnectionEffect, { type: T }>> {
    return this.trace.flatMap((e) =>
      e.kind === 'effect' && e.effect.type === type ? [e.effect as Extract<ConnectionEffect, { type: T }>] : [],
    );
  }

  /** Attempt number of the latest effect.connect (0 before the first). */
  get latestAttempt(): number {
    return this.effects('effect.connect').at(-1)?.attempt ?? 0;
  }

  /** Sequence number of the latest keepalive of the latest attempt (0 when none). */
  get latestKeepaliveSeq(): number {
    const last = this.effects('effect.keepalive').at(-1);
    return last !== undefined && last.attempt === this.latestAttempt ? last.seq : 0;
  }

  /** Walk the machine to online with plain answers. */
  bringOnline(): void {
    this.send({ type: 'CONNECT' });
    this.send({ type: 'TRANSPORT.CONNECTED', attempt: this.latestAttempt });
    if (this.input.endpoint.tls !== null) {
      this.send({ type: 'TLS.SECURED', attempt: this.latestAttempt, version: this.input.endpoint.tls.version });
    }
    this.send({ type: 'AUTH.OK', attempt: this.latestAttempt });
  }
}

export const plainEndpoint = { host: 'oci.example.test', port: 2208, tls: null };
export const tlsEndpoint = {
  host: 'oci.example.test',
  port: 2209,
  tls: { servername: 'cert.example.test', version: 'TLSv1.2' as const },
};

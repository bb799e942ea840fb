// The part a recorded run and its replay share: one root actor on a given clock, with every
// actor's emitted effect requests observed (root and spawned children, found through inspection),
// and the event a timer delivered captured (through inspection as well).
import { Actor, createActor, type AnyActor, type AnyActorRef, type AnyStateMachine, type InspectionEvent } from 'xstate';
import type { Clock } from '../clock/clock.ts';
import type { LoggedEffect, LoggedEvent } from './log-entry.ts';
import { systemStates } from './system-snapshot.ts';

export interface CoreOptions {
  machine: AnyStateMachine;
  input: unknown;
  clock: Clock;
  systemId: string;
}

export function systemIdOf(actorRef: AnyActor): string {
  return actorRef.systemId ?? actorRef.id;
}

function isActor(ref: unknown): ref is AnyActor {
  return ref instanceof Actor;
}

export class ActorSystemCore {
  readonly actor: AnyActor;
  readonly systemId: string;
  readonly #actors: AnyActor[] = []; // every actor ever created in this system, in creation order
  #effectListeners = new Set<(effect: LoggedEvent, from: string) => void>();
  #capturedEffects: LoggedEffect[] | null = null;
  #relayed: { target: string; event: LoggedEvent } | null = null;
  #capturingRelay = false;

  constructor(options: CoreOptions) {
    this.systemId = options.systemId;
    const watched = new WeakSet<AnyActor>();
    const watch = (actorRef: AnyActor) => {
      if (watched.has(actorRef)) return;
      watched.add(actorRef);
      this.#actors.push(actorRef);
      actorRef.on('*', (effect: LoggedEvent) => this.#onEffect(effect, systemIdOf(actorRef)));
    };
    this.actor = createActor(options.machine, {
      input: options.input,
      clock: options.clock,
      systemId: options.systemId,
      inspect: (event: InspectionEvent) => {
        // Every actor (the root, then each spawned child): listen to its effects before it starts.
        if (event.type === '@xstate.actor' && isActor(event.actorRef)) watch(event.actorRef);
        // The first event relayed while a timer fires is the event that timer delivered.
        if (event.type === '@xstate.event' && isActor(event.actorRef) && this.#capturingRelay && this.#relayed === null) {
          this.#relayed = { target: systemIdOf(event.actorRef), event: event.event as LoggedEvent };
        }
      },
    });
    watch(this.actor); // no-op when inspection already saw it
  }

  onEffect(listener: (effect: LoggedEvent, from: string) => void): () => void {
    this.#effectListeners.add(listener);
    return () => this.#effectListeners.delete(listener);
  }

  /** Run `work`, returning the effects emitted meanwhile. */
  capturingEffects(work: () => void): LoggedEffect[] {
    const outer = this.#capturedEffects;
    const captured: LoggedEffect[] = [];
    this.#capturedEffects = captured;
    try {
      work();
    } finally {
      this.#capturedEffects = outer;
    }
    return captured;
  }

  /** Run a timer's callback, returning the event it delivered and to whom (if anything). */
  capturingTimerEvent(fire: () => void): { target: string; event: LoggedEvent } | null {
    this.#capturingRelay = true;
    this.#relayed = null;
    try {
      fire();
      return this.#relayed;
    } finally {
      this.#capturingRelay = false;
    }
  }

  /** Send an event to the actor registered under `target`; false when there is none (stopped). */
  deliver(target: string, event: LoggedEvent): boolean {
    const ref = this.actor.system.get(target) as AnyActorRef | undefined;
    if (ref === undefined) return false;
    ref.send(event);
    return true;
  }

  /**
   * States and digest of every actor that has a system id, including stopped and done ones (the
   * system forgets those, but the log must show how things ended). Actors without a system id are
   * left out: their generated ids differ between a run and its replay.
   */
  states(): { states: Record<string, string>; digest: string } {
    const byId: Record<string, AnyActor> = {};
    for (const actorRef of this.#actors) if (actorRef.systemId !== undefined) byId[actorRef.systemId] = actorRef;
    return systemStates(byId);
  }

  #onEffect(effect: LoggedEvent, from: string): void {
    this.#capturedEffects?.push({ from, effect });
    for (const listener of this.#effectListeners) listener(effect, from);
  }
}

// One line of the event log (DESIGN.md "Events are the source of truth"): every external event the
// actor system processed, in processing order, with the resulting states and a digest of every
// snapshot so a replay can prove it reproduced them.
export const LOG_VERSION = 1;

/** Where an event came from. Timer fires are events too, so a replay can put them in the same order. */
export type EventSource = 'user' | 'network' | 'timer' | 'random' | 'system';

export const EVENT_SOURCES: readonly EventSource[] = ['user', 'network', 'timer', 'random', 'system'];

/** A JSON-safe event object (machines' events carry only JSON data). */
export interface LoggedEvent {
  type: string;
  [key: string]: unknown;
}

/** An effect request emitted while the event was processed, with the system id of its emitter. */
export interface LoggedEffect {
  from: string;
  effect: LoggedEvent;
}

export interface LogEntry {
  v: typeof LOG_VERSION;
  /** 0 for the start of the system, then 1, 2, … in processing order. */
  seq: number;
  /** Clock time when the event was processed (virtual or wall milliseconds). */
  t: number;
  source: EventSource;
  /** System id of the actor the event was sent to. */
  target: string;
  event: LoggedEvent;
  /** For source 'timer': the recording clock's id of the timer that fired. */
  timer?: number;
  /** System id → state value (as text) of every actor after processing. */
  states: Record<string, string>;
  /** Hash of every actor's state value and context after processing. */
  digest: string;
  /** Effect requests emitted while processing (informational; replay does not compare them). */
  effects?: LoggedEffect[];
}

/** The event of entry 0: the system started with this input. */
export const START_EVENT_TYPE = 'system.start';

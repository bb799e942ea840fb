// A recorded actor system: owns the root actor, is THE way external events enter (dispatch), and
// appends one log entry per processed external event (including timer fires; see
// recording-clock.ts). Events are processed strictly one at a time, in the order they arrive: an
// event dispatched while another is being processed (e.g. by a driver answering an effect
// synchronously) waits its turn, so the log order is the processing order.
import type { AnyStateMachine, InputFrom } from 'xstate';
import type { TimeSource, TimerId } from '../clock/clock.ts';
import { ActorSystemCore } from './actor-system-core.ts';
import { LOG_VERSION, START_EVENT_TYPE, type EventSource, type LogEntry, type LoggedEvent } from './log-entry.ts';
import { RecordingClock } from './recording-clock.ts';

export interface RecordedSystemOptions<TMachine extends AnyStateMachine> {
  machine: TMachine;
  input: InputFrom<TMachine>;
  /** The scheduler timers run on: a VirtualClock in tests and simulations, wall time live. */
  clock: TimeSource;
  /** System id of the root actor; default the machine's id. */
  systemId?: string;
  /**
   * Bounded memory (issue 11 item 5): keep entry 0 (the start, with the input) and about the last
   * `retainEntries` entries in `entries`; older ones are dropped in chunks (a sink attached from the
   * start, e.g. the log file, has them all). Default: keep every entry.
   */
  retainEntries?: number;
}

export interface RecordedSystem {
  /** The root actor (read snapshots from it; send events through dispatch only). */
  readonly actor: ActorSystemCore['actor'];
  readonly rootId: string;
  /** The log so far: every entry, or with `retainEntries` entry 0 and the newest ones (seq tells which). */
  readonly entries: readonly LogEntry[];
  /** How many entries were dropped from `entries` by the retention (0 without one). */
  readonly dropped: number;
  /** Start the root actor (after subscribing), logging entry 0. */
  start(): void;
  /** THE way an external event enters: queued, processed in arrival order, logged. */
  dispatch(target: string, event: LoggedEvent, source: Exclude<EventSource, 'timer'>): void;
  /** Effect requests of the root and of every spawned child, with the emitter's system id. */
  onEffect(listener: (effect: LoggedEvent, from: string) => void): () => void;
  onEntry(listener: (entry: LogEntry) => void): () => void;
  stop(): void;
}

type Work =
  | { kind: 'event'; target: string; event: LoggedEvent; source: Exclude<EventSource, 'timer'> }
  | { kind: 'timer'; id: TimerId; deliver: () => boolean };

/**
 * @example
 * const system = createRecordedSystem({ machine: startupMachine, input, clock: new VirtualClock(0) });
 * system.onEntry((entry) => console.log(entry.seq, entry.event.type));
 * system.start();
 */
export function createRecordedSystem<TMachine extends AnyStateMachine>(
  options: RecordedSystemOptions<TMachine>,
): RecordedSystem {
  const clock = new RecordingClock(options.clock);
  const rootId = options.systemId ?? options.machine.id;
  const core = new ActorSystemCore({ machine: options.machine, input: options.input, clock, systemId: rootId });
  const entries: LogEntry[] = [];
  const retain = options.retainEntries;
  // Trimmed a quarter at a time, so the cost per entry stays constant.
  const slack = retain === undefined ? 0 : Math.max(1, Math.ceil(retain / 4));
  let nextSeq = 0;
  let dropped = 0;
  const entryListeners = new Set<(entry: LogEntry) => void>();
  const queue: Work[] = [];
  let draining = false;
  let started = false;

  const append = (partial: Omit<LogEntry, 'v' | 'seq' | 't' | 'states' | 'digest'>) => {
    const entry: LogEntry = { v: LOG_VERSION, seq: nextSeq++, t: clock.now(), ...partial, ...core.states() };
    entries.push(entry);
    if (retain !== undefined && entries.length > 1 + retain + slack) {
      const excess = entries.length - 1 - retain;
      entries.splice(1, excess);
      dropped += excess;
    }
    for (const listener of entryListeners) listener(entry);
  };

  const process = (work: Work) => {
    if (work.kind === 'event') {
      const effects = core.capturingEffects(() => void core.deliver(work.target, work.event));
      append({ source: work.source, target: work.target, event: work.event, ...(effects.length ? { effects } : {}) });
      return;
    }
    let delivered = false;
    let relayed: ReturnType<ActorSystemCore['capturingTimerEvent']> = null;
    const effects = core.capturingEffects(() => {
      relayed = core.capturingTimerEvent(() => {
        delivered = work.deliver();
      });
    });
    if (!delivered) return; // cleared before its turn: not an event
    const { target, event } = relayed ?? { target: rootId, event: { type: 'timer.undelivered' } };
    append({ source: 'timer', target, event, timer: work.id, ...(effects.length ? { effects } : {}) });
  };

  const drain = () => {
    if (draining) return;
    draining = true;
    try {
      for (let work = queue.shift(); work !== undefined; work = queue.shift()) process(work);
    } finally {
      draining = false;
    }
  };

  clock.setFireHandler((id, deliver) => {
    queue.push({ kind: 'timer', id, deliver });
    drain();
  });

  return {
    actor: core.actor,
    rootId,
    entries,
    get dropped() {
      return dropped;
    },
    start() {
      if (started) return;
      started = true;
      draining = true; // events dispatched by effect listeners during start wait for entry 0
      try {
        const effects = core.capturingEffects(() => void core.actor.start());
        append({
          source: 'system',
          target: rootId,
          event: { type: START_EVENT_TYPE, input: options.input as unknown },
          ...(effects.length ? { effects } : {}),
        });
      } finally {
        draining = false;
      }
      drain();
    },
    dispatch(target, event, source) {
      if (!started) throw new Error('dispatch before start(): start the recorded system first');
      queue.push({ kind: 'event', target, event, source });
      drain();
    },
    onEffect: (listener) => core.onEffect(listener),
    onEntry(listener) {
      entryListeners.add(listener);
      return () => entryListeners.delete(listener);
    },
    stop() {
      core.actor.stop();
    },
  };
}

// replay(log): runs the same machines over a recorded log on a replay clock, with no network and no
// drivers, feeding the logged events in order, and reports the first entry whose resulting states
// or snapshot digest differ from the log (DESIGN.md "Replay").
import type { AnyActor, AnyStateMachine } from 'xstate';
import { ActorSystemCore } from '../log/actor-system-core.ts';
import { canonicalJson } from '../log/digest.ts';
import { START_EVENT_TYPE, type LogEntry } from '../log/log-entry.ts';
import { ReplayClock } from './replay-clock.ts';

export interface ReplayOptions {
  machine: AnyStateMachine;
  /** The root's input; default the input logged in entry 0. */
  input?: unknown;
  /**
   * Called after each entry that replayed as logged (entry 0 included), with the root actor in the
   * state the entry records: a reader takes what it shows from the replayed system (a UI's snapshot).
   */
  onEntry?: (entry: LogEntry, root: AnyActor) => void;
}

export type ReplayResult =
  /** `output`: the root's output when the replay ends in a final state (the start-up's stop), else undefined. */
  | { ok: true; entries: number; output: unknown }
  | {
      ok: false;
      seq: number;
      expected: { states: Record<string, string>; digest: string; event?: unknown };
      actual: { states: Record<string, string>; digest: string; event?: unknown };
      message: string;
    };

/**
 * @example
 * const result = replay(decodeLog(text), { machine: startupMachine });
 * if (!result.ok) console.error(`diverges at seq ${result.seq}: ${result.message}`);
 */
export function replay(log: readonly LogEntry[], options: ReplayOptions): ReplayResult {
  const first = log[0];
  if (first === undefined || first.seq !== 0 || first.event.type !== START_EVENT_TYPE) {
    return divergence(first?.seq ?? 0, first, null, 'the log does not begin with the system start entry (seq 0)');
  }
  const clock = new ReplayClock();
  clock.setNow(first.t);
  const input = options.input !== undefined ? options.input : first.event['input'];
  const core = new ActorSystemCore({ machine: options.machine, input, clock, systemId: first.target });
  core.actor.start();
  const startMismatch = compare(first, core.states());
  if (startMismatch) return divergence(0, first, core.states(), startMismatch);
  options.onEntry?.(first, core.actor);

  for (let index = 1; index < log.length; index++) {
    const entry = log[index]!;
    if (entry.seq !== index) {
      return divergence(entry.seq, entry, null, `entry ${index} has seq ${entry.seq}: the log has a gap or is reordered`);
    }
    clock.setNow(entry.t);
    if (entry.source === 'timer') {
      if (entry.timer === undefined || !clock.isPending(entry.timer)) {
        return divergence(entry.seq, entry, core.states(), `timer ${String(entry.timer)} is not pending in the replay`);
      }
      const timerId = entry.timer;
      const relayed = core.capturingTimerEvent(() => void clock.fire(timerId));
      if (relayed !== null && (relayed.target !== entry.target || canonicalJson(relayed.event) !== canonicalJson(entry.event))) {
        const actual = { ...core.states(), event: relayed };
        return {
          ok: false,
          seq: entry.seq,
          expected: { states: entry.states, digest: entry.digest, event: { target: entry.target, event: entry.event } },
          actual,
          message: `timer ${timerId} delivered ${relayed.event.type} to ${relayed.target}, the log says ${entry.event.type} to ${entry.target}`,
        };
      }
    } else {
      core.deliver(entry.target, entry.event);
    }
    const actual = core.states();
    const mismatch = compare(entry, actual);
    if (mismatch) return divergence(entry.seq, entry, actual, mismatch);
    options.onEntry?.(entry, core.actor);
  }
  const end = core.actor.getSnapshot() as { status: string; output?: unknown };
  core.actor.stop();
  return { ok: true, entries: log.length, output: end.status === 'done' ? end.output : undefined };
}

function compare(entry: LogEntry, actual: { states: Record<string, string>; digest: string }): string | null {
  if (canonicalJson(entry.states) !== canonicalJson(actual.states)) {
    const ids = [...new Set([...Object.keys(entry.states), ...Object.keys(actual.states)])].sort();
    const diffs = ids
      .filter((id) => entry.states[id] !== actual.states[id])
      .map((id) => `${id}: expected ${entry.states[id] ?? '(none)'}, got ${actual.states[id] ?? '(none)'}`);
    return `after ${entry.event.type} (seq ${entry.seq}) the states differ: ${diffs.join('; ')}`;
  }
  if (entry.digest !== actual.digest) {
    return `after ${entry.event.type} (seq ${entry.seq}) the states match but the snapshots differ (digest ${actual.digest}, log ${entry.digest})`;
  }
  return null;
}

function divergence(
  seq: number,
  entry: LogEntry | undefined,
  actual: { states: Record<string, string>; digest: string } | null,
  message: string,
): ReplayResult {
  return {
    ok: false,
    seq,
    expected: { states: entry?.states ?? {}, digest: entry?.digest ?? '' },
    actual: actual ?? { states: {}, digest: '' },
    message,
  };
}

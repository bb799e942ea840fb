// Where and why a recorded start-up stopped, for the inspector of a replay: the entry at which the
// start-up machine reached a final state other than `closed` and ready, and the stop it output (the
// reason a person acts on: which firewall rule or portal setting to change). The log records state
// names, not the reason text, so the reason comes from replaying the log through the machines.
import { replay, startupMachine, type LogEntry, type StartupStop } from '../../client/index.ts';

export interface StopView {
  /** The entry at which the start-up stopped. */
  seq: number;
  code: string;
  /** What happened and what to change; null when the replay could not reproduce it. */
  reason: string | null;
  connection?: string;
}

/** The seq of the first entry whose start-up state is a final state other than `closed` (or -1). */
export function stopSeq(entries: readonly LogEntry[]): number {
  const at = entries.find((e) => /^done:(?!closed$)/.test(e.states['startup'] ?? ''));
  return at?.seq ?? -1;
}

/**
 * @example
 * const stop = stopOfLog(decodeLog(text)); // { seq: 5, code: 'ctiUnreachable', reason: 'the BroadWorks CTI server at …', connection: 'cti' }
 */
export function stopOfLog(entries: readonly LogEntry[]): StopView | null {
  const seq = stopSeq(entries);
  if (seq < 0) return null;
  const code = (entries[seq]?.states['startup'] ?? '').slice('done:'.length);
  const result = replay(entries, { machine: startupMachine });
  const output = result.ok ? (result.output as StartupStop | undefined) : undefined;
  if (output === undefined || output.code !== code) return { seq, code, reason: null };
  return { seq, code, reason: output.reason, ...(output.connection !== undefined ? { connection: output.connection } : {}) };
}

// Everything the live terminal UI shows, as lines: the start-up task list (seed §1.1), the
// outcome, then once past start-up a status panel per connection, the keys and the last note.
// Pure: the same log, snapshot and time give the same lines.
import type { LogEntry, ClientSnapshot } from '../../client/index.ts';
import { connectionRowsFromSession } from './connection-rows.ts';
import { renderPanel } from './render-panel.ts';
import { renderTasks } from './render-tasks.ts';
import { tasksFromSession } from './startup-tasks.ts';
import type { Style } from './style.ts';
import { fit, wrap } from './text-layout.ts';

export interface ScreenState {
  snapshot: ClientSnapshot | null;
  entries: readonly LogEntry[];
  /** Footer: `d drop CTI (lab)`…; empty for none. */
  keys: readonly { key: string; label: string }[];
  /** The last key action's answer. */
  note: string | null;
  reconnectDelayMs?: number;
}

function outcomeLine(snapshot: ClientSnapshot | null): string {
  if (snapshot === null || snapshot.outcome === 'starting') return 'Starting (seed §1.1)…';
  if (snapshot.outcome === 'ready') return `Ready: BroadWorks ${snapshot.release ?? '?'}, call control over ${snapshot.callControl ?? '?'}`;
  return `Stopped (${snapshot.stop?.code ?? snapshot.step})`;
}

export function terminalScreen(state: ScreenState, { now, width, style }: { now: number; width: number; style: Style }): string[] {
  const lines = [style.bold(fit(outcomeLine(state.snapshot), width))];
  lines.push(...renderTasks(tasksFromSession(state.entries, state.snapshot), { now, width, style }));
  const snapshot = state.snapshot;
  if (snapshot !== null && snapshot.outcome !== 'starting') {
    const rows = connectionRowsFromSession(snapshot, state.entries, state.reconnectDelayMs);
    if (rows.length > 0) {
      lines.push('', style.bold('Connections'));
      lines.push(...renderPanel(rows, { now, width, style }));
    }
  }
  if (snapshot?.outcome === 'ready' || (snapshot === null && state.keys.length > 0)) {
    const keys = [...state.keys.map((k) => `${k.key} ${k.label}`), 'Ctrl-C quit'].join(' · ');
    lines.push('', style.dim(fit(keys, width)));
  }
  if (state.note !== null) lines.push(...wrap(state.note, width).map((line) => fit(line, width)));
  return lines;
}

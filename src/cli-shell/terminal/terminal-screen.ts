// Everything the live terminal UI shows, as lines: the start-up task list (seed §1.1), the
// outcome, once ready the session's activity (calls, lamps, messages, voicemail, agent state),
// then once past start-up a status panel per connection, the keys and the last note.
// Pure: the same log, snapshot and time give the same lines.
import type { LogEntry, ClientSnapshot } from '../../client/index.ts';
import { stopTitle } from '../stop-titles.ts';
import { connectionRowsFromSession } from './connection-rows.ts';
import { renderActivity } from './render-activity.ts';
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
  /** After a stop the command waits for q or Ctrl-C (the screen then says so). */
  waitsAfterStop?: boolean;
}

/** The keys that quit, in every footer. */
export const QUIT_KEYS = 'q or Ctrl-C';

function outcomeLine(snapshot: ClientSnapshot | null): string {
  if (snapshot === null || snapshot.outcome === 'starting') return 'Starting…';
  if (snapshot.outcome === 'ready') return `Ready: BroadWorks ${snapshot.release ?? '?'}, call control over ${snapshot.callControl ?? '?'}`;
  return snapshot.stop ? `Stopped: ${stopTitle(snapshot.stop.code)}` : `Stopped (${snapshot.step})`;
}

/** Items joined by ` · `, as many to a line as fit (an item is never split between lines). */
function packed(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    if (last !== undefined && [...last].length + 3 + [...item].length <= width) lines[lines.length - 1] = `${last} · ${item}`;
    else lines.push(fit(item, width));
  }
  return lines;
}

export function terminalScreen(state: ScreenState, { now, width, style }: { now: number; width: number; style: Style }): string[] {
  const lines = [style.bold(fit(outcomeLine(state.snapshot), width))];
  lines.push(...renderTasks(tasksFromSession(state.entries, state.snapshot), { now, width, style }));
  const snapshot = state.snapshot;
  // Activity above the connections: a screen too short for the whole block keeps its last lines,
  // and the connections are what this client is for.
  if (snapshot?.outcome === 'ready') lines.push('', ...renderActivity(snapshot.domain, { width, style }));
  if (snapshot !== null && snapshot.outcome !== 'starting') {
    const rows = connectionRowsFromSession(snapshot, state.entries, state.reconnectDelayMs);
    if (rows.length > 0) {
      lines.push('', style.bold('Connections'));
      lines.push(...renderPanel(rows, { now, width, style }));
    }
  }
  if (snapshot?.outcome === 'ready' || (snapshot === null && state.keys.length > 0)) {
    const keys = [...state.keys.map((k) => `${k.key} ${k.label}`), `${QUIT_KEYS} quit`];
    lines.push('', ...packed(keys, width).map((line) => style.dim(line)));
  }
  if (snapshot?.outcome === 'stopped' && snapshot.stop?.code !== 'closed' && state.waitsAfterStop === true) {
    lines.push('', ...wrap(`Start-up stopped; what to change is above. ${QUIT_KEYS} leaves.`, width).map((line) => style.bold(line)));
  }
  if (state.note !== null) lines.push(...wrap(state.note, width).map((line) => fit(line, width)));
  return lines;
}

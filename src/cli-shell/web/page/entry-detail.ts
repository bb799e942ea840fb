// The entry at the timeline position in full: the event as logged, the effects it asked for, and
// every actor's state afterwards (the log never holds secrets: passwords never enter events).
import type { LogEntry } from '../../../client/index.ts';
import { el } from './dom.ts';

export function showDetail(box: HTMLElement, entry: LogEntry): void {
  const effects = (entry.effects ?? []).map((e) => `${e.from}: ${JSON.stringify(e.effect)}`).join('\n');
  const states = Object.entries(entry.states).map(([id, state]) => `${id}: ${state}`).join('\n');
  box.replaceChildren(
    el('h4', {}, `#${entry.seq} ${entry.source} → ${entry.target}`),
    JSON.stringify(entry.event, null, 1),
    el('h4', {}, 'effects requested'),
    effects === '' ? '—' : effects,
    el('h4', {}, 'states after'),
    states,
  );
}

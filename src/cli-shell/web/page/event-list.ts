// The list of logged events with a text filter; the row at the timeline position is selected and
// later rows are dimmed. Clicking a row moves the timeline there.
import type { LogEntry } from '../../../client/index.ts';
import { el } from './dom.ts';

export interface EventList {
  add(entry: LogEntry): void;
  setFilter(text: string): void;
  select(seq: number): void;
  /** Marks the row at which start-up stopped (-1: none). */
  markStop(seq: number): void;
}

export function eventList(body: HTMLElement, onPick: (seq: number) => void): EventList {
  const rows: Array<{ row: HTMLTableRowElement; text: string; seq: number }> = [];
  let filter = '';
  let selected = -1;
  const apply = (r: (typeof rows)[number]): void => {
    r.row.hidden = filter !== '' && !r.text.includes(filter);
    r.row.classList.toggle('selected', r.seq === selected);
    r.row.classList.toggle('future', r.seq > selected);
  };
  return {
    add(entry) {
      const row = el(
        'tr',
        { 'data-seq': String(entry.seq), 'data-testid': 'event-row' },
        el('td', { class: 'seq' }, String(entry.seq)),
        el('td', { class: 'type' }, entry.event.type),
        el('td', { class: 'src' }, `${entry.source} → ${entry.target}`),
      );
      row.title = JSON.stringify(entry.event);
      row.addEventListener('click', () => onPick(entry.seq));
      const r = { row, seq: entry.seq, text: `${entry.event.type} ${entry.source} ${entry.target} ${JSON.stringify(entry.event)}`.toLowerCase() };
      rows.push(r);
      apply(r);
      body.append(row);
    },
    setFilter(text) {
      filter = text.trim().toLowerCase();
      for (const r of rows) apply(r);
    },
    markStop(seq) {
      for (const r of rows) r.row.classList.toggle('stop-row', r.seq === seq);
    },
    select(seq) {
      selected = seq;
      for (const r of rows) apply(r);
      rows[seq]?.row.scrollIntoView({ block: 'nearest' });
    },
  };
}

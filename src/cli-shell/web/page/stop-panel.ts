// Beside the chart, when start-up stopped: what stopped it and what to change (the stop's reason,
// the firewall rule or portal setting), where in the log it happened, and a button to go there.
import { stopTitle } from '../../stop-titles.ts';
import { CONNECTION_LABELS } from './connection-words.ts';
import { el } from './dom.ts';

const CONNECTION: Readonly<Record<string, string>> = CONNECTION_LABELS;

export interface StopInfo {
  seq: number;
  code: string;
  reason: string | null;
  connection?: string;
}

export interface StopPanel {
  show(stop: StopInfo | null, position: number): void;
}

export function stopPanel(root: HTMLElement, go: (seq: number) => void): StopPanel {
  let shown = '';
  let button: HTMLButtonElement | null = null;
  return {
    show(stop, position) {
      root.hidden = stop === null;
      if (stop === null) return;
      const key = JSON.stringify(stop);
      if (key !== shown) {
        shown = key;
        button = el('button', { class: 'act', 'data-testid': 'go-to-stop' }, `go to entry #${stop.seq}`);
        button.addEventListener('click', () => go(stop.seq));
        root.replaceChildren(
          el('h2', {}, `Start-up stopped: ${stopTitle(stop.code)}`),
          el('p', { class: 'where' }, `${stop.code} · at entry #${stop.seq}${stop.connection ? ` · the ${CONNECTION[stop.connection] ?? stop.connection} connection` : ''}`),
          el('h3', {}, 'Why, and what to change'),
          el(
            'p',
            { 'data-testid': 'stop-reason' },
            stop.reason !== null ? capitalised(stop.reason) : 'Replaying this log did not reproduce the stop, so its reason is not known here; the states it recorded are shown.',
          ),
          button,
        );
      }
      if (button) button.hidden = position === stop.seq;
    },
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The dashboard's connections card: the start-up in one line, then a row per connection of the
// session with its server (host:port), TLS version or plain, state in words and last drop, at the
// timeline position. The words come from connection-words.ts; this only draws them, again each
// second (`tick`) so a countdown counts down.
import type { SessionStatus } from '../../../client/index.ts';
import { card, fill } from './cards.ts';
import { connectionRows, statusAt } from './connection-words.ts';
import { el } from './dom.ts';
import { startupInWords } from './startup-words.ts';

export interface ConnectionsCard {
  element: HTMLElement;
  /** Draws the status after entry `seq`, its times at `now`. */
  render(statuses: readonly SessionStatus[], seq: number, now: number): void;
}

/**
 * The card, empty until rendered.
 *
 * @example
 * const connections = connectionsCard();
 * root.append(connections.element);
 * connections.render(statuses, entry.seq, Date.now());
 */
export function connectionsCard(): ConnectionsCard {
  const element = card('Connections', 'connections');
  element.classList.add('wide');
  return {
    element,
    render(statuses, seq, now) {
      const status = statusAt(statuses, seq);
      const startup = el('p', { class: 'startup', 'data-testid': 'startup-state' }, el('span', { class: 'muted' }, 'Start-up: '), startupInWords(status));
      const rows = connectionRows(statuses, seq, now);
      if (rows.length === 0) return fill(element, startup, el('p', {}, 'No connection is open yet.'));
      const head = el('tr', {}, ...['Connection', 'Server', 'Security', 'State', 'Last drop'].map((h) => el('th', { scope: 'col' }, h)));
      const table = el('table', { class: 'connections' }, el('thead', {}, head));
      const body = el('tbody');
      for (const row of rows) {
        const drop = row.lastDrop === null ? el('td', { class: 'drop none', 'data-testid': `drop-${row.name}` }, 'none') : el('td', { class: 'drop', 'data-testid': `drop-${row.name}` }, row.lastDrop.reason, ...(row.lastDrop.when === null ? [] : [el('span', { class: 'when' }, row.lastDrop.when)]));
        body.append(
          el(
            'tr',
            { 'data-testid': `connection-${row.name}`, 'data-tone': row.tone },
            el('th', { scope: 'row', class: 'name' }, el('span', { class: `lamp ${row.tone}` }), row.label),
            el('td', { 'data-testid': `where-${row.name}` }, el('span', { class: 'token' }, row.where)),
            el('td', { 'data-testid': `tls-${row.name}` }, row.security),
            el('td', { class: `state ${row.tone}`, 'data-testid': `state-${row.name}` }, row.state),
            drop,
          ),
        );
      }
      table.append(body);
      fill(element, startup, table);
    },
  };
}

// The top of the dashboard when start-up stopped: the stop's title, what happened, and — set apart
// in larger type — what to change (the firewall rule, the portal setting). The words come from
// stop-words.ts. Hidden when nothing stopped the start-up (or the user closed it).
import { el } from './dom.ts';
import type { StopInfo } from './stop-panel.ts';
import { stopInWords } from './stop-words.ts';

export interface DashboardStop {
  element: HTMLElement;
  show(stop: StopInfo | null): void;
}

/** What the page says when a replay could not reproduce the stop's reason. */
const NOT_REPRODUCED = 'Replaying this log did not reproduce the stop, so its reason is not known here; the connections below show the states it recorded.';

/**
 * The stop section, hidden until a stop is shown.
 *
 * @example
 * const stop = dashboardStop();
 * root.prepend(stop.element);
 * stop.show({ seq: 5, code: 'ctiUnreachable', reason, connection: 'cti' });
 */
export function dashboardStop(): DashboardStop {
  const element = el('section', { class: 'dash-stop wide', 'data-testid': 'dashboard-stop', role: 'alert' });
  element.hidden = true;
  let shown = '';
  return {
    element,
    show(stop) {
      const words = stop === null ? null : stopInWords(stop);
      element.hidden = words === null;
      const key = JSON.stringify(stop);
      if (words === null || key === shown) return;
      shown = key;
      const happened = el('div', { class: 'happened' }, el('h3', {}, words.advice === null ? 'Why' : 'What happened'), el('p', { 'data-testid': 'stop-happened' }, words.happened ?? NOT_REPRODUCED));
      const advice = words.advice === null ? [] : [el('div', { class: 'advice' }, el('h3', {}, 'What to change'), el('p', { 'data-testid': 'stop-advice' }, words.advice))];
      element.replaceChildren(el('h2', {}, words.title), el('p', { class: 'where' }, words.where), el('div', { class: 'stop-columns' }, happened, ...advice));
    },
  };
}

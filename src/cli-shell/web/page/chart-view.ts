// Draws one actor's statechart as nested boxes from the chart JSON (compound states contain their
// children, parallel regions sit side by side in dashed boxes, finals have a double border), each
// box listing its own transitions; highlight() marks the states a log entry says are active.
import { activeStates } from '../active-states.ts';
import type { Chart, ChartNode } from '../chart-model.ts';
import { el } from './dom.ts';

export interface ChartView {
  readonly element: HTMLElement;
  /** The actor's state string from a log entry, or undefined when the actor does not exist yet. */
  highlight(state: string | undefined): void;
  /** Marks the transitions `eventType` can take from the states active before it (`before`). */
  fired(eventType: string | null, before: string | undefined): void;
}

export function chartView(systemId: string, chart: Chart): ChartView {
  const boxes = new Map<string, HTMLElement>();
  const transitions: Array<{ from: string; eventType: string; item: HTMLElement }> = [];
  const current = el('span', { class: 'current', 'data-testid': `current-${systemId}` });
  const title = el('h2', {}, systemId, el('span', { class: 'machine' }, `(${chart.name} machine)`), current);
  const element = el('section', { class: 'chart absent', 'data-actor': systemId }, title, box(chart.root, new Set(), boxes, transitions));
  const idsOf = (state: string): Set<string> => new Set([chart.root.id, ...activeStates(state).paths.map((p) => `${chart.root.id}.${p}`)]);
  return {
    element,
    highlight(state) {
      element.classList.toggle('absent', state === undefined);
      current.textContent = state ?? '—';
      const active = state === undefined ? new Set<string>() : idsOf(state);
      for (const [id, node] of boxes) node.classList.toggle('active', active.has(id));
    },
    fired(eventType, before) {
      const from = eventType === null || before === undefined ? new Set<string>() : idsOf(before);
      for (const t of transitions) t.item.classList.toggle('fired', from.has(t.from) && t.eventType === eventType);
    },
  };
}

type TransitionItems = Array<{ from: string; eventType: string; item: HTMLElement }>;

function box(node: ChartNode, initial: ReadonlySet<string>, boxes: Map<string, HTMLElement>, transitions: TransitionItems): HTMLElement {
  const classes = ['state', node.type];
  if (initial.has(node.id)) classes.push('initial');
  const label = node.type === 'parallel' ? `${node.key} ∥` : node.key;
  const element = el('div', { class: classes.join(' '), 'data-state': node.id, title: node.id }, el('div', { class: 'name' }, label));
  if (node.transitions.length > 0) {
    const list = el('ul', { class: 'transitions' });
    for (const t of node.transitions) {
      const targets = t.targets.length === 0 ? '(internal)' : t.targets.map((id) => id.split('.').pop() ?? id).join(', ');
      const item = el('li', { 'data-event': t.eventType }, `${t.event}${t.guard ? ` [${t.guard}]` : ''} → ${targets}`);
      transitions.push({ from: node.id, eventType: t.eventType, item });
      list.append(item);
    }
    element.append(list);
  }
  if (node.children.length > 0) {
    const starts = new Set(node.initial);
    const children = el('div', { class: 'children' });
    for (const child of node.children) children.append(box(child, starts, boxes, transitions));
    element.append(children);
  }
  boxes.set(node.id, element);
  return element;
}

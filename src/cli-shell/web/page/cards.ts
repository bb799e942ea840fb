// The dashboard's building blocks: a titled card, its body's content, a definition list, and how a
// card sends a command to the session (POST /api/command).
import { el } from './dom.ts';

export type Send = (command: Record<string, unknown>) => Promise<{ ok: boolean; value?: unknown; message?: string }>;

export function card(title: string, id: string): HTMLElement {
  return el('div', { class: 'card', 'data-testid': `card-${id}` }, el('h3', {}, title), el('div', { class: 'body' }));
}

export function fill(c: HTMLElement, ...content: Array<Node | string>): void {
  const body = c.querySelector('.body');
  body?.replaceChildren(...content);
}

export function dl(items: Record<string, string>): HTMLElement {
  const list = el('dl');
  for (const [k, v] of Object.entries(items)) list.append(el('dt', {}, k), el('dd', {}, v));
  return list;
}


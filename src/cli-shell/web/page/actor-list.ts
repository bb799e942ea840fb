// The live actors of the session, one button each: its name, the machine it runs and its state at
// the timeline position. An actor not started yet (or gone) is dimmed. Choosing one shows its chart.
import { el } from './dom.ts';

export interface ActorList {
  /** Every actor's state at the timeline position (the log entry's `states`). */
  update(states: Readonly<Record<string, string>>, chosen: string): void;
}

/** The colour of an actor's lamp: online green, on its way amber, failed red, ended grey. */
export function lampOf(actor: string, state: string | undefined): string {
  if (state === undefined) return 'none';
  if (actor === 'startup') return state === 'ready' ? 'online' : state === 'done:closed' ? 'closed' : state.startsWith('done:') ? 'failed' : 'connecting';
  const [status, body] = /^(stopped|done|error):/.test(state) ? [state.slice(0, state.indexOf(':')), state.slice(state.indexOf(':') + 1)] : ['active', state];
  const top = body.split('.')[0] ?? body;
  if (status !== 'active') return top === 'failed' || top === 'authFailed' ? 'failed' : 'closed';
  return top;
}

export function actorList(root: HTMLElement, actors: Readonly<Record<string, string>>, onChoose: (actor: string) => void): ActorList {
  const buttons = new Map<string, { button: HTMLButtonElement; lamp: HTMLElement; now: HTMLElement }>();
  for (const [actor, machine] of Object.entries(actors)) {
    const lamp = el('span', { class: 'lamp' });
    const now = el('span', { class: 'now', 'data-testid': `current-${actor}` }, '—');
    const button = el(
      'button',
      { class: 'actor absent', 'data-testid': `actor-${actor}`, 'data-actor': actor, title: `show the ${machine} machine of ${actor}` },
      lamp,
      el('span', { class: 'who' }, actor),
      el('span', { class: 'kind' }, `${machine} machine`),
      now,
    );
    button.addEventListener('click', () => onChoose(actor));
    buttons.set(actor, { button, lamp, now });
    root.append(button);
  }
  return {
    update(states, chosen) {
      for (const [actor, b] of buttons) {
        const state = states[actor];
        b.button.classList.toggle('absent', state === undefined);
        b.button.classList.toggle('chosen', actor === chosen);
        b.button.setAttribute('aria-pressed', String(actor === chosen));
        b.lamp.className = `lamp ${lampOf(actor, state)}`;
        b.now.textContent = state ?? 'not started';
      }
    },
  };
}

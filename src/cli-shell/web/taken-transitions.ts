// Which arrows of a statechart a log entry took, from the actor's state before and after it (shared
// by the page and its tests). Pure. The log records states, not transitions, so the arrows are
// found back: an arrow leaves a state active before and ends in a state entered by the entry; when
// the entry's own event names some of them, those are the ones (its target actor), else all of them
// (an actor that moved because another one told it, e.g. the start-up on a child's CONNECTION.ONLINE).
import { activeStates } from './active-states.ts';
import type { ChartPicture, PictureTransition } from './chart-pictures.ts';

export interface TakenTransitions {
  /** State ids active after the entry (root included); empty when the actor does not exist. */
  active: string[];
  /** Active after and not before: the states the entry entered. */
  entered: string[];
  /** `source`/`target` pairs of the arrows taken, each once (the picture's `data-from`/`data-to`). */
  arrows: Array<{ source: string; target: string }>;
}

/**
 * The picture's ids of every active state of a log state string: the root is the machine id, every
 * other state its path (`online.quiet` → connection, online, online.quiet), as diagram-model.ts names them.
 */
export function activeIds(rootId: string, state: string | undefined): string[] {
  if (state === undefined) return [];
  return [rootId, ...activeStates(state).paths];
}

/**
 * `before` undefined: the actor started with the entry, from its initial states.
 *
 * @example
 * takenTransitions(connectionPicture, 'authenticating', 'online.quiet', 'AUTH.OK')
 * // → { active: ['connection', 'online', 'online.quiet'], entered: ['online', 'online.quiet'],
 * //     arrows: [{ source: 'authenticating', target: 'online' }] }
 */
export function takenTransitions(
  picture: Pick<ChartPicture, 'transitions' | 'rootId' | 'initial'>,
  before: string | undefined,
  after: string | undefined,
  eventType: string | null,
): TakenTransitions {
  const { transitions, rootId } = picture;
  const active = activeIds(rootId, after);
  const was = new Set(before === undefined ? picture.initial : activeIds(rootId, before));
  // A new actor entered every state it is in; the arrows are looked for from its initial states.
  const entered = before === undefined ? active : active.filter((id) => !was.has(id));
  const now = new Set(active);
  const enteredSet = new Set(entered);
  const arrows: TakenTransitions['arrows'] = [];
  if (after === undefined) return { active, entered, arrows };
  // A state neither active before nor after was passed through: an eventless ('always') arrow left it.
  const onwards = (id: string): PictureTransition[] =>
    !was.has(id) && !now.has(id) ? transitions.filter((t) => t.source === id && t.eventType === '' && !t.internal) : [];
  const leads = (id: string, depth: number): boolean => enteredSet.has(id) || (depth < 4 && onwards(id).some((t) => leads(t.target, depth + 1)));
  const first = transitions.filter(
    (t) =>
      !t.internal &&
      was.has(t.source) &&
      // A transition back into an active state re-enters it: only its own event shows it was taken.
      (leads(t.target, 0) || (eventType !== null && t.eventType === eventType && now.has(t.target) && before !== after)),
  );
  const named = first.filter((t) => eventType !== null && t.eventType === eventType);
  // Unnamed: the innermost state's transitions are the ones XState takes (it selects from the leaves up).
  const depth = (id: string): number => (id === rootId ? 0 : id.split('.').length);
  const deepest = Math.max(-1, ...first.map((t) => depth(t.source)));
  const add = (t: PictureTransition, hops: number): void => {
    if (!arrows.some((a) => a.source === t.source && a.target === t.target)) arrows.push({ source: t.source, target: t.target });
    if (hops < 4) for (const next of onwards(t.target)) if (leads(next.target, hops + 1)) add(next, hops + 1);
  };
  for (const t of named.length > 0 ? named : first.filter((t) => depth(t.source) === deepest)) add(t, 0);
  return { active, entered, arrows };
}

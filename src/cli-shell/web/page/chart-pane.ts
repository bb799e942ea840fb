// The chart of the chosen actor: its machine's picture (the docs/statecharts SVG), the states active
// at the timeline position highlighted, the arrow the entry took animated, zoom and pan. When the
// actor is not running at that point of the log the picture is dimmed and a note says so.
import type { ChartPicture } from '../chart-pictures.ts';
import { takenTransitions } from '../taken-transitions.ts';
import { activeStates } from '../active-states.ts';
import { byId, el } from './dom.ts';
import { panZoom, type Box, type PanZoom } from './pan-zoom.ts';

export interface ChartMark {
  /** The actor's state before the entry (undefined: it did not exist). */
  before: string | undefined;
  after: string | undefined;
  /** The entry's event type when the actor was its target, else null. */
  eventType: string | null;
  /** When the actor is absent: the seq at which it first appears in the log, if it does. */
  appearsAt: number | null;
}

export interface ChartPane {
  /** Shows `actor`'s chart (a no-op when it is already shown). */
  show(actor: string, chart: ChartPicture): void;
  mark(mark: ChartMark): void;
}

interface Shown {
  actor: string;
  chart: ChartPicture;
  svg: SVGSVGElement;
  zoom: PanZoom;
  states: Map<string, SVGGElement>;
  /** `source\ttarget` → the arrow's path and label parts. */
  arrows: Map<string, Element[]>;
  placed: boolean;
}

/** Below this scale a state's name is too small to read (about 8 px). */
const READABLE_SCALE = 0.6;
/** Showing a step whole (the states it left and entered) may zoom out down to this. */
const STEP_SCALE = 0.45;
/** A small step is not blown up beyond this: its neighbours stay in view. */
const STEP_MAX_SCALE = 0.8;

export function chartPane(): ChartPane {
  const viewport = byId('viewport');
  const pane = byId('chart-pane');
  const title = byId('chart-title');
  const stateText = byId('chart-state');
  const follow = byId<HTMLInputElement>('follow-active');
  const note = el('div', { class: 'absent-note', 'data-testid': 'absent-note' });
  let shown: Shown | null = null;
  let focus: Box | null = null;

  byId('zoom-in').addEventListener('click', () => shown?.zoom.zoomBy(1.25));
  byId('zoom-out').addEventListener('click', () => shown?.zoom.zoomBy(0.8));
  byId('zoom-fit').addEventListener('click', () => shown?.zoom.fit());
  byId('zoom-active').addEventListener('click', () => showStep(step));
  follow.addEventListener('change', () => follow.checked && focus && shown && !shown.zoom.shows(focus) && showStep(step));

  /** The box around the pictures of `ids` (states), or null when none is drawn. */
  const boxOf = (ids: readonly string[]): Box | null => {
    let box: Box | null = null;
    for (const id of ids) {
      const b = shown?.states.get(id)?.getBBox();
      if (b === undefined || (b.width === 0 && b.height === 0)) continue;
      box = box === null ? { x: b.x, y: b.y, width: b.width, height: b.height } : union(box, b);
    }
    return box;
  };
  /** The innermost active states: the ones no other active state is inside of (never the root). */
  const leavesOf = (ids: readonly string[]): string[] =>
    ids.filter((id, i) => i > 0 && !ids.some((other) => other.startsWith(`${id}.`)));
  /** The step on screen: the states it left and entered, as large as fits; else its active states, readable. */
  const showStep = (step: Box | null): void => {
    if (shown === null || focus === null) return void shown?.zoom.fit();
    const fit = shown.zoom.fitScale();
    if (fit >= READABLE_SCALE) return shown.zoom.fit();
    const box = step ?? focus;
    const v = shown.zoom.viewport();
    const scale = Math.min(STEP_MAX_SCALE, Math.min(v.width / box.width, v.height / box.height) * 0.9);
    if (scale >= STEP_SCALE) shown.zoom.centre(box, scale);
    else shown.zoom.centre(focus, READABLE_SCALE);
  };
  let step: Box | null = null;

  return {
    show(actor, chart) {
      if (shown?.actor === actor) return;
      shown?.zoom.detach();
      const doc = new DOMParser().parseFromString(chart.svg, 'image/svg+xml');
      const svg = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
      const size = { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      svg.setAttribute('data-machine', chart.name);
      viewport.replaceChildren(svg, note);
      const states = new Map<string, SVGGElement>();
      svg.querySelectorAll<SVGGElement>('g[data-state]').forEach((g) => states.set(g.getAttribute('data-state')!, g));
      const arrows = new Map<string, Element[]>();
      svg.querySelectorAll('[data-from][data-to]').forEach((part) => {
        const key = `${part.getAttribute('data-from')}\t${part.getAttribute('data-to')}`;
        arrows.set(key, [...(arrows.get(key) ?? []), part]);
      });
      shown = { actor, chart, svg, zoom: panZoom(viewport, svg, size), states, arrows, placed: false };
      pane.dataset['actor'] = actor;
      pane.dataset['machine'] = chart.name;
      title.replaceChildren(actor, ' ', el('span', { class: 'machine' }, `${chart.name} machine`));
    },
    mark({ before, after, eventType, appearsAt }) {
      if (shown === null) return;
      const { chart, svg } = shown;
      const taken = takenTransitions(chart, before, after, eventType);
      svg.querySelectorAll('.active, .entered, .taken, .not-taken, .stop-state').forEach((node) => node.classList.remove('active', 'entered', 'taken', 'not-taken', 'stop-state'));
      void viewport.getBoundingClientRect(); // restarts the entry animations for states entered again
      const status = after === undefined ? 'absent' : activeStates(after).status;
      svg.classList.toggle('absent', after === undefined);
      // A connection closed at the end, or a start-up closed by the user: shown in grey, not green.
      svg.classList.toggle('ended', status === 'stopped' || after === 'done:closed' || (status !== 'active' && chart.name !== 'startup'));
      for (const id of taken.active) shown.states.get(id)?.classList.add('active');
      for (const id of taken.entered) shown.states.get(id)?.classList.add('entered');
      // Where it ended badly: the start-up's stop, a connection's failed or authFailed state.
      const end = after === undefined ? null : /^(?:done|stopped):(.+)$/.exec(after)?.[1] ?? null;
      if (end !== null && (chart.name === 'startup' ? end !== 'closed' : end === 'failed' || end === 'authFailed')) shown.states.get(end)?.classList.add('stop-state');
      for (const a of taken.arrows) markArrow(shown.arrows.get(`${a.source}\t${a.target}`) ?? [], eventType);
      svg.dataset['state'] = after ?? '';
      stateText.textContent = after ?? 'not started';
      note.hidden = after !== undefined;
      note.textContent =
        appearsAt === null
          ? `${shown.actor} is not running at this point of the log.`
          : `${shown.actor} is not running at this point of the log; it starts at entry #${appearsAt}.`;

      const leaves = leavesOf(taken.active);
      focus = boxOf(leaves);
      // The step: where it arrived and the state the last arrow came from (a long way round stays out).
      step = boxOf([...leaves, ...taken.arrows.filter((a) => taken.entered.includes(a.target)).map((a) => a.source)]);
      if (!shown.placed) {
        // First view: the whole chart when it is readable so, else the step just taken, as large as fits.
        shown.placed = true;
        showStep(step);
      } else if (follow.checked && focus !== null && !shown.zoom.shows(focus)) {
        showStep(step);
      }
    },
  };
}

/**
 * Marks an arrow's path and label as taken. A label lists every transition between the same two
 * states (`EVENT` lines, each maybe followed by its `[guard]` line): only the entry's event is marked
 * when it is among them.
 */
function markArrow(parts: readonly Element[], eventType: string | null): void {
  const lines = parts.filter((p) => p.classList.contains('label'));
  const first = eventType === null ? -1 : lines.findIndex((l) => (l.textContent ?? '').split(' ')[0] === eventType);
  for (const part of parts) if (!part.classList.contains('label')) part.classList.add('taken');
  lines.forEach((line, i) => {
    const guardOfPrevious = i > first && (line.textContent ?? '').startsWith('[') && lines.slice(first + 1, i).every((l) => (l.textContent ?? '').startsWith('['));
    line.classList.add(first < 0 || i === first || guardOfPrevious ? 'taken' : 'not-taken');
  });
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

// The statechart pictures the inspector draws: the very layout and SVG of docs/statecharts
// (statechartPicture of src/machines/diagram: ELK layout, svg-draw), one per machine definition, plus each arrow's
// transitions with the event type that takes them, so the page can mark the arrow just taken.
// Laid out once per process (ELK takes about a second for the start-up machine) and cached.
import type { AnyStateMachine } from 'xstate';
import { diagramInputs, machines, statechartPicture, type DiagramState } from '../../client/index.ts';

export interface PictureTransition {
  /** State ids as the SVG names them (`data-state`, `data-from`, `data-to`): the path, `messaging.imp`; the root is the machine id. */
  source: string;
  target: string;
  /** `AUTH.OK`, `xstate.after.reconnectDelay.connection.reconnecting`, '' for always. */
  eventType: string;
  internal: boolean;
}

export interface ChartPicture {
  /** The machine's name in the registry (`startup`, `connection`). */
  name: string;
  /** The root state's id (the machine id). */
  rootId: string;
  svg: string;
  /** Every state id of the machine, root included, in definition order. */
  states: string[];
  /** The states active when an actor of the machine starts (the root's initial states, nested). */
  initial: string[];
  transitions: PictureTransition[];
}

let cached: Promise<ChartPicture[]> | null = null;

/**
 * Every registered machine's picture, laid out on the first call.
 *
 * @example
 * const [startup] = (await chartPictures()).filter((c) => c.name === 'startup');
 * page.innerHTML = startup.svg; // <g data-state="ready">…
 */
export function chartPictures(): Promise<ChartPicture[]> {
  cached ??= Promise.all(Object.entries(machines).map(([name, machine]) => picture(name, machine)));
  cached.catch(() => (cached = null));
  return cached;
}

async function picture(name: string, machine: AnyStateMachine): Promise<ChartPicture> {
  const { model, svg } = await statechartPicture(machine, name in diagramInputs ? { input: diagramInputs[name] } : {});
  const states: string[] = [];
  const walk = (s: DiagramState): void => {
    states.push(s.id);
    s.children.forEach(walk);
  };
  walk(model.root);
  const initial: string[] = [model.root.id];
  const enter = (s: DiagramState): void => {
    const children = s.type === 'parallel' ? s.children : s.children.filter((c) => s.initial.includes(c.id));
    for (const child of children) {
      initial.push(child.id);
      enter(child);
    }
  };
  enter(model.root);
  return {
    name,
    rootId: model.root.id,
    svg,
    states,
    initial,
    transitions: model.transitions.map(({ source, target, eventType, internal }) => ({ source, target, eventType, internal })),
  };
}

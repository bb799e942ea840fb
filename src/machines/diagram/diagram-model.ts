// The states and transitions of an XState v5 machine DEFINITION, as plain data for pictures
// (issue 6 "Pictures"). Pure: walks the state nodes, never starts an actor. Definition order is
// kept, so a picture drawn from it is deterministic. Transition labels are the ones toMermaid
// writes (same event / guard / `after` wording in both renderings).
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { delayResolver, ownTransitions, transitionLabel, type MermaidOptions } from './mermaid.ts';

export type DiagramStateType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface DiagramState {
  /** Unique in the machine: the state's path joined with `.` (the root is the machine id). */
  id: string;
  /** The state's own key (the machine id for the root). */
  name: string;
  type: DiagramStateType;
  children: DiagramState[];
  /** Ids of the initial children of a compound state (none for parallel or atomic states). */
  initial: string[];
}

export interface DiagramTransition {
  source: string;
  target: string;
  /** `EVENT [guard]`, `after 15000ms`, `always`, `done: src`… as in the Mermaid diagrams. */
  label: string;
  /** The event type that takes it, as XState names it (`xstate.after.…` for a timer, '' for always). */
  eventType: string;
  /** Handled without leaving the state (no target): drawn as a loop on the source. */
  internal: boolean;
}

export interface DiagramModel {
  root: DiagramState;
  /** One per transition target, in definition order. */
  transitions: DiagramTransition[];
}

export function diagramModel(machine: AnyStateMachine, options: MermaidOptions = {}): DiagramModel {
  const delays = delayResolver(machine, options);
  const idOf = (node: AnyStateNode): string => (node.path.length === 0 ? machine.id : node.path.join('.'));
  const transitions: DiagramTransition[] = [];
  const visit = (node: AnyStateNode): DiagramState => {
    for (const t of ownTransitions(node)) {
      const label = transitionLabel(delays, node, t);
      const targets = (t.target ?? []) as readonly AnyStateNode[];
      if (targets.length === 0) transitions.push({ source: idOf(node), target: idOf(node), label, eventType: t.eventType, internal: true });
      for (const target of targets) transitions.push({ source: idOf(node), target: idOf(target), label, eventType: t.eventType, internal: false });
    }
    const children = (Object.values(node.states) as AnyStateNode[]).map(visit);
    const initial = node.type === 'compound' ? ((node.initial?.target ?? []) as AnyStateNode[]).map(idOf) : [];
    return { id: idOf(node), name: node.path.length === 0 ? machine.id : node.key, type: node.type as DiagramStateType, children, initial };
  };
  const root = visit(machine.root);
  return { root, transitions };
}

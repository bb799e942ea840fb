// The JSON description of a statechart that the web inspector draws (issue 6 "Inspector": every
// statechart drawn from the machine DEFINITIONS, no hand-drawn pictures). Pure: walks an XState v5
// machine's state nodes (children, parallel regions, finals, transitions), never starts an actor.
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface ChartTransition {
  /** `CONNECT`, `after keepaliveInterval`, `always`, `done`. */
  event: string;
  /** The event type that takes it (`xstate.after.keepaliveInterval.connection.online.quiet`; '' for always). */
  eventType: string;
  /** Target state ids (`startup.ready`); empty for a targetless (internal) transition. */
  targets: string[];
  guard?: string;
}

export interface ChartNode {
  /** The state node id, `startup.messaging.imp`: the same path the log's state strings name. */
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Ids of the initial children of a compound state. */
  initial: string[];
  transitions: ChartTransition[];
  children: ChartNode[];
}

export interface Chart {
  name: string;
  root: ChartNode;
}

type DefinitionTransition = {
  eventType: string;
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
  delay?: unknown;
};

export function chartOf(name: string, machine: AnyStateMachine): Chart {
  return { name, root: nodeOf(machine.root) };
}

function nodeOf(node: AnyStateNode): ChartNode {
  const children = Object.values(node.states) as AnyStateNode[];
  const initial = node.type === 'compound' ? ((node.initial?.target ?? []) as AnyStateNode[]).map((t) => t.id) : [];
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    initial,
    transitions: transitionsOf(node),
    children: children.map(nodeOf),
  };
}

function transitionsOf(node: AnyStateNode): ChartTransition[] {
  const list: DefinitionTransition[] = [];
  for (const group of (node.transitions as Map<string, DefinitionTransition[]>).values()) list.push(...group);
  list.push(...((node.always ?? []) as DefinitionTransition[]));
  return list.map((t) => {
    const guard = guardLabel(t.guard);
    return {
      event: eventLabel(node, t),
      eventType: t.eventType,
      targets: (t.target ?? []).map((target) => target.id),
      ...(guard === undefined ? {} : { guard }),
    };
  });
}

function eventLabel(node: AnyStateNode, t: DefinitionTransition): string {
  if (t.delay !== undefined) return typeof t.delay === 'number' ? `after ${t.delay}ms` : typeof t.delay === 'string' ? `after ${t.delay}` : 'after (computed)';
  if (t.eventType === '') return 'always';
  if (t.eventType === `xstate.done.state.${node.id}`) return 'done';
  if (t.eventType.startsWith('xstate.done.actor.')) return `done: ${t.eventType.slice('xstate.done.actor.'.length)}`;
  if (t.eventType.startsWith('xstate.error.actor.')) return `error: ${t.eventType.slice('xstate.error.actor.'.length)}`;
  return t.eventType;
}

function guardLabel(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') return guard.type;
  if (typeof guard === 'function') {
    const higher = guard as { name?: string; guards?: unknown[] };
    if (Array.isArray(higher.guards)) {
      const parts = higher.guards.map((g) => guardLabel(g) ?? 'guard');
      if (higher.name === 'not') return `!${parts[0] ?? '?'}`;
      return parts.join(higher.name === 'or' ? ' || ' : ' && ');
    }
    return higher.name !== undefined && higher.name !== '' && higher.name !== 'guard' ? higher.name : 'guard';
  }
  return 'guard';
}

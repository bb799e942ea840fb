// Mermaid `stateDiagram-v2` text from an XState v5 machine DEFINITION (issue 2 "Diagrams").
// Pure: walks the machine's state nodes, never starts an actor. Output is deterministic: states
// and transitions appear in definition order, so the committed diagrams diff cleanly.
//
// Rendering rules:
// - compound state → `state id { [*] --> initial … }`; parallel state → `state "key (parallel)" as id`
//   with its regions separated by `--`
// - final state → `id --> [*]` inside its parent
// - transition → `source --> target : EVENT [guard]`, one edge per target; a targetless transition
//   is a self-loop marked "(internal)". All transition edges are written at the top level, after the
//   states: Mermaid ids are global, and an edge written inside a block would re-parent a state
//   declared elsewhere into that block; `after` → `after 15000ms` (a named delay shows its name, and its value when it is
//   a constant); `always` → `always`; onDone/invoke results → `done` / `done: src` / `error: src`.
import { initialTransition, type AnyStateMachine, type AnyStateNode } from 'xstate';

export interface MermaidOptions {
  /**
   * An example input for the machine. When given, delays computed from the context (e.g. the
   * reconnect delay) are evaluated on the initial context and shown with their value.
   */
  input?: unknown;
}

type Transition = {
  eventType: string;
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
  reenter?: boolean;
  delay?: unknown;
};

// Words the Mermaid state grammar treats specially; a state with such a key gets a suffixed id.
const RESERVED = new Set(['state', 'note', 'end', 'direction', 'class', 'classdef', 'style', 'as', 'hide', 'left', 'right', 'of', 'over']);

export function toMermaid(machine: AnyStateMachine, options: MermaidOptions = {}): string {
  const ids = assignIds(machine.root);
  const delays = delayResolver(machine, options);
  const lines = ['stateDiagram-v2'];
  const root = machine.root;
  if (ownTransitions(root).length > 0) {
    // Transitions declared on the machine itself need a box to start from.
    lines.push(`  [*] --> ${ids.get(root)}`);
    renderNode(root, 1, ids, lines);
  } else {
    renderChildren(root, 1, ids, lines);
  }
  lines.push(...edgeLines(machine, ids, delays).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

function childrenOf(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states) as AnyStateNode[];
}

function walk(node: AnyStateNode, visit: (n: AnyStateNode) => void): void {
  visit(node);
  for (const child of childrenOf(node)) walk(child, visit);
}

/** Mermaid ids are global: a state's key when unique and safe, else its path joined with `_`. */
function assignIds(root: AnyStateNode): Map<AnyStateNode, string> {
  const all: AnyStateNode[] = [];
  walk(root, (n) => all.push(n));
  const keyCount = new Map<string, number>();
  for (const n of all) keyCount.set(sanitize(n.key), (keyCount.get(sanitize(n.key)) ?? 0) + 1);
  const ids = new Map<AnyStateNode, string>();
  const used = new Set<string>();
  for (const n of all) {
    const key = sanitize(n.key);
    let id = n === root ? sanitize(root.machine.id) : keyCount.get(key) === 1 ? key : n.path.map(sanitize).join('_');
    if (RESERVED.has(id.toLowerCase())) id = `${id}_`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    ids.set(n, id);
  }
  return ids;
}

function sanitize(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `s_${cleaned}`;
}

export function ownTransitions(node: AnyStateNode): Transition[] {
  const list: Transition[] = [];
  for (const group of (node.transitions as Map<string, Transition[]>).values()) list.push(...group);
  list.push(...((node.always ?? []) as Transition[]));
  return list;
}

/** One `source --> target : label` line per transition target, in definition order. */
function edgeLines(machine: AnyStateMachine, ids: Map<AnyStateNode, string>, delays: DelayResolver): string[] {
  const lines: string[] = [];
  walk(machine.root, (source) => {
    for (const t of ownTransitions(source)) {
      const label = escapeLabel(transitionLabel(delays, source, t));
      const internal = t.target === undefined || t.target.length === 0;
      for (const target of internal ? [source] : (t.target as readonly AnyStateNode[])) {
        lines.push(`${ids.get(source)} --> ${ids.get(target)} : ${label}${internal ? ' (internal)' : ''}`);
      }
    }
  });
  return lines;
}

function renderChildren(
  node: AnyStateNode,
  depth: number,
  ids: Map<AnyStateNode, string>,
  lines: string[],
): void {
  const pad = '  '.repeat(depth);
  const children = childrenOf(node);
  if (node.type === 'parallel') {
    children.forEach((region, i) => {
      if (i > 0) lines.push(`${pad}--`);
      renderNode(region, depth, ids, lines);
    });
  } else {
    const initial = node.initial?.target ?? [];
    for (const target of initial as AnyStateNode[]) lines.push(`${pad}[*] --> ${ids.get(target)}`);
    for (const child of children) renderNode(child, depth, ids, lines);
    for (const child of children) if (child.type === 'final') lines.push(`${pad}${ids.get(child)} --> [*]`);
  }
}

function renderNode(
  node: AnyStateNode,
  depth: number,
  ids: Map<AnyStateNode, string>,
  lines: string[],
): void {
  const pad = '  '.repeat(depth);
  const id = ids.get(node) as string;
  if (node.type === 'compound' || node.type === 'parallel') {
    const label = node.type === 'parallel' ? `${node.key} (parallel)` : node.key;
    lines.push(label === id ? `${pad}state ${id} {` : `${pad}state "${escapeLabel(label)}" as ${id} {`);
    renderChildren(node, depth + 1, ids, lines);
    lines.push(`${pad}}`);
    return;
  }
  const label = node.type === 'history' ? `${node.key} (${node.history === 'deep' ? 'deep' : 'shallow'} history)` : node.key;
  lines.push(label === id ? `${pad}${id}` : `${pad}state "${escapeLabel(label)}" as ${id}`);
}

export function transitionLabel(delays: DelayResolver, source: AnyStateNode, t: Transition): string {
  const guard = t.guard === undefined ? '' : ` [${guardLabel(t.guard)}]`;
  return `${eventLabel(delays, source, t)}${guard}`;
}

function eventLabel(delays: DelayResolver, source: AnyStateNode, t: Transition): string {
  if ('delay' in t && t.delay !== undefined) return delayLabel(delays, t.delay);
  const type = t.eventType;
  if (type === '') return 'always';
  if (type === `xstate.done.state.${source.id}`) return 'done';
  for (const [prefix, word] of [
    ['xstate.done.actor.', 'done'],
    ['xstate.error.actor.', 'error'],
    ['xstate.snapshot.', 'snapshot'],
  ] as const) {
    if (type.startsWith(prefix)) {
      const invokeId = type.slice(prefix.length);
      const invoke = (source.invoke as Array<{ id: string; src: unknown }>).find((i) => i.id === invokeId);
      const src = typeof invoke?.src === 'string' && !invoke.src.startsWith('xstate.invoke.') ? invoke.src : invokeId;
      return `${word}: ${src}`;
    }
  }
  return type;
}

/** The value in ms of a named delay, when it can be known without running the machine. */
export type DelayResolver = (name: string) => number | undefined;

export function delayResolver(machine: AnyStateMachine, options: MermaidOptions): DelayResolver {
  const configured = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  let context: unknown;
  let contextKnown = false;
  return (name) => {
    const delay = configured[name];
    if (typeof delay === 'number') return delay;
    if (typeof delay !== 'function' || !('input' in options)) return undefined;
    try {
      if (!contextKnown) {
        // initialTransition is pure: it computes the first snapshot without starting an actor.
        context = initialTransition(machine, options.input)[0].context;
        contextKnown = true;
      }
      const value: unknown = delay({ context, event: { type: 'xstate.init' } }, undefined);
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    } catch {
      return undefined;
    }
  };
}

function delayLabel(delays: DelayResolver, delay: unknown): string {
  if (typeof delay === 'number') return `after ${delay}ms`;
  if (typeof delay === 'string') {
    const value = delays(delay);
    return value === undefined ? `after ${delay}` : `after ${delay} (${value}ms)`;
  }
  return 'after (computed delay)';
}

function guardLabel(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const higher = guard as { name?: string; guards?: unknown[]; stateValue?: unknown };
    if (Array.isArray(higher.guards)) {
      const parts = higher.guards.map(guardLabel);
      if (higher.name === 'not') return `!${parenthesize(parts[0] ?? '?')}`;
      if (higher.name === 'or') return parts.map(parenthesize).join(' || ');
      return parts.map(parenthesize).join(' && ');
    }
    if (higher.stateValue !== undefined) return `in ${JSON.stringify(higher.stateValue)}`;
    return higher.name !== undefined && higher.name !== '' && higher.name !== 'guard' ? higher.name : 'inline guard';
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: unknown };
    const name = guardLabel(type);
    return params === undefined || typeof params === 'function' ? name : `${name}(${paramsLabel(params)})`;
  }
  return 'guard';
}

/** `{ name: 'oci', n: 2 }` → `name=oci, n=2`; anything not flat and primitive → JSON. */
function paramsLabel(params: unknown): string {
  if (typeof params === 'object' && params !== null && !Array.isArray(params)) {
    const entries = Object.entries(params);
    if (entries.every(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      return entries.map(([k, v]) => `${k}=${String(v)}`).join(', ');
    }
  }
  return JSON.stringify(params) ?? String(params);
}

function parenthesize(label: string): string {
  return /\s/.test(label) ? `(${label})` : label;
}

/** Labels end at the line; `;` separates Mermaid statements, a double quote would close a name. */
function escapeLabel(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/;/g, ',').replace(/"/g, "'");
}

// Layout of a statechart picture with ELK (elkjs, layered algorithm): states become nested nodes,
// transitions become orthogonally routed edges with their labels placed by ELK (issue 6 "Pictures").
// elkjs's bundled build is plain JS with no Node built-ins and no worker, so this stays browser-safe.
import elkBundle from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DiagramModel, DiagramState } from './diagram-model.ts';
import { textWidth } from './svg-text.ts';

export const NAME_SIZE = 13;
export const LABEL_SIZE = 11;
/** Height of one line of an edge label or of an internal-transition line. */
export const LINE_HEIGHT = 14;
/** Top of the first internal-transition line, below a state's name (atomic) or title (compound). */
export const ATOMIC_LINES_TOP = 30;
export const COMPOUND_LINES_TOP = 34;
export const FINAL_INSET = 4;
const STATE_HEIGHT = 34;
const DOT = 12;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PlacedKind = 'state' | 'final' | 'compound' | 'parallel' | 'region' | 'history';

export interface PlacedState extends Box {
  state: DiagramState;
  kind: PlacedKind;
  /** The text drawn for this state: its name, with `(parallel)` / `(history)` marks. */
  title: string;
  parentId: string | undefined;
  /** The transitions handled without leaving the state, listed inside its box: `EVENT (internal)`. */
  internal: string[];
}

export interface PlacedEdge {
  source: string;
  target: string;
  points: Array<{ x: number; y: number }>;
  /** One line per transition from source to target, in definition order (none from a dot). */
  label: (Box & { lines: string[] }) | undefined;
  /** From an initial-state dot. */
  initial: boolean;
}

export interface Layout {
  width: number;
  height: number;
  /** Outer boxes before the boxes they contain. */
  states: PlacedState[];
  dots: Box[];
  edges: PlacedEdge[];
}

type Direction = 'DOWN' | 'RIGHT';

// Set on every compound node too: ELK reads most layered options from the node being laid out.
const LAYERED_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  // One layout for the whole hierarchy, so transitions that leave a compound state are routed well.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.spacing.nodeNode': '24',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.spacing.edgeLabel': '4',
  // A depth-first walk from the initial-state dot: arrows point forward along the way a machine
  // usually runs, and only the arrows going back (retries, reconnects) point backward.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
};

// A CommonJS bundle: the constructor is module.exports and also its `default` (typed as the latter).
const ELK = elkBundle.default;
let elk: InstanceType<typeof ELK> | undefined;

/**
 * Lays the machine out top-down and left-to-right and keeps the squarer picture (the smaller of
 * the larger sides; top-down on a tie), the one that shows its text largest in a page or window.
 */
export async function layoutDiagram(model: DiagramModel): Promise<Layout> {
  const down = await layoutIn(model, 'DOWN');
  const right = await layoutIn(model, 'RIGHT');
  return Math.max(right.width, right.height) < Math.max(down.width, down.height) ? right : down;
}

async function layoutIn(model: DiagramModel, direction: Direction): Promise<Layout> {
  const layered = { ...LAYERED_OPTIONS, 'elk.direction': direction };
  const placed = new Map<string, Omit<PlacedState, keyof Box>>();
  const elkNodes = new Map<string, ElkNode>();
  const dotIds = new Set<string>();
  const internal = new Map<string, string[]>();
  for (const t of model.transitions) if (t.internal) internal.set(t.source, [...(internal.get(t.source) ?? []), `${t.label} (internal)`]);

  const node = (state: DiagramState, parentId: string | undefined, inParallel: boolean): ElkNode => {
    const kind: PlacedKind = inParallel ? 'region' : state.type === 'atomic' ? 'state' : state.type;
    const title = kind === 'parallel' ? `${state.name} (parallel)` : kind === 'history' ? `${state.name} (history)` : state.name;
    const lines = internal.get(state.id) ?? [];
    placed.set(state.id, { state, kind, title, parentId, internal: lines });
    const linesWidth = Math.max(0, ...lines.map((l) => textWidth(l, LABEL_SIZE)));
    if (state.children.length === 0) {
      const inset = kind === 'final' ? 2 * FINAL_INSET : 0;
      const width = Math.max(64, textWidth(title, NAME_SIZE) + 28, linesWidth + 20) + inset;
      const height = (lines.length === 0 ? STATE_HEIGHT : ATOMIC_LINES_TOP + lines.length * LINE_HEIGHT + 6) + inset;
      // A state with many arrows grows along the side they reach, so arrowheads never pile up.
      return {
        id: state.id,
        width,
        height,
        layoutOptions: { 'elk.nodeSize.constraints': 'PORTS MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${width}, ${height})`, 'elk.spacing.portPort': '12' },
      };
    }
    const titleWidth = textWidth(title, kind === 'region' ? LABEL_SIZE : NAME_SIZE) + 24;
    const children = state.children.map((child) => node(child, state.id, state.type === 'parallel'));
    const edges: ElkExtendedEdge[] = [];
    state.initial.forEach((initial, i) => {
      const dot = `${state.id}#initial${i}`;
      dotIds.add(dot);
      children.unshift({ id: dot, width: DOT, height: DOT });
      edges.push({ id: `${dot}>`, sources: [dot], targets: [initial] });
    });
    const top = kind === 'region' ? 26 : lines.length === 0 ? 38 : COMPOUND_LINES_TOP + lines.length * LINE_HEIGHT + 8;
    const elkNode: ElkNode = {
      id: state.id,
      children,
      edges,
      layoutOptions: {
        ...layered,
        'elk.padding': `[top=${top},left=16,bottom=24,right=16]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${Math.max(titleWidth, linesWidth + 28)}, ${top + 20})`,
      },
    };
    elkNodes.set(state.id, elkNode);
    return elkNode;
  };
  const graph: ElkNode = {
    id: '(graph)',
    layoutOptions: { ...layered, 'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT', 'elk.padding': '[top=8,left=8,bottom=8,right=8]' },
    children: [node(model.root, undefined, false)],
    edges: [],
  };

  // One arrow per source and target, labelled with each of their transitions on its own line.
  const arrows = new Map<string, { source: string; target: string; lines: string[] }>();
  for (const t of model.transitions) {
    if (t.internal) continue;
    const key = JSON.stringify([t.source, t.target]);
    const arrow = arrows.get(key) ?? { source: t.source, target: t.target, lines: [] };
    arrow.lines.push(...wrapLabel(t.label));
    arrows.set(key, arrow);
  }
  [...arrows.values()].forEach((arrow, i) => {
    const width = Math.max(...arrow.lines.map((l) => textWidth(l, LABEL_SIZE))) + 8;
    const text = arrow.lines.join('\n');
    // ELK wants each edge in the innermost node that contains both its ends.
    const container = elkNodes.get(commonContainer(arrow.source, arrow.target, placed)) ?? graph;
    (container.edges ??= []).push({
      id: `t${i}`,
      sources: [arrow.source],
      targets: [arrow.target],
      // Inline: the label sits on its own arrow (the line breaks around it), never between two arrows.
      labels: [{ text, width, height: arrow.lines.length * LINE_HEIGHT + 4, layoutOptions: { 'elk.edgeLabels.inline': 'true' } }],
    });
  });

  elk ??= new ELK();
  const result = await elk.layout(graph);

  const states: PlacedState[] = [];
  const dots: Box[] = [];
  const collect = (n: ElkNode): void => {
    const info = placed.get(n.id);
    const box = { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 };
    if (info !== undefined) states.push({ ...box, ...info });
    else if (dotIds.has(n.id)) dots.push(box);
    for (const child of n.children ?? []) collect(child);
  };
  for (const child of result.children ?? []) collect(child);
  const edges = allEdges(result).map((e): PlacedEdge => {
    const section = e.sections?.[0];
    const points = section === undefined ? [] : [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    const label = e.labels?.[0];
    return {
      source: e.sources[0] as string,
      target: e.targets[0] as string,
      points,
      label:
        label === undefined
          ? undefined
          : { lines: (label.text ?? '').split('\n'), x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 },
      initial: e.id.endsWith('>'),
    };
  });
  return { width: result.width ?? 0, height: result.height ?? 0, states, dots, edges };
}

/** `EVENT [guard]` on two lines when long: the event, then the guard (keeps layers narrow). */
function wrapLabel(label: string): string[] {
  const guard = label.indexOf(' [');
  return label.length > 28 && guard > 0 ? [label.slice(0, guard), `  ${label.slice(guard + 1)}`] : [label];
}

/** The id of the innermost state strictly containing both states ('' when there is none). */
function commonContainer(a: string, b: string, placed: Map<string, { parentId: string | undefined }>): string {
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let p = placed.get(id)?.parentId; p !== undefined; p = placed.get(p)?.parentId) chain.push(p);
    return chain;
  };
  const ofB = new Set(ancestors(b));
  return ancestors(a).find((p) => ofB.has(p)) ?? '';
}

/** Every edge of the laid-out graph, from the outside in (ELK keeps them where they were put). */
function allEdges(n: ElkNode): ElkExtendedEdge[] {
  const out: ElkExtendedEdge[] = [...(n.edges ?? [])];
  for (const child of n.children ?? []) out.push(...allEdges(child));
  return out;
}

// Pictures (issue 6): toSvg draws a machine definition as nested boxes with labelled arrows, the
// same bytes every time; the committed pictures of the registered machines stay readable.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createMachine, setup } from 'xstate';
import { toSvg } from '../../src/machines/diagram/svg.ts';
import { machines } from '../../src/machines/index.ts';

interface Rect { x: number; y: number; width: number; height: number }
type Element = Record<string, unknown>;

interface Picture {
  /** data-state → the kind drawn (sc-state, sc-final, sc-compound, sc-parallel, sc-region), its text and boxes. */
  states: Map<string, { kind: string; text: string; rects: Rect[] }>;
  arrows: Array<{ from: string; to: string; initial: boolean; points: Array<{ x: number; y: number }> }>;
  labels: Array<Rect & { lines: string[] }>;
  internal: Map<string, string[]>;
  dots: Rect[];
  dashed: Array<{ x1: number; y1: number; x2: number; y2: number }>;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: '#text', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute, parseAttributeValue: false, processEntities: true, htmlEntities: true });

function list(e: Element, tag: string): Element[] {
  return (e[tag] as Element[] | undefined) ?? [];
}
function text(e: Element): string {
  return String(e['#text'] ?? '');
}
function rect(e: Element): Rect {
  return { x: Number(e.x), y: Number(e.y), width: Number(e.width), height: Number(e.height) };
}

function readPicture(svg: string): Picture {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = list(parser.parse(svg) as Element, 'svg')[0] as Element;
  const states = new Map<string, { kind: string; text: string; rects: Rect[] }>();
  const internal = new Map<string, string[]>();
  const dashed: Picture['dashed'] = [];
  for (const g of list(root, 'g')) {
    const id = String(g['data-state']);
    expect(states.has(id), `one box per state (${id})`).toBe(false);
    const texts = list(g, 'text');
    const name = texts.find((t) => ['name', 'title', 'region-title'].includes(String(t.class))) as Element;
    states.set(id, { kind: String(g.class), text: text(name), rects: list(g, 'rect').map(rect) });
    internal.set(id, texts.filter((t) => t.class === 'internal').map(text));
    for (const line of list(g, 'line')) dashed.push({ x1: Number(line.x1), y1: Number(line.y1), x2: Number(line.x2), y2: Number(line.y2) });
  }
  const arrows = list(root, 'path')
    .filter((p) => String(p.class).startsWith('edge'))
    .map((p) => ({
      from: String(p['data-from']),
      to: String(p['data-to']),
      initial: String(p.class).includes('from-initial'),
      points: [...String(p.d).matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
    }));
  // Each label is a background rect followed by its lines; the lines sit inside their rect.
  const labelRects = list(root, 'rect').filter((r) => r.class === 'label-bg').map(rect);
  const labelTexts = list(root, 'text').filter((t) => t.class === 'label');
  const labels = labelRects.map((r) => ({
    ...r,
    lines: labelTexts.filter((t) => inside({ x: Number(t.x), y: Number(t.y) - 1, width: 0, height: 0 }, r)).map(text),
  }));
  const dots = list(root, 'circle').map((c) => ({ x: Number(c.cx) - Number(c.r), y: Number(c.cy) - Number(c.r), width: 2 * Number(c.r), height: 2 * Number(c.r) }));
  return { states, arrows, labels, internal, dots, dashed };
}

function inside(a: Rect, b: Rect, margin = 0): boolean {
  return a.x >= b.x - margin && a.y >= b.y - margin && a.x + a.width <= b.x + b.width + margin && a.y + a.height <= b.y + b.height + margin;
}
function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
function onBorder(p: { x: number; y: number }, r: Rect): boolean {
  return inside({ ...p, width: 0, height: 0 }, r, 1.5) && !inside({ ...p, width: 0, height: 0 }, { x: r.x + 1.5, y: r.y + 1.5, width: r.width - 3, height: r.height - 3 });
}
function box(picture: Picture, id: string): Rect {
  const state = picture.states.get(id);
  expect(state, `a box for ${id}`).toBeDefined();
  return (state as { rects: Rect[] }).rects[0] as Rect;
}

const toggle = setup({
  guards: { isReady: () => true },
  delays: { grace: 500 },
}).createMachine({
  id: 'toggle',
  initial: 'off',
  states: {
    off: { on: { FLIP: { target: 'on', guard: 'isReady' }, 'A<B & "C"': 'done' } },
    on: {
      initial: 'dim',
      on: { FLIP: 'off', PING: { actions: () => undefined } },
      states: {
        dim: { on: { BRIGHTER: 'bright' } },
        bright: { after: { grace: 'dim' }, on: { STOP: '#toggle.done' } },
      },
    },
    done: { type: 'final' },
  },
});

const regions = createMachine({
  id: 'regions',
  initial: 'running',
  states: {
    running: {
      type: 'parallel',
      states: {
        audio: { initial: 'muted', states: { muted: { on: { UNMUTE: 'live' } }, live: {} } },
        video: { initial: 'hidden', states: { hidden: { on: { SHOW: 'shown' } }, shown: { type: 'final' } } },
      },
    },
  },
});

describe('toSvg', () => {
  it('draws one box per state with its name, inside its parent state\'s box', async () => {
    const picture = readPicture(await toSvg(toggle));
    expect([...picture.states.keys()].sort()).toEqual(['done', 'off', 'on', 'on.bright', 'on.dim', 'toggle']);
    expect(picture.states.get('on.dim')).toMatchObject({ kind: 'sc-state', text: 'dim' });
    expect(picture.states.get('on')).toMatchObject({ kind: 'sc-compound', text: 'on' });
    expect(picture.states.get('toggle')).toMatchObject({ kind: 'sc-compound', text: 'toggle' });
    for (const [child, parent] of [['off', 'toggle'], ['on', 'toggle'], ['done', 'toggle'], ['on.dim', 'on'], ['on.bright', 'on']] as const) {
      expect(inside(box(picture, child), box(picture, parent)), `${child} inside ${parent}`).toBe(true);
    }
    for (const [a, b] of [['off', 'on'], ['off', 'done'], ['on', 'done'], ['on.dim', 'on.bright']] as const) {
      expect(overlap(box(picture, a), box(picture, b)), `${a} apart from ${b}`).toBe(false);
    }
  });

  it('draws an arrow per transition, from the source box to the target box, labelled with event, guard or delay', async () => {
    const picture = readPicture(await toSvg(toggle));
    const expected: Array<[string, string, string[]]> = [
      ['off', 'on', ['FLIP [isReady]']],
      ['off', 'done', ['A<B & "C"']],
      ['on', 'off', ['FLIP']],
      ['on.dim', 'on.bright', ['BRIGHTER']],
      ['on.bright', 'on.dim', ['after grace (500ms)']],
      ['on.bright', 'done', ['STOP']],
    ];
    const transitions = picture.arrows.filter((a) => !a.initial);
    expect(transitions.map((a) => `${a.from}→${a.to}`).sort()).toEqual(expected.map(([from, to]) => `${from}→${to}`).sort());
    for (const [from, to, lines] of expected) {
      const arrow = transitions.find((a) => a.from === from && a.to === to) as Picture['arrows'][number];
      expect(onBorder(arrow.points[0] as { x: number; y: number }, box(picture, from)), `${from}→${to} starts on ${from}`).toBe(true);
      expect(onBorder(arrow.points.at(-1) as { x: number; y: number }, box(picture, to)), `${from}→${to} ends on ${to}`).toBe(true);
      // The label sits on its own arrow: one of the arrow's segments passes through the label.
      const label = picture.labels.find((l) => l.lines.join(' ') === lines.join(' '));
      expect(label, `label ${lines.join(' / ')}`).toBeDefined();
      expect(crosses(arrow.points, label as Rect), `${lines[0]} on the ${from}→${to} arrow`).toBe(true);
    }
    expect(picture.internal.get('on')).toEqual(['PING (internal)']);
  });

  it('marks initial states with a dot and an arrow, and final states with a double border', async () => {
    const picture = readPicture(await toSvg(toggle));
    expect(picture.dots).toHaveLength(2);
    const initial = picture.arrows.filter((a) => a.initial).map((a) => a.to).sort();
    expect(initial).toEqual(['off', 'on.dim']);
    expect(inside(picture.dots[0] as Rect, box(picture, 'toggle')) && inside(picture.dots[1] as Rect, box(picture, 'toggle'))).toBe(true);
    const done = picture.states.get('done') as { kind: string; rects: Rect[] };
    expect(done.kind).toBe('sc-final');
    expect(done.rects).toHaveLength(2);
    expect(inside(done.rects[1] as Rect, done.rects[0] as Rect)).toBe(true);
    expect(picture.states.get('off')?.rects).toHaveLength(1);
  });

  it('separates the regions of a parallel state with dashed lines inside its box', async () => {
    const picture = readPicture(await toSvg(regions));
    expect(picture.states.get('running')).toMatchObject({ kind: 'sc-parallel', text: 'running (parallel)' });
    expect(picture.states.get('running.audio')).toMatchObject({ kind: 'sc-region', text: 'audio' });
    expect(picture.dashed).toHaveLength(1);
    const running = box(picture, 'running');
    const line = picture.dashed[0] as Picture['dashed'][number];
    expect(inside({ x: Math.min(line.x1, line.x2), y: Math.min(line.y1, line.y2), width: Math.abs(line.x2 - line.x1), height: Math.abs(line.y2 - line.y1) }, running)).toBe(true);
    // The line runs between the two regions: audio's states on one side, video's on the other.
    const side = (id: string): number => {
      const b = box(picture, id);
      return line.x1 === line.x2 ? Math.sign(b.x + b.width / 2 - line.x1) : Math.sign(b.y + b.height / 2 - line.y1);
    };
    expect(side('running.audio.muted')).toBe(side('running.audio.live'));
    expect(side('running.video.hidden')).toBe(side('running.video.shown'));
    expect(side('running.audio.muted')).toBe(-side('running.video.hidden'));
    for (const id of ['running.audio.muted', 'running.video.shown']) expect(inside(box(picture, id), running)).toBe(true);
  });

  it('is deterministic: the same definition gives the same bytes', async () => {
    const first = await toSvg(toggle);
    expect(await toSvg(toggle)).toBe(first);
    expect(await toSvg(toggle.provide({}))).toBe(first);
    expect(await toSvg(regions)).not.toBe(first);
  });
});

/** Whether an orthogonal polyline passes through a rectangle. */
function crosses(points: Array<{ x: number; y: number }>, r: Rect): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { x: number; y: number };
    const b = points[i] as { x: number; y: number };
    const seg = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) + 0.01, height: Math.abs(a.y - b.y) + 0.01 };
    if (overlap(seg, r)) return true;
  }
  return false;
}

describe('docs/statecharts pictures', () => {
  for (const name of Object.keys(machines)) {
    it(`${name}.svg: every state boxed inside its parent, no label over another label or a state`, () => {
      const picture = readPicture(readFileSync(new URL(`../../docs/statecharts/${name}.svg`, import.meta.url), 'utf8'));
      const boxes = [...picture.states].filter(([, s]) => s.kind !== 'sc-region');
      for (const [id, s] of boxes) {
        const root = (machines as Record<string, { id: string }>)[name]?.id;
        const parent = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : id === root ? undefined : root;
        const outer = parent === undefined ? undefined : picture.states.get(parent)?.kind === 'sc-region' ? parent.slice(0, parent.lastIndexOf('.')) : parent;
        if (outer !== undefined && picture.states.has(outer)) expect(inside(s.rects[0] as Rect, box(picture, outer)), `${id} inside ${outer}`).toBe(true);
      }
      const atomic = boxes.filter(([, s]) => s.kind === 'sc-state' || s.kind === 'sc-final').map(([, s]) => s.rects[0] as Rect);
      picture.labels.forEach((label, i) => {
        for (const other of picture.labels.slice(i + 1)) expect(overlap(label, other), `${label.lines[0]} / ${other.lines[0]}`).toBe(false);
        for (const state of atomic) expect(overlap(label, state), `${label.lines[0]} over a state`).toBe(false);
      });
      expect(picture.arrows.filter((a) => !a.initial).length).toBeGreaterThan(0);
    });
  }
});

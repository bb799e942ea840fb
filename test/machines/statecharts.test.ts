// Diagrams (issue 2): toMermaid on small machines with every feature, and the committed
// docs/statecharts/ kept in step with the machine definitions.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { and, createMachine, fromPromise, not, or, setup } from 'xstate';
import { toMermaid } from '../../src/machines/diagram/mermaid.ts';
import { statechartFilesWithPictures } from '../../src/machines/diagram/statechart-files.ts';
import { machines } from '../../src/machines/index.ts';

/**
 * Checks the shape of generated Mermaid: every line is one of the forms toMermaid writes, blocks
 * balance, `--` only separates regions of a parallel block, each state is declared once, and every
 * arrow joins declared states. (The real Mermaid parser accepted these forms when this was written.)
 */
function checkMermaidShape(text: string): void {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('stateDiagram-v2');
  const declared = new Set<string>();
  const edges: Array<[string, string]> = [];
  const blocks: Array<{ id: string; parallel: boolean }> = [];
  const declare = (id: string) => {
    expect(declared.has(id), `state ${id} declared twice`).toBe(false);
    declared.add(id);
  };
  const ID = '([A-Za-z_][A-Za-z0-9_]*)';
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^state (?:"([^"]*)" as )?${ID} \\{$`).exec(line))) {
      declare(m[2] as string);
      blocks.push({ id: m[2] as string, parallel: (m[1] ?? '').endsWith('(parallel)') });
    } else if (line === '}') {
      expect(blocks.pop(), 'unbalanced }').toBeDefined();
    } else if (line === '--') {
      expect(blocks.at(-1)?.parallel, '-- outside a parallel block').toBe(true);
    } else if ((m = new RegExp(`^\\[\\*\\] --> ${ID}$`).exec(line))) {
      edges.push(['[*]', m[1] as string]);
    } else if ((m = new RegExp(`^${ID} --> \\[\\*\\]$`).exec(line))) {
      edges.push([m[1] as string, '[*]']);
    } else if ((m = new RegExp(`^${ID} --> ${ID} : [^;"\\n]+$`).exec(line))) {
      edges.push([m[1] as string, m[2] as string]);
    } else if ((m = new RegExp(`^state "[^"]+" as ${ID}$`).exec(line))) {
      declare(m[1] as string);
    } else if ((m = new RegExp(`^${ID}$`).exec(line))) {
      declare(m[1] as string);
    } else {
      throw new Error(`unexpected Mermaid line: ${JSON.stringify(raw)}`);
    }
  }
  expect(blocks, 'unclosed block').toEqual([]);
  for (const [from, to] of edges) {
    for (const end of [from, to]) if (end !== '[*]') expect(declared.has(end), `arrow to undeclared ${end}`).toBe(true);
  }
}

describe('toMermaid', () => {
  it('draws a flat machine: initial state, event transitions, final state', () => {
    const light = createMachine({
      id: 'light',
      initial: 'off',
      states: {
        off: { on: { SWITCH: 'on', BREAK: 'broken' } },
        on: { on: { SWITCH: 'off' } },
        broken: { type: 'final' },
      },
    });
    expect(toMermaid(light)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> off',
        '  off',
        '  on',
        '  broken',
        '  broken --> [*]',
        '  off --> on : SWITCH',
        '  off --> broken : BREAK',
        '  on --> off : SWITCH',
        '',
      ].join('\n'),
    );
  });

  it('draws parallel regions in one box, separated by --, each with its initial and final states', () => {
    const machine = createMachine({
      id: 'session',
      initial: 'running',
      states: {
        running: {
          type: 'parallel',
          states: {
            im: { initial: 'connecting', states: { connecting: { on: { UP: 'up' } }, up: { type: 'final' } } },
            xmpp: { initial: 'waiting', states: { waiting: { on: { UP: 'ready' } }, ready: { type: 'final' } } },
          },
          onDone: 'ready',
        },
        ready: {},
      },
    });
    const text = toMermaid(machine);
    checkMermaidShape(text);
    expect(text).toContain(
      [
        '  state "running (parallel)" as running {',
        '    state im {',
        '      [*] --> connecting',
        '      connecting',
        '      up',
        '      up --> [*]',
        '    }',
        '    --',
        '    state xmpp {',
        '      [*] --> waiting',
        '      waiting',
        '      state "ready" as running_xmpp_ready',
        '      running_xmpp_ready --> [*]',
        '    }',
        '  }',
      ].join('\n'),
    );
    expect(text).toContain('  running --> ready : done\n');
    expect(text).toContain('  waiting --> running_xmpp_ready : UP\n');
  });

  it('labels guarded transitions with their guards, including and/or/not, params and inline guards', () => {
    const machine = setup({
      guards: { isCurrent: () => true, usesTls: () => true, isFull: (_: unknown, p: { max: number }) => p.max > 0 },
    }).createMachine({
      id: 'guards',
      initial: 'a',
      states: {
        a: {
          on: {
            GO: [
              { guard: and(['isCurrent', not('usesTls')]), target: 'b' },
              { guard: or(['isCurrent', 'usesTls']), target: 'c' },
              { guard: { type: 'isFull', params: { max: 3 } }, target: 'c' },
              { guard: function hasRoom() { return true; }, target: 'c' },
              { guard: 'isCurrent', target: 'b' },
              { target: 'c' },
            ],
          },
        },
        b: {},
        c: {},
      },
    });
    const text = toMermaid(machine);
    checkMermaidShape(text);
    expect(text).toContain('a --> b : GO [isCurrent && !usesTls]');
    expect(text).toContain('a --> c : GO [isCurrent || usesTls]');
    expect(text).toContain('a --> c : GO [isFull(max=3)]');
    expect(text).toContain('a --> c : GO [hasRoom]');
    expect(text).toContain('a --> b : GO [isCurrent]');
    expect(text).toMatch(/a --> c : GO\n/);
  });

  it('labels delayed transitions: a number in ms, a named delay with its value when known', () => {
    const machine = setup({
      types: { context: {} as { retryMs: number }, input: {} as { retryMs: number } },
      delays: { reconnectDelay: ({ context }) => context.retryMs, grace: 500 },
    }).createMachine({
      id: 'timers',
      context: ({ input }) => ({ retryMs: input.retryMs }),
      initial: 'reconnecting',
      states: {
        reconnecting: { after: { reconnectDelay: 'connecting', 15000: 'gaveUp' } },
        connecting: { after: { grace: { target: 'reconnecting', guard: () => true } } },
        gaveUp: {},
      },
    });
    const withoutInput = toMermaid(machine);
    checkMermaidShape(withoutInput);
    expect(withoutInput).toContain('reconnecting --> connecting : after reconnectDelay\n');
    expect(withoutInput).toContain('reconnecting --> gaveUp : after 15000ms\n');
    expect(withoutInput).toContain('connecting --> reconnecting : after grace (500ms) [inline guard]\n');
    expect(toMermaid(machine, { input: { retryMs: 15000 } })).toContain(
      'reconnecting --> connecting : after reconnectDelay (15000ms)\n',
    );
  });

  it('labels eventless, internal, done and invoke transitions, and boxes transitions declared on the machine', () => {
    const machine = setup({ actors: { fetchBranding: fromPromise(async () => 'brand') } }).createMachine({
      id: 'startup',
      initial: 'branding',
      on: { CANCEL: '.stopped' },
      states: {
        branding: {
          invoke: { src: 'fetchBranding', onDone: 'checking', onError: 'stopped' },
          on: { TICK: { actions: () => undefined } },
        },
        checking: { always: [{ guard: () => false, target: 'branding' }, { target: 'stopped' }] },
        stopped: { type: 'final' },
      },
    });
    const text = toMermaid(machine);
    checkMermaidShape(text);
    expect(text).toContain('  [*] --> startup\n  state startup {\n    [*] --> branding\n');
    expect(text).toContain('startup --> stopped : CANCEL\n');
    expect(text).toContain('branding --> checking : done: fetchBranding\n');
    expect(text).toContain('branding --> stopped : error: fetchBranding\n');
    expect(text).toContain('branding --> branding : TICK (internal)\n');
    expect(text).toContain('checking --> branding : always [inline guard]\n');
    expect(text).toContain('checking --> stopped : always\n');
  });

  it('gives states that share a key, or use a Mermaid keyword, distinct safe ids', () => {
    const machine = createMachine({
      id: 'ids',
      initial: 'oci',
      states: {
        oci: { initial: 'connecting', states: { connecting: { on: { NEXT: '#ids.cti.connecting' } } } },
        cti: { initial: 'connecting', states: { connecting: { on: { DONE: '#ids.end' } } } },
        end: { type: 'final' },
        'with space': {},
      },
    });
    const text = toMermaid(machine);
    checkMermaidShape(text);
    expect(text).toContain('state "connecting" as oci_connecting');
    expect(text).toContain('state "connecting" as cti_connecting');
    expect(text).toContain('oci_connecting --> cti_connecting : NEXT');
    expect(text).toContain('state "end" as end_');
    expect(text).toContain('state "with space" as with_space');
  });

  it('writes every transition at the top level, so Mermaid keeps each state in its own box', () => {
    const machine = createMachine({
      id: 'nesting',
      initial: 'online',
      states: {
        online: { initial: 'quiet', states: { quiet: { on: { PING: 'waiting' } }, waiting: { on: { LOST: '#nesting.offline' } } } },
        offline: {},
      },
    });
    const text = toMermaid(machine);
    const closing = text.lastIndexOf('\n  }\n');
    expect(text.indexOf('waiting --> offline : LOST')).toBeGreaterThan(closing);
    expect(text.indexOf('quiet --> waiting : PING')).toBeGreaterThan(closing);
  });
});

// The pictures are laid out asynchronously (ELK): compute every expected file once, up front.
const expectedDocs = await statechartFilesWithPictures(machines);

describe('docs/statecharts', () => {
  const dir = new URL('../../docs/statecharts/', import.meta.url);
  const expected = expectedDocs;

  it('draws every registered machine as well-formed Mermaid', () => {
    expect(Object.keys(machines).length).toBeGreaterThan(0);
    for (const [name, text] of expected) if (name.endsWith('.mmd')) checkMermaidShape(text);
  });

  it('are up to date with the machine definitions', () => {
    const stale: string[] = [];
    for (const [name, text] of expected) {
      const file = new URL(name, dir);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(name);
    }
    const committed = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(mmd|svg)$/.test(f)) : [];
    for (const name of committed) if (!expected.has(name)) stale.push(`${name} (no such machine)`);
    expect(stale, `docs/statecharts is stale (${stale.join(', ')}): run \`npm run statecharts\` and commit the result`).toEqual([]);
  });

  it('embeds each diagram in the README index', () => {
    const index = expected.get('README.md') ?? '';
    for (const [name, text] of expected) {
      if (name.endsWith('.mmd')) expect(index).toContain('```mermaid\n' + text.trimEnd() + '\n```');
    }
  });
});

// --inspect (issue 6 "Inspector"): the session's actors reach a Stately inspector. Offline: an
// inspector made with @statelyai/inspect's own createInspector over a recording adapter, and the
// package's real local relay (WebSocket) with a receiver on it; the hosted page is never loaded.
import { createServer } from 'node:net';
import { createInspector, createWebSocketReceiver, type StatelyInspectionEvent } from '@statelyai/inspect';
import { EMPTY, from } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { inspectorUi } from '../../src/cli-shell/inspect/inspector-ui.ts';
import { startStatelyInspector } from '../../src/cli-shell/inspect/stately-inspector.ts';
import { attachUi } from '../../src/client/attach/attach-ui.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';

let lab: Lab;
let recorded: LogEntry[] = [];

beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti' });
});
afterAll(async () => {
  await lab?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const valueOf = (snapshot: unknown): unknown => (snapshot as { value?: unknown }).value;
const snapshotsOf = (events: StatelyInspectionEvent[], sessionId: string): unknown[] =>
  events.flatMap((e) => (e.type === '@xstate.snapshot' && e.sessionId === sessionId ? [valueOf(e.snapshot)] : []));

describe('inspector bridge', () => {
  it('announces every actor with its machine definition, then each event and state change of a live start-up', async () => {
    const received: StatelyInspectionEvent[] = [];
    const inspector = createInspector({ send: (event) => void received.push(event) });
    const client = createUnityClient(labClientConfig(lab));
    const detach = attachUi(client, inspectorUi(inspector));
    try {
      expect((await client.start()).outcome).toBe('ready');
    } finally {
      detach();
      recorded = [...client.log.entries];
      await client.stop();
    }
    const actors = received.filter((e) => e.type === '@xstate.actor');
    // The domain actor (issue 11: the reducer of calls, lamps, messages) is announced with the root;
    // it has no statechart to draw.
    expect(actors.map((a) => a.sessionId)).toEqual(['startup', 'domain', 'oci', 'cti', 'imp']);
    expect(JSON.parse(actors[0]!.definition ?? '{}')).toMatchObject({ id: 'startup' });
    expect(actors[1]!.parentId).toBe('startup');
    for (const child of actors.slice(2)) {
      expect(child.parentId).toBe('startup');
      expect(JSON.parse(child.definition ?? '{}')).toMatchObject({ id: 'connection' });
    }
    expect(received.filter((e) => e.type === '@xstate.event')).toHaveLength(recorded.length);
    const startup = snapshotsOf(received, 'startup');
    expect(startup[0]).toEqual({ branding: 'byLoginId' });
    expect(startup.at(-1)).toBe('ready');
    expect(snapshotsOf(received, 'oci').at(-1)).toEqual({ online: 'quiet' });
  });

  it('streams through the package\u2019s local WebSocket relay to a receiver', async () => {
    expect(recorded.length).toBeGreaterThan(0);
    const stately = await startStatelyInspector(await freePort());
    try {
      const receiver = createWebSocketReceiver({ server: stately.wsUrl });
      const seen: StatelyInspectionEvent[] = [];
      const readySeen = new Promise<void>((resolve) => {
        receiver.subscribe((event) => {
          seen.push(event);
          if (event.type === '@xstate.snapshot' && event.sessionId === 'startup' && valueOf(event.snapshot) === 'ready') resolve();
        });
      });
      // A recorded session attached like a live one: the bridge only reads events$.
      const detach = attachUi({ snapshot$: EMPTY, events$: from(recorded), send: async () => ({ ok: true }) }, inspectorUi(stately.inspector));
      await readySeen;
      detach();
      expect(seen.some((e) => e.type === '@xstate.actor' && e.sessionId === 'startup')).toBe(true);
    } finally {
      stately.stop();
    }
  });

  it('a busy relay port is an ordinary error, not a crash', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    try {
      await expect(startStatelyInspector((busy.address() as { port: number }).port)).rejects.toThrow(/not free/);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});

// The shell's UI-attachment API (issue 6 "The shell"): attaching and detaching never disturbs the
// session; every UI sees the same snapshots; a late attacher gets the current snapshot and the
// events it missed, each once.
import { INITIAL_DOMAIN_STATE } from '../../src/machines/domain/domain-state.ts';
import { BehaviorSubject, Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import type { UnityCommand } from '../../src/client/client-commands.ts';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { attachUi, type AttachableSession, type SessionUi, type SessionView } from '../../src/client/index.ts';

/** A UI that records what it sees. */
function recorder() {
  const seen = { snapshots: [] as ClientSnapshot[], entries: [] as LogEntry[], completed: 0, cleanedUp: 0 };
  const ui: SessionUi = {
    attach(view: SessionView) {
      view.snapshot$.subscribe({ next: (s) => seen.snapshots.push(s), complete: () => seen.completed++ });
      view.events$.subscribe({ next: (e) => seen.entries.push(e), complete: () => seen.completed++ });
      return () => void seen.cleanedUp++;
    },
  };
  return { ui, seen };
}

/** What a replay would compare: each event, where it went and the states after it. */
const signature = (entries: readonly LogEntry[]) => entries.map((e) => ({ source: e.source, target: e.target, type: e.event.type, states: e.states }));

const snapshotOf = (step: string): ClientSnapshot => ({ seq: -1, outcome: 'starting', step, stop: null, release: null, callControl: null, connections: {}, domain: INITIAL_DOMAIN_STATE });
const entryOf = (seq: number): LogEntry => ({ v: 1, seq, t: 1000 + seq, source: 'network', target: 'startup', event: { type: `E${seq}` }, states: {}, digest: '' });

function fakeSession() {
  const snapshots = new BehaviorSubject<ClientSnapshot>(snapshotOf('branding.byLoginId'));
  const events = new Subject<LogEntry>();
  const entries: LogEntry[] = [];
  const sent: UnityCommand[] = [];
  const log = (entry: LogEntry): void => {
    entries.push(entry);
    events.next(entry);
  };
  const session: AttachableSession = {
    snapshot$: snapshots.asObservable(),
    events$: events.asObservable(),
    log: { entries },
    send: async (command) => (sent.push(command), { ok: true }),
  };
  return { session, snapshots, events, log, sent, entries };
}

describe('attachUi with a fake session', () => {
  it('gives a late attacher the current snapshot at once, then every new one', () => {
    const f = fakeSession();
    f.snapshots.next(snapshotOf('oci'));
    const { ui, seen } = recorder();
    attachUi(f.session, ui);
    expect(seen.snapshots.map((s) => s.step)).toEqual(['oci']);
    f.snapshots.next(snapshotOf('profile'));
    expect(seen.snapshots.map((s) => s.step)).toEqual(['oci', 'profile']);
  });

  it('replays the logged events to a late attacher, then the live ones, each once and in order', () => {
    const f = fakeSession();
    f.log(entryOf(0));
    f.log(entryOf(1));
    const seen: number[] = [];
    // This UI makes the session log an entry while the past is being replayed to it.
    attachUi(f.session, {
      attach(view) {
        view.events$.subscribe((e) => {
          seen.push(e.seq);
          if (e.seq === 0) f.log(entryOf(2));
        });
      },
    });
    f.log(entryOf(3));
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('detaching ends the UI’s streams, runs its clean-up once, and stops its commands reaching the session', async () => {
    const f = fakeSession();
    const { ui, seen } = recorder();
    let view: SessionView | null = null;
    const detach = attachUi(f.session, { attach: (v) => ((view = v), ui.attach(v)) });
    expect(await view!.send({ type: 'fetchVoicemail' })).toEqual({ ok: true });
    detach();
    detach();
    expect(seen.completed).toBe(2);
    expect(seen.cleanedUp).toBe(1);
    f.log(entryOf(0));
    f.snapshots.next(snapshotOf('oci'));
    expect(seen.entries).toEqual([]);
    expect(seen.snapshots.map((s) => s.step)).toEqual(['branding.byLoginId']);
    expect(await view!.send({ type: 'fetchVoicemail' })).toMatchObject({ ok: false, code: 'not-connected' });
    expect(f.sent).toEqual([{ type: 'fetchVoicemail' }]);
  });
});

describe('attachUi with a real client against the lab', () => {
  let lab: Lab | null = null;
  let client: UnityClient | null = null;
  afterEach(async () => {
    await client?.stop();
    await lab?.stop();
    client = null;
    lab = null;
  });

  async function readySession(arrange: (c: UnityClient) => void = () => undefined): Promise<UnityClient> {
    lab = await startLab({ scenario: 'r22-cti', seed: 'shell-attach' });
    client = createUnityClient(labClientConfig(lab));
    arrange(client);
    expect((await client.start()).outcome).toBe('ready');
    return client;
  }

  it('attaching and detaching UIs during start-up leaves the event log as it is without them', async () => {
    const plain = await readySession();
    const without = signature(plain.log.entries);
    await plain.stop();
    await lab!.stop();

    const early = recorder();
    const late = recorder();
    const detaches: (() => void)[] = [];
    const withUis = await readySession((c) => {
      detaches.push(attachUi(c, early.ui));
      c.events$.subscribe((entry) => {
        if (entry.seq === 3) detaches.push(attachUi(c, late.ui)); // mid start-up
        if (entry.seq === 5) detaches[0]!(); // the early UI leaves mid start-up
      });
    });
    expect(signature(withUis.log.entries)).toEqual(without);
    // The late UI saw the whole log (the past replayed) and the early one a prefix of it.
    expect(late.seen.entries).toEqual(withUis.log.entries);
    expect(early.seen.entries).toEqual(withUis.log.entries.slice(0, 6));
    expect(early.seen.completed).toBe(2);
  });

  it('two UIs see the same snapshots', async () => {
    const a = recorder();
    const b = recorder();
    const c = await readySession((c) => {
      attachUi(c, a.ui);
      attachUi(c, b.ui);
    });
    expect(a.seen.snapshots.length).toBe(c.log.entries.length + 1); // the first, then one per event
    expect(b.seen.snapshots).toEqual(a.seen.snapshots);
    expect(a.seen.snapshots.at(-1)?.outcome).toBe('ready');
  });
});

// Exactly once (issue 10 item 3), as a property over random cut points: ann sends IMs to bob while
// the fault proxy cuts the connections at random byte offsets (mid-frame, between a request and its
// answer, during the login …) and the clients reconnect on the virtual clock. Whatever the cuts:
// every message is shown to bob once, its delivery is reported to ann once, and (IM&P) no message
// reaches the server again after its answer came back to ann.
import { fc } from '@fast-check/vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../../src/client/lab-client-config.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { startProxiedLab, type ProxiedLab } from '../../support/fault-proxy/proxied-lab.ts';
import { runFor, runUntil, stopOnClock, type VirtualWorld } from '../../support/fault-proxy/virtual-time.ts';
import { systemProgram } from '../../support/system-programs.ts';
import { internalsOf } from '../../../src/client/client-internals.ts';

interface Step {
  /** IMs ann sends now. */
  send: number;
  /** Break the proxied connections after this many more bytes (null: not this step). */
  cutAfter: number | null;
  /** How: a reset, or a freeze (nothing forwarded any more, nothing closed: half-open). */
  how: 'cut' | 'freeze';
  /** Virtual time to let pass afterwards. */
  advanceMs: number;
}

const step = fc.record({
  send: fc.integer({ min: 1, max: 3 }),
  cutAfter: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null, freq: 4 }),
  how: fc.constantFrom<'cut' | 'freeze'>('cut', 'freeze'),
  advanceMs: fc.constantFrom(0, 1_000, 15_000, 31_000),
});

interface Protocol {
  scenario: string;
  via: 'imp' | 'xmpp';
  proxy: string;
  bob: string;
  /** Whether bob's connection crosses the proxy too (XMPP: no, the lab's Prosody keeps no offline store). */
  bobProxied: boolean;
}

function exactlyOnceSuite(p: Protocol, runs: number): void {
  let lab: ProxiedLab;
  let clock: VirtualClock;
  const dirs: string[] = [];
  beforeAll(async () => {
    clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    lab = await startProxiedLab({ scenario: p.scenario, seed: `exactly-once-${p.via}`, clock, now: () => clock.now() });
  });
  afterAll(async () => {
    await lab.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const client = async (userIndex: number, proxied: boolean): Promise<UnityClient> => {
    const dir = mkdtempSync(join(tmpdir(), 'unity-once-'));
    dirs.push(dir);
    const config = proxied ? lab.config({ clock, stateDirectory: dir, userIndex }) : labClientConfig(lab.lab, { clock, stateDirectory: dir, userIndex });
    const c = createUnityClient(config);
    expect((await c.start()).outcome).toBe('ready');
    return c;
  };

  it(`${p.via}: every IM shown once and reported once, never resent after its answer`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const ann = await client(0, true);
        const bob = await client(1, p.bobProxied);
        try {
          const world: VirtualWorld = { clock, clients: [ann, bob], proxies: [...lab.proxies.values()] };
          const reports = new Map<string, number>();
          const receiptsAtReport = new Map<string, number>();
          const shown = new Map<string, number>();
          const count = (m: Map<string, number>, id: string): void => void m.set(id, (m.get(id) ?? 0) + 1);
          if (p.via === 'imp') {
            internalsOf(ann).links.imp!.delivery$.subscribe((d) => {
              if (d.status !== 'delivered') return;
              count(reports, d.id);
              receiptsAtReport.set(d.id, lab.lab.servers.imp.messageReceipts(d.id));
            });
            internalsOf(bob).links.imp!.messages$.subscribe((m) => count(shown, m.id));
          } else {
            internalsOf(ann).links.xmpp!.delivered$.subscribe((id) => count(reports, id));
            internalsOf(bob).links.xmpp!.messages$.subscribe((m) => m.id !== undefined && count(shown, m.id));
          }
          const ids: string[] = [];
          for (const s of steps) {
            // Armed first, so the cut lands among this step's own bytes (requests, answers, deliveries).
            if (s.cutAfter !== null) {
              if (s.how === 'cut') lab.proxy(p.proxy).cutAfterBytes(s.cutAfter);
              else lab.proxy(p.proxy).freezeAfterBytes(s.cutAfter);
            }
            for (let i = 0; i < s.send; i++) {
              const r = await ann.send({ type: 'sendIm', to: p.bob, body: `m${ids.length}`, via: p.via });
              expect(r.ok).toBe(true);
              ids.push((r as { value: { id: string } }).value.id);
            }
            await runFor(world, s.advanceMs, { maxWaitMs: 300 });
          }
          // Let every reconnect happen and every queued message go out.
          const settled = (): boolean =>
            [ann, bob].every((c) => c.snapshot.connections[p.via]?.state === 'online') &&
            (p.via === 'imp' ? internalsOf(ann).links.imp!.pending() : internalsOf(ann).links.xmpp!.pending()).length === 0 &&
            ids.every((id) => shown.has(id));
          // A frozen link is found by an unanswered request (30 s) or at worst the keepalive (300 s + 30 s).
          expect(await runUntil(world, settled, 600_000, { maxWaitMs: 300 })).toBe(true);
          await runFor(world, 1_000);
          for (const id of ids) {
            expect(shown.get(id), `${id} shown to bob`).toBe(1);
            expect(reports.get(id), `${id} reported delivered`).toBe(1);
            if (p.via === 'imp') expect(lab.lab.servers.imp.messageReceipts(id), `${id} not sent after its answer`).toBe(receiptsAtReport.get(id));
          }
        } finally {
          await stopOnClock({ clock }, [ann, bob]);
          await lab.proxy(p.proxy).clear();
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
}

describe('exactly once over Kakapo IM&P, random cut points', () => {
  exactlyOnceSuite({ scenario: 'r22-cti', via: 'imp', proxy: 'imp', bob: 'bob@lab.test', bobProxied: true }, 12);
});

systemProgram('prosody').describe('exactly once over XMPP (Prosody), random cut points', () => {
  exactlyOnceSuite({ scenario: 'xmpp', via: 'xmpp', proxy: 'xmpp', bob: 'bob@xmpp.lab.test', bobProxied: false }, 8);
});

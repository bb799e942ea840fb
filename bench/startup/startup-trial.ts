// One client start-up, timed from start() to ready, with the time spent in each top-level state of
// the start-up machine (branding, oci, profile, cti, license, messaging). A trial that does not
// reach ready, or whose connections did not go through the delay proxies, is an error, not a sample.
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import type { UnityClientConfig } from '../../src/client/client-config.ts';
import { createUnityClient } from '../../src/client/create-unity-client.ts';

export interface StartupTrial {
  totalMs: number;
  /** Top-level start-up state → milliseconds spent in it. */
  stateMs: Map<string, number>;
  snapshot: ClientSnapshot;
}

/** `messaging.(imp.connecting,xmpp.skipped)` → `messaging`; `branding.byLoginId` → `branding`. */
const topState = (step: string): string => step.split(/[.(]/)[0] ?? step;

export async function runStartupTrial(config: UnityClientConfig, proxyPorts: ReadonlySet<number>): Promise<StartupTrial> {
  const client = createUnityClient(config);
  const entered: [string, number][] = [];
  const t0 = performance.now();
  const watch = client.snapshot$.subscribe((s) => {
    const top = topState(s.step);
    if (entered.at(-1)?.[0] !== top) entered.push([top, Math.max(t0, performance.now())]);
  });
  let snapshot: ClientSnapshot;
  let totalMs: number;
  try {
    snapshot = await client.start();
    totalMs = performance.now() - t0;
  } finally {
    watch.unsubscribe();
    await client.stop();
  }
  if (snapshot.outcome !== 'ready') throw new Error(`start-up did not reach ready: ${snapshot.step} (${snapshot.stop?.reason ?? 'no reason'})`);
  for (const [name, c] of Object.entries(snapshot.connections)) {
    if (!proxyPorts.has(c.port)) throw new Error(`the ${name} connection bypassed the delay proxies (${c.host}:${c.port})`);
  }
  const stateMs = new Map<string, number>();
  entered.forEach(([state, at], i) => {
    const next = entered[i + 1]?.[1];
    if (next !== undefined) stateMs.set(state, (stateMs.get(state) ?? 0) + next - at);
  });
  return { totalMs, stateMs, snapshot };
}

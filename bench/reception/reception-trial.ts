// One client start-up against a reception lab: start() to ready, then to every lamp subscribed,
// with the CPU the client's process and the lab's process spent from start() to the last lamp, and
// the subscriptions the server holds when the last lamp lit. A trial that does
// not reach ready, whose connections bypassed the proxies, or whose lamps are not all subscribed
// within `timeoutMs` says so in its result rather than being taken as a sample.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { createUnityClient } from '../../src/client/create-unity-client.ts';
import type { ReceptionLab } from './reception-lab.ts';

export interface ReceptionTrial {
  readyMs: number;
  /** start() → every lamp subscribed; null when they were not all subscribed within the timeout. */
  lampsMs: number | null;
  subscribed: number;
  clientCpuMs: number;
  labCpuMs: number;
  /** Basic Call subscriptions the server held when the last lamp lit (N when none is orphaned or doubled). */
  serverAtLit: number;
  /**
   * The event loop's delay from ready to the last lamp (ms, 99th percentile and maximum): how long
   * a user's command or a keepalive could wait behind the monitoring's work, which grows with the
   * answers a window lets arrive together.
   */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  snapshot: ClientSnapshot;
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function subscribedCount(snapshot: ClientSnapshot): number {
  let n = 0;
  for (const lamp of Object.values(snapshot.domain.lamps)) if (lamp.subscription?.state === 'subscribed') n++;
  return n;
}

export async function runReceptionTrial(lab: ReceptionLab, timeoutMs: number): Promise<ReceptionTrial> {
  const client = createUnityClient(lab.config);
  const labCpu0 = await lab.labCpuMs();
  const cpu0 = cpuMs();
  const t0 = performance.now();
  let readyMs = 0;
  let lampsMs: number | null = null;
  let subscribed = 0;
  let snapshot: ClientSnapshot;
  let clientCpuMs = 0;
  let labCpuMs = 0;
  let serverAtLit = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  try {
    snapshot = await client.start();
    readyMs = performance.now() - t0;
    if (snapshot.outcome !== 'ready') throw new Error(`start-up did not reach ready: ${snapshot.step} (${snapshot.stop?.reason ?? 'no reason'})`);
    for (const [name, c] of Object.entries(snapshot.connections)) {
      if (!lab.proxyPorts.has(c.port)) throw new Error(`the ${name} connection bypassed the delay proxies (${c.host}:${c.port})`);
    }
    // Polled, not per snapshot, and counted again only when the lamps changed; the time the
    // counting takes is the bench's own and is taken out of the client's CPU figure.
    let seen: unknown = null;
    let countingMs = 0;
    loopDelay.enable();
    while (performance.now() - t0 < timeoutMs) {
      const lamps = client.snapshot.domain.lamps;
      if (lamps !== seen) {
        seen = lamps;
        const counting = performance.now();
        subscribed = subscribedCount(client.snapshot);
        countingMs += performance.now() - counting;
        if (subscribed === lab.monitored) {
          lampsMs = performance.now() - t0;
          break;
        }
      }
      await wait(5);
    }
    loopDelay.disable();
    clientCpuMs = cpuMs() - cpu0 - countingMs;
    labCpuMs = (await lab.labCpuMs()) - labCpu0;
    serverAtLit = await lab.serverSubscriptions();
    snapshot = client.snapshot;
  } finally {
    loopDelay.disable();
    await client.stop();
  }
  const loopDelayP99Ms = loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0;
  const loopDelayMaxMs = loopDelay.count > 0 ? loopDelay.max / 1e6 : 0;
  return { readyMs, lampsMs, subscribed, clientCpuMs, labCpuMs, serverAtLit, loopDelayP99Ms, loopDelayMaxMs, snapshot };
}

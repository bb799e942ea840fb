// Start-up time against one lab scenario behind delay proxies (issue 5 "Benchmark"): a warm-up,
// then `trials` start-ups with the delay, alternating with as many with no added delay (what the
// computing alone costs: client, lab servers, loopback), beside the critical-path bound of the same
// run (the round trips the negotiated start-up needs × the echo round trip measured before and after).
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { criticalPath, type NegotiatedStartup, type PathStep } from './critical-path.ts';
import { startProxiedLab } from './proxied-lab.ts';
import { measureRoundTripMs } from './round-trip.ts';
import { median, summarize, type Summary } from './stats.ts';
import { runStartupTrial, type StartupTrial } from './startup-trial.ts';
import { negotiatedTls } from './tls-probe.ts';

export interface StartupResult {
  scenario: string;
  oneWayDelayMs: number;
  rttMs: number;
  total: Summary;
  /** The same start-ups with no added delay. */
  undelayed: Summary;
  path: PathStep[];
  /** Median milliseconds per start-up state, with the delay and without. */
  stateMedianMs: Map<string, number>;
  undelayedStateMedianMs: Map<string, number>;
  /** Service → connections its proxy accepted per start-up (the warm-up excluded). */
  connectionsPerStartup: Map<string, number>;
  negotiated: NegotiatedStartup;
}

/** What a ready start-up negotiated, for its critical path (criticalPath). */
export function negotiatedOf(snapshot: ClientSnapshot, portalTls: string | null): NegotiatedStartup {
  const { release, callControl, connections } = snapshot;
  if (release === null || callControl === null || connections.oci === undefined) throw new Error('a ready start-up without release, call control or OCI');
  return {
    portalTls,
    release,
    oci: { tls: connections.oci.tls },
    callControl,
    ...(connections.cti ? { cti: { tls: connections.cti.tls } } : {}),
    ...(connections.imp ? { imp: { tls: connections.imp.tls } } : {}),
    ...(connections.xmpp ? { xmpp: { tls: connections.xmpp.tls } } : {}),
  };
}

function stateMedians(runs: readonly StartupTrial[]): Map<string, number> {
  const states = new Set(runs.flatMap((r) => [...r.stateMs.keys()]));
  return new Map([...states].map((s) => [s, median(runs.map((r) => r.stateMs.get(s) ?? 0))]));
}

export async function benchStartup(options: { scenario: string; oneWayDelayMs: number; trials: number }): Promise<StartupResult> {
  const { scenario, oneWayDelayMs, trials } = options;
  const proxied = await startProxiedLab(scenario, oneWayDelayMs);
  try {
    const { lab, proxies, config } = proxied;
    const proxyPorts = new Set([...proxies.values()].map((p) => p.port));
    const portal = lab.services['portal']!;
    const portalTls = await negotiatedTls({ address: lab.hostMap[portal.host] ?? '127.0.0.1', port: portal.port, servername: portal.host, ca: lab.caCertPem });

    const trial = async (delayMs: number): Promise<StartupTrial> => {
      for (const p of proxies.values()) p.oneWayDelayMs = delayMs;
      return runStartupTrial(config, proxyPorts);
    };

    const rttBefore = await measureRoundTripMs(oneWayDelayMs);
    await trial(oneWayDelayMs); // warm-up: JIT, module state, TLS contexts
    await trial(0);
    const counted = new Map([...proxies].map(([name, p]) => [name, p.connections]));
    const delayed: StartupTrial[] = [];
    const undelayed: StartupTrial[] = [];
    for (let i = 0; i < trials; i++) {
      delayed.push(await trial(oneWayDelayMs));
      undelayed.push(await trial(0));
    }
    const rttAfter = await measureRoundTripMs(oneWayDelayMs);

    const negotiated = negotiatedOf(delayed[0]!.snapshot, portalTls);
    return {
      scenario,
      oneWayDelayMs,
      rttMs: (rttBefore + rttAfter) / 2,
      total: summarize(delayed.map((r) => r.totalMs)),
      undelayed: summarize(undelayed.map((r) => r.totalMs)),
      path: criticalPath(negotiated),
      stateMedianMs: stateMedians(delayed),
      undelayedStateMedianMs: stateMedians(undelayed),
      connectionsPerStartup: new Map([...proxies].map(([name, p]) => [name, (p.connections - (counted.get(name) ?? 0)) / (2 * trials)])),
      negotiated,
    };
  } finally {
    await proxied.stop();
  }
}

// npm run bench:startup — (1) time from start() to ready against the lab with a delay proxy in front
// of every service, beside the critical-path bound measured in the same run (scenarios r22-cti and
// r24-cti-tls); (2) XMPP time-to-online, ours beside @xmpp/client, against the same Prosody.
// Options: --trials N (default 9) --delay MS one way per hop (default 10) --xmpp-rounds N (default 10)
//          --iterations N SCRAM cost (default 4096) --only startup|xmpp
import { compareXmpp, type XmppPass } from './xmpp-compare.ts';
import { benchStartup, type StartupResult } from './startup-bench.ts';
import { formatSummary, ms } from './stats.ts';
import { xmppOnlineRtts } from './critical-path.ts';

const SCENARIOS = ['r22-cti', 'r24-cti-tls'];

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function printStartup(r: StartupResult): void {
  const bound = r.path.reduce((n, s) => n + s.rtts, 0);
  const boundMs = bound * r.rttMs;
  console.log(`\n${r.scenario}: ${r.total.n} start-ups, ${r.oneWayDelayMs} ms added each way per hop, measured RTT ${ms(r.rttMs)}`);
  console.log(`  ${'state'.padEnd(10)} ${'RTTs'.padStart(4)} ${'bound'.padStart(9)} ${'ours'.padStart(9)} ${'ours, 0 ms'.padStart(10)}  counted round trips (medians)`);
  for (const step of r.path) {
    const ours = r.stateMedianMs.get(step.state) ?? 0;
    const bare = r.undelayedStateMedianMs.get(step.state) ?? 0;
    console.log(`  ${step.state.padEnd(10)} ${String(step.rtts).padStart(4)} ${ms(step.rtts * r.rttMs).padStart(9)} ${ms(ours).padStart(9)} ${ms(bare).padStart(10)}  ${step.why}`);
  }
  console.log(`  ours  start() → ready: ${formatSummary(r.total)}`);
  console.log(`  ours with no added delay (computing only): ${formatSummary(r.undelayed)}`);
  console.log(`  bound ${bound} RTT × ${ms(r.rttMs)} = ${ms(boundMs)}`);
  console.log(`  ratio ours/bound (medians): ${(r.total.median / boundMs).toFixed(2)}`);
  const perStartup = [...r.connectionsPerStartup].filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`);
  console.log(`  connections per start-up through the proxies: ${perStartup.join(', ')}`);
}

function printXmppPass(p: XmppPass, boundMs?: number, rtts?: number): void {
  console.log(`  ${p.label} (STARTTLS → ${p.tls ?? 'plain'})`);
  console.log(`    unity-connect  ${formatSummary(p.ours)}`);
  console.log(`    @xmpp/client   ${formatSummary(p.xmppjs)}`);
  if (boundMs !== undefined) console.log(`    bound          ${rtts} RTT = ${ms(boundMs)}  (ours/bound ${(p.ours.median / boundMs).toFixed(2)}, xmpp.js/bound ${(p.xmppjs.median / boundMs).toFixed(2)})`);
  console.log(`    ratio @xmpp/client / ours (medians): ${(p.xmppjs.median / p.ours.median).toFixed(2)}`);
}

async function main(): Promise<void> {
  const trials = numberArg('--trials', 9);
  const delay = numberArg('--delay', 10);
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
  console.log(`startup bench — node ${process.version}`);
  if (only !== 'xmpp') {
    for (const scenario of SCENARIOS) printStartup(await benchStartup({ scenario, oneWayDelayMs: delay, trials }));
  }
  if (only !== 'startup') {
    const iterationCount = numberArg('--iterations', 4096);
    const rounds = numberArg('--xmpp-rounds', 10);
    const x = await compareXmpp({ rounds, iterationCount, oneWayDelayMs: delay });
    console.log(`\nXMPP time-to-online against one Prosody (SCRAM-SHA-1, ${iterationCount} iterations), ${rounds} alternating rounds each`);
    printXmppPass(x.direct);
    // Both clients enable XEP-0198 before online (xmpp-online.ts), so the bound counts it.
    const rtts = xmppOnlineRtts(x.proxied.tls, { acks: true });
    printXmppPass(x.proxied, rtts * x.proxied.rttMs, rtts);
  }
}

await main();

// npm run bench:reception (issue 14) — a client monitoring N users (the reception-1000 lab with N
// users on the first user's Busy Lamp Field list), with a delay proxy in front of every service:
// start() to ready and start() to every lamp subscribed, for 0, 1,000 and 20,000 monitored users,
// beside the bound of the same run: the start-up's critical path + ⌈N / window⌉ round trips (the
// subscriptions in flight at most, monitoringWindow) + the lab's own processing (the CPU of its
// process, measured alone). The lab and the proxies each run in a process of their own, so the
// client's CPU is the client's. Goals: ready with 1,000 within 1.1× ready with 0; all 1,000 lamps
// within 1.5× the bound; 20,000 all subscribed, none orphaned or doubled on the server, with client CPU per monitored user
// constant from 1,000 to 20,000 (within 1.25×).
// Options: --trials N (default 5, alternating 0 and 1,000) --large-trials N (default 2)
//          --delay MS one way per hop (default 10) --large N (default 20000; 0 skips it)
//          --window N (default the client's, DEFAULT_MONITORING_WINDOW)
import { DEFAULT_MONITORING_WINDOW } from '../../src/adapters/runtime/monitoring-options.ts';
import { criticalPath } from '../startup/critical-path.ts';
import { measureRoundTripMs } from '../startup/round-trip.ts';
import { negotiatedOf } from '../startup/startup-bench.ts';
import { median, ms } from '../startup/stats.ts';
import { negotiatedTls } from '../startup/tls-probe.ts';
import { startReceptionLab, type ReceptionLab } from './reception-lab.ts';
import { runReceptionTrial, type ReceptionTrial } from './reception-trial.ts';

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}
const TRIALS = Math.max(1, numberArg('--trials', 5));
const LARGE_TRIALS = Math.max(1, numberArg('--large-trials', 2));
const DELAY = numberArg('--delay', 10);
const LARGE = numberArg('--large', 20_000);
const WINDOW = Math.max(1, numberArg('--window', DEFAULT_MONITORING_WINDOW));
const TIMEOUT_MS = 300_000;

interface SizeResult {
  users: number;
  trials: ReceptionTrial[];
  pathRtts: number;
  ready: number;
  lamps: number | null;
  clientCpu: number;
  labCpu: number;
  loopP99: number;
  loopMax: number;
}

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

async function trialsOf(lab: ReceptionLab, n: number, into: ReceptionTrial[]): Promise<void> {
  for (let i = 0; i < n; i++) into.push(await runReceptionTrial(lab, TIMEOUT_MS));
}

async function resultOf(lab: ReceptionLab, trials: ReceptionTrial[]): Promise<SizeResult> {
  const portalTls = await negotiatedTls(lab.portal);
  const pathRtts = criticalPath(negotiatedOf(trials[0]!.snapshot, portalTls)).reduce((n, s) => n + s.rtts, 0);
  const lit = trials.map((t) => t.lampsMs);
  return {
    users: lab.monitored,
    trials,
    pathRtts,
    ready: median(trials.map((t) => t.readyMs)),
    lamps: lit.every((t) => t !== null) ? median(lit as number[]) : null,
    clientCpu: median(trials.map((t) => t.clientCpuMs)),
    labCpu: median(trials.map((t) => t.labCpuMs)),
    loopP99: median(trials.map((t) => t.loopDelayP99Ms)),
    loopMax: median(trials.map((t) => t.loopDelayMaxMs)),
  };
}

async function main(): Promise<void> {
  console.log(`reception bench — node ${process.version}, ${DELAY} ms added each way per hop, window ${WINDOW}`);
  const rttBefore = await measureRoundTripMs(DELAY);
  const results: SizeResult[] = [];

  // 0 and 1,000 side by side: one warm-up each, then alternating trials.
  const [none, thousand] = await Promise.all([startReceptionLab(0, DELAY, WINDOW), startReceptionLab(1_000, DELAY, WINDOW)]);
  try {
    await runReceptionTrial(none, TIMEOUT_MS);
    await runReceptionTrial(thousand, TIMEOUT_MS);
    const a: ReceptionTrial[] = [];
    const b: ReceptionTrial[] = [];
    for (let i = 0; i < TRIALS; i++) {
      await trialsOf(none, 1, a);
      await trialsOf(thousand, 1, b);
    }
    results.push(await resultOf(none, a), await resultOf(thousand, b));
  } finally {
    await Promise.all([none.stop(), thousand.stop()]);
  }
  if (LARGE > 0) {
    const large = await startReceptionLab(LARGE, DELAY, WINDOW);
    try {
      const c: ReceptionTrial[] = [];
      await trialsOf(large, LARGE_TRIALS, c);
      results.push(await resultOf(large, c));
    } finally {
      await large.stop();
    }
  }
  const rtt = (rttBefore + (await measureRoundTripMs(DELAY))) / 2;

  const boundOf = (r: SizeResult): number => (r.pathRtts + Math.ceil(r.users / WINDOW)) * rtt + r.labCpu;
  console.log(`measured RTT ${ms(rtt)}; medians of ${TRIALS} trials (${LARGE_TRIALS} at ${LARGE.toLocaleString('en')})`);
  console.log(`  ${'users'.padStart(6)} ${'ready'.padStart(10)} ${'all lamps'.padStart(10)} ${'bound'.padStart(10)} ${'ratio'.padStart(6)} ${'client CPU'.padStart(11)} ${'lab CPU'.padStart(10)} ${'loop delay p99/max'.padStart(19)}  server subscriptions per trial`);
  for (const r of results) {
    const bound = boundOf(r);
    const held = r.trials.map((t) => t.serverAtLit).join(' ');
    console.log(
      `  ${String(r.users).padStart(6)} ${ms(r.ready).padStart(10)} ${(r.lamps === null ? 'not all' : ms(r.lamps)).padStart(10)} ${ms(bound).padStart(10)} ${(r.lamps === null ? '-' : (r.lamps / bound).toFixed(2)).padStart(6)} ${ms(r.clientCpu).padStart(11)} ${ms(r.labCpu).padStart(10)} ${`${r.loopP99.toFixed(1)}/${r.loopMax.toFixed(1)} ms`.padStart(19)}  ${held}`,
    );
    console.log(`         bound = (${r.pathRtts} start-up RTTs + ⌈${r.users}/${WINDOW}⌉ = ${Math.ceil(r.users / WINDOW)}) × ${ms(rtt)} + lab CPU ${ms(r.labCpu)}`);
  }

  const [zero, one, big] = results as [SizeResult, SizeResult, SizeResult | undefined];
  const readyRatio = one.ready / zero.ready;
  console.log(`goals:`);
  console.log(`  ready with 1,000 / ready with 0 = ${readyRatio.toFixed(2)} (goal ≤ 1.10): ${met(readyRatio <= 1.1)}`);
  const lampRatio = one.lamps === null ? Number.POSITIVE_INFINITY : one.lamps / boundOf(one);
  console.log(`  all 1,000 lamps / bound = ${lampRatio.toFixed(2)} (goal ≤ 1.50): ${met(lampRatio <= 1.5)}`);
  const clean = (r: SizeResult): boolean => r.trials.every((t) => t.lampsMs !== null && t.serverAtLit === r.users);
  console.log(`  1,000: every trial all subscribed, the server held exactly 1,000: ${met(clean(one))}`);
  if (big !== undefined) {
    const perUser = (r: SizeResult): number => (r.clientCpu - zero.clientCpu) / r.users;
    const growth = perUser(big) / perUser(one);
    console.log(`  ${big.users.toLocaleString('en')}: every trial all subscribed, the server held exactly that many (none orphaned or doubled): ${met(clean(big))}`);
    console.log(`  client CPU per monitored user: ${(perUser(one) * 1000).toFixed(1)} µs at 1,000, ${(perUser(big) * 1000).toFixed(1)} µs at ${big.users.toLocaleString('en')} → ${growth.toFixed(2)}× (goal ≤ 1.25): ${met(growth <= 1.25)}`);
  }
}

await main();

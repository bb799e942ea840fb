// npm run bench:memory (issue 11 item 5) — a week-long session holds steady memory: a client on a
// virtual clock against the lab (in a child process, so this heap is the client's), writing its
// event log and ConnectionLog.txt to files, runs 10 000 keepalive rounds (300 s of virtual time
// each: 35 days, with CTI channel and subscription refreshes, the call-center statistics refresh
// and its logged draws). The heap after a forced GC is sampled along the way; the goal is the heap
// after 10 000 rounds equal to the heap after 100 within noise: ratio ≤ 1.05, measured without
// V8's code spaces (compiled code is the runtime's, not the session's), printed with them too. The log file must
// hold every entry while the in-memory log keeps its retention.
// A first session (--warmup rounds, default 2000) runs before the measured one: V8 compiles and
// optimises code during the first thousand rounds (a heap snapshot diff shows the growth as code
// and deoptimisation data, not objects), and that is the runtime warming up, not the session
// holding memory. The cold session's own ratio is printed too.
// Then (issue 14) the memory of many sessions in one process (sessions-bench.ts): heap per idle
// session (goal ≤ 2 MB) with 1,000 sessions in one process against the lab, and per monitored
// user (goal ≤ 2 KB).
// Options: --rounds N (default 10000) --baseline N (default 100) --warmup N (default 2000, 0: none)
//          --sessions N (default 1000) --monitored N (default 5000) --only keepalive|sessions
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { getHeapSpaceStatistics } from 'node:v8';
import { filter, firstValueFrom } from 'rxjs';
import { createUnityClient, labClientConfig, VirtualClock, type LabEndpoints, type LogEntry } from 'unity-connect';
import { benchSessions } from './sessions-bench.ts';

const GOAL = 1.05;
const PER_SESSION_MB = 2;
const PER_MONITORED_KB = 2;
const CONNECTIONS = ['oci', 'cti', 'imp'];

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:memory does)');

/** The heap after full collections (MB): all of it, and without V8's compiled code; medians of three. */
interface Heap {
  total: number;
  /** heapUsed less the code spaces (what the session's objects take; code grows as V8 optimises). */
  data: number;
}

async function heapMb(): Promise<Heap> {
  const samples: Heap[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc!();
    gc!();
    const code = getHeapSpaceStatistics()
      .filter((space) => space.space_name === 'code_space' || space.space_name === 'code_large_object_space')
      .reduce((n, space) => n + space.space_used_size, 0);
    const total = process.memoryUsage().heapUsed;
    samples.push({ total: total / 1048576, data: (total - code) / 1048576 });
  }
  const median = (pick: (h: Heap) => number) => samples.map(pick).sort((a, b) => a - b)[1]!;
  return { total: median((h) => h.total), data: median((h) => h.data) };
}

interface Measured {
  samples: Array<{ round: number; heap: Heap; entries: number }>;
  seconds: number;
  logged: number;
  onDisk: number;
  connectionLog: number;
}

const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves the virtual clock `ms` on, timer by timer, letting the lab answer in real time after each:
 * a refresh that falls due inside the round sends a request whose 30-s timeout would otherwise
 * fire in the same jump, before the answer could arrive. A timer due within 30 s of another is
 * waited for (up to 100 ms of real time) to be answered and cleared first.
 */
async function advanceWithAnswers(clock: VirtualClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  for (let next = clock.nextDueTime(); next !== undefined && next < target; next = clock.nextDueTime()) {
    clock.advanceTo(next);
    await realWait(1);
    for (let i = 0; i < 50 && (clock.nextDueTime() ?? Number.POSITIVE_INFINITY) - clock.now() <= 30_000; i++) await realWait(2);
  }
  clock.advanceTo(target);
}

/** One session of `rounds` keepalive rounds; the heap at each checkpoint. */
async function session(lab: LabEndpoints, rounds: number, checkpoints: ReadonlySet<number>, print: boolean): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'uc-memory-bench-'));
  const logFile = join(dir, 'session.jsonl');
  const clock = new VirtualClock(1_000_000);
  const client = createUnityClient(labClientConfig(lab, { clock, logFile }));
  try {
    const ready = await client.start();
    if (ready.outcome !== 'ready') throw new Error(`start-up stopped: ${ready.stop?.reason}`);
    let acks = 0;
    client.events$.pipe(filter((e: LogEntry) => e.event.type === 'KEEPALIVE.ACK')).subscribe(() => acks++);
    const samples: Measured['samples'] = [];
    const started = performance.now();
    for (let round = 1; round <= rounds; round++) {
      const want = acks + CONNECTIONS.length;
      // Every connection is quiet for the keepalive period: each sends one keepalive and waits.
      await advanceWithAnswers(clock, 300_000);
      if (acks < want) await firstValueFrom(client.events$.pipe(filter(() => acks >= want)));
      for (const name of CONNECTIONS) {
        const state = client.snapshot.connections[name as 'oci']?.state;
        if (state !== 'online') throw new Error(`round ${round}: ${name} is ${state}`);
      }
      if (checkpoints.has(round)) {
        const heap = await heapMb();
        samples.push({ round, heap, entries: client.log.entries.length });
        if (print) console.log(`  after ${String(round).padStart(6)} rounds: heap ${heap.total.toFixed(2)} MB (${heap.data.toFixed(2)} MB without compiled code), ${client.log.entries.length} entries in memory of ${client.snapshot.seq + 1} logged`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await client.stop();
    const logged = client.snapshot.seq + 1;
    const onDisk = (await readFile(logFile, 'utf8')).trim().split('\n').length;
    const connectionLog = (await readFile(join(dir, 'session.ConnectionLog.txt'), 'utf8')).trim().split('\n').length;
    return { samples, seconds, logged, onDisk, connectionLog };
  } finally {
    await client.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const ratioOf = (m: Measured, baseline: number, pick: (h: Heap) => number): number => pick(m.samples.at(-1)!.heap) / pick(m.samples.find((s) => s.round === baseline)!.heap);

async function keepaliveBench(): Promise<void> {
  const rounds = numberArg('--rounds', 10_000);
  const baseline = Math.min(numberArg('--baseline', 100), rounds);
  const warmup = process.argv.includes('--warmup') ? numberArg('--warmup', 0) : 2_000;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/memory/lab-child.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the lab exited (${code})`)));
  });
  const lab = JSON.parse(firstLine) as LabEndpoints;
  console.log(`memory bench — node ${process.version}, ${rounds} keepalive rounds of 300 s virtual time (OCI, CTI, Kakapo IM&P)`);
  try {
    const checkpoints = new Set([baseline, 200, 500, 1_000, 2_000, 5_000, rounds].filter((r) => r <= rounds));
    if (warmup > 0) {
      const cold = await session(lab, Math.max(warmup, baseline), new Set([baseline, Math.max(warmup, baseline)]), false);
      console.log(
        `  warm-up session (${Math.max(warmup, baseline)} rounds, cold runtime): heap ${cold.samples[0]!.heap.total.toFixed(2)} → ${cold.samples.at(-1)!.heap.total.toFixed(2)} MB (ratio ${ratioOf(cold, baseline, (h) => h.total).toFixed(3)}; without compiled code ${ratioOf(cold, baseline, (h) => h.data).toFixed(3)})`,
      );
    }
    const m = await session(lab, rounds, checkpoints, true);
    const ratio = ratioOf(m, baseline, (h) => h.data);
    const whole = ratioOf(m, baseline, (h) => h.total);
    const spread = Math.max(...m.samples.map((s) => s.heap.data)) - Math.min(...m.samples.map((s) => s.heap.data));
    console.log(`  ${rounds} rounds in ${m.seconds.toFixed(1)} s (${((m.seconds * 1000) / rounds).toFixed(2)} ms per round)`);
    console.log(`  log file: ${m.onDisk} lines for ${m.logged} entries logged (complete: ${m.onDisk >= m.logged ? 'yes' : 'NO'}); ConnectionLog.txt ${m.connectionLog} lines`);
    console.log(`  heap after ${rounds} / heap after ${baseline} rounds, without compiled code: ${ratio.toFixed(3)} (goal ≤ ${GOAL}); spread of all samples ${spread.toFixed(2)} MB`);
    console.log(`  the same with V8's code spaces: ${whole.toFixed(3)} (compiled code grows while V8 optimises; a heap snapshot diff shows no object growth)`);
    if (ratio > GOAL || m.onDisk < m.logged) process.exitCode = 1;
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

async function sessionsBench(): Promise<void> {
  const sessions = numberArg('--sessions', 1_000);
  const monitored = numberArg('--monitored', 5_000);
  console.log(`\nsessions in one process (issue 14) — ${sessions} idle sessions and one monitoring ${monitored} users, against one lab; heap without compiled code`);
  const r = await benchSessions({ sessions, monitored, heapMb: async () => (await heapMb()).data });
  console.log(`  one idle session ${r.idleSessionMb.toFixed(2)} MB; one monitoring ${monitored} users ${r.monitoringSessionMb.toFixed(2)} MB`);
  console.log(`  per monitored user: ${r.perMonitoredKb.toFixed(2)} KB (goal ≤ ${PER_MONITORED_KB} KB): ${met(r.perMonitoredKb <= PER_MONITORED_KB)}`);
  console.log(`  ${r.sessions} sessions started in ${r.startSeconds.toFixed(1)} s, ${r.online} with every connection online: ${met(r.online === r.sessions)}`);
  console.log(`  per idle session: ${r.perSessionMb.toFixed(3)} MB (goal ≤ ${PER_SESSION_MB} MB): ${met(r.perSessionMb <= PER_SESSION_MB)}`);
  if (r.perMonitoredKb > PER_MONITORED_KB || r.perSessionMb > PER_SESSION_MB || r.online < r.sessions) process.exitCode = 1;
}

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
if (only !== 'sessions') await keepaliveBench();
if (only !== 'keepalive') await sessionsBench();

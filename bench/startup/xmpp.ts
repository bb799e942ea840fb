// XMPP time-to-online against one Prosody (issue 5 "Benchmark"): our engine (node:crypto SCRAM,
// the project's effects) beside @xmpp/client (xmpp.js), same server, same accounts, same run.
// "Online" = TCP + STARTTLS + SCRAM-SHA-1 + bind + initial presence written.
// Run: npx tsx bench/startup/xmpp.ts [--rounds N] [--iterations N]
//
// xmpp.js has no option for a trusted CA (protocols/xmpp.md), so the measuring part runs in a child
// process started with NODE_EXTRA_CA_CERTS=<lab CA>; ours is given the CA through configuration.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatMap, firstValueFrom } from 'rxjs';
import { createXmppSession } from '../../src/adapters/xmpp/index.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { connectTcp } from '../../src/effects/tcp-connect.ts';
import { createLabPki } from '../../src/lab/pki/index.ts';
import { startProsody } from '../../src/lab/xmpp/index.ts';

const DOMAIN = 'xmpp.lab.test';
const PASSWORD = 'bench-password-1';

interface ChildInput {
  port: number;
  ca: string;
  rounds: number;
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

async function oursOnline(input: ChildInput, user: string): Promise<number> {
  const started = performance.now();
  const session = createXmppSession({ jid: `${user}@${DOMAIN}`, resource: 'bench', ca: [input.ca], random: (n) => randomBytes(n) });
  const resolver = createHostMapResolver({ [DOMAIN]: '127.0.0.1' });
  await firstValueFrom(
    connectTcp({ host: DOMAIN, port: input.port, resolver, timeoutMs: 10_000 }).pipe(
      concatMap((socket) => session.open(socket)),
      concatMap(() => session.startTls()),
      concatMap(() => session.authenticate({ password: PASSWORD })),
      concatMap(() => session.bind()),
    ),
  );
  session.sendPresence();
  const elapsed = performance.now() - started;
  await firstValueFrom(session.close(), { defaultValue: undefined });
  return elapsed;
}

async function xmppJsOnline(input: ChildInput, user: string): Promise<number> {
  const { client, xml } = await import('@xmpp/client');
  const started = performance.now();
  const xmpp = client({ service: `xmpp://127.0.0.1:${input.port}`, domain: DOMAIN, resource: 'bench', username: user, password: PASSWORD });
  xmpp.reconnect.stop(); // xmpp.md: its reconnect retries every second; not part of this measure
  const online = new Promise<void>((resolve, reject) => {
    xmpp.on('online', () => resolve());
    xmpp.on('error', reject);
  });
  await xmpp.start();
  await online;
  await xmpp.send(xml('presence'));
  const elapsed = performance.now() - started;
  await xmpp.stop();
  return elapsed;
}

function summary(samples: number[]): { median: number; p90: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p90: at(0.9), min: sorted[0] ?? Number.NaN };
}

async function child(input: ChildInput): Promise<void> {
  const ours: number[] = [];
  const theirs: number[] = [];
  // One warm-up each (module loading, TLS context), then alternate which goes first.
  await oursOnline(input, 'warm1');
  await xmppJsOnline(input, 'warm2');
  for (let round = 0; round < input.rounds; round++) {
    const user = `u${round}`;
    if (round % 2 === 0) {
      ours.push(await oursOnline(input, user));
      theirs.push(await xmppJsOnline(input, user));
    } else {
      theirs.push(await xmppJsOnline(input, user));
      ours.push(await oursOnline(input, user));
    }
  }
  process.stdout.write(JSON.stringify({ ours: summary(ours), xmppjs: summary(theirs) }) + '\n');
}

export interface XmppBenchOptions {
  rounds?: number;
  /** SCRAM cost of the accounts; Prosody's default 10000 is the realistic figure (xmpp.md). */
  iterationCount?: number;
}

/** Runs the comparison and returns the lines of its report (for bench/startup/run.ts or the CLI below). */
export async function runXmppStartupBench(options: XmppBenchOptions = {}): Promise<string[]> {
  const rounds = options.rounds ?? 20;
  const iterationCount = options.iterationCount ?? 10_000;
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
  const users = ['warm1', 'warm2', ...Array.from({ length: rounds }, (_, i) => `u${i}`)].map((localpart) => ({ localpart, password: PASSWORD }));
  const server = await startProsody({ domain: DOMAIN, certPem: cert.certPem, keyPem: cert.keyPem, users, iterationCount });
  const dir = await mkdtemp(join(tmpdir(), 'unity-connect-xmpp-bench-'));
  try {
    const caFile = join(dir, 'lab-ca.pem');
    await writeFile(caFile, pki.caCertPem);
    const input: ChildInput = { port: server.endpoints.plain.port, ca: pki.caCertPem, rounds };
    const output = await new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, XMPP_BENCH_INPUT: JSON.stringify(input) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench child exited with ${code}: ${out.trim()}`))));
    });
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<'ours' | 'xmppjs', ReturnType<typeof summary>>;
    const fmt = (s: ReturnType<typeof summary>): string => `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, min ${s.min.toFixed(1)} ms`;
    return [
      `XMPP time-to-online, Prosody on loopback, SCRAM-SHA-1 at ${iterationCount} iterations, ${rounds} rounds`,
      `  unity-connect  ${fmt(result.ours)}`,
      `  @xmpp/client   ${fmt(result.xmppjs)}`,
      `  ratio (xmpp.js / ours, medians): ${(result.xmppjs.median / result.ours.median).toFixed(2)}`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.stop();
  }
}

const runDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (runDirectly && process.argv.includes('--child')) {
  try {
    await child(JSON.parse(process.env.XMPP_BENCH_INPUT ?? '{}') as ChildInput);
  } catch (error) {
    process.stdout.write(`the measuring child failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
} else if (runDirectly) {
  const lines = await runXmppStartupBench({ rounds: argument('--rounds', 20), iterationCount: argument('--iterations', 10_000) });
  for (const line of lines) console.log(line);
}

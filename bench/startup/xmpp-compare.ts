// XMPP time-to-online (issue 5 "Benchmark"): ours beside @xmpp/client against one Prosody with the
// lab PKI's certificate, alternating in the same child process, twice: straight to Prosody on
// loopback (computing dominates) and through a delay proxy (round trips dominate), with the
// round-trip bound of the second measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabPki } from '../../src/lab/pki/index.ts';
import { startProsody } from '../../src/lab/xmpp/index.ts';
import { startDelayProxy } from './delay-proxy.ts';
import { measureRoundTripMs } from './round-trip.ts';
import { summarize, type Summary } from './stats.ts';
import type { XmppChildInput, XmppChildOutput } from './xmpp-child.ts';
import { XMPP_DOMAIN } from './xmpp-online.ts';

const PASSWORD = 'bench-password-1';

export interface XmppPass {
  label: string;
  ours: Summary;
  xmppjs: Summary;
  tls: string | null;
}

export interface XmppComparison {
  iterationCount: number;
  direct: XmppPass;
  proxied: XmppPass & { oneWayDelayMs: number; rttMs: number };
}

function accounts(prefix: string, rounds: number): string[] {
  return [`${prefix}w0`, `${prefix}w1`, ...Array.from({ length: rounds }, (_, i) => `${prefix}u${i}`)];
}

function runChild(input: XmppChildInput, caFile: string): Promise<XmppChildOutput> {
  const child = fileURLToPath(new URL('./xmpp-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, XMPP_BENCH_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the XMPP bench child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as XmppChildOutput);
    });
  });
}

const passOf = (label: string, out: XmppChildOutput): XmppPass => ({ label, ours: summarize(out.ours), xmppjs: summarize(out.xmppjs), tls: out.tls });

export async function compareXmpp(options: { rounds: number; iterationCount: number; oneWayDelayMs: number }): Promise<XmppComparison> {
  const { rounds, iterationCount, oneWayDelayMs } = options;
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: [XMPP_DOMAIN] });
  const users = [...accounts('d', rounds), ...accounts('p', rounds)].map((localpart) => ({ localpart, password: PASSWORD }));
  const server = await startProsody({ domain: XMPP_DOMAIN, certPem: cert.certPem, keyPem: cert.keyPem, users, iterationCount });
  const dir = await mkdtemp(join(tmpdir(), 'unity-connect-xmpp-bench-'));
  const proxy = await startDelayProxy({ target: { host: server.host, port: server.endpoints.plain.port }, oneWayDelayMs });
  try {
    const caFile = join(dir, 'lab-ca.pem');
    await writeFile(caFile, pki.caCertPem);
    const common = { ca: pki.caCertPem, password: PASSWORD, rounds };
    const direct = await runChild({ ...common, port: server.endpoints.plain.port, prefix: 'd' }, caFile);
    const rttBefore = await measureRoundTripMs(oneWayDelayMs);
    const proxied = await runChild({ ...common, port: proxy.port, prefix: 'p' }, caFile);
    const rttAfter = await measureRoundTripMs(oneWayDelayMs);
    return {
      iterationCount,
      direct: passOf('loopback, no added delay', direct),
      proxied: { ...passOf(`through the delay proxy, ${oneWayDelayMs} ms each way`, proxied), oneWayDelayMs, rttMs: (rttBefore + rttAfter) / 2 },
    };
  } finally {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
    await server.stop();
  }
}

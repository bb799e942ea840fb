// The real command, spawned as a person runs it: `demo --exit-when-ready --json` ends with the result
// line; its log replays with `replay --verify` (and a tampered log does not); `connect` against a lab
// with the password on stdin never shows the password in its output, errors or log.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/unity-connect.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unity-connect-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

async function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('unity-connect demo / replay (spawned)', () => {
  it('demo --exit-when-ready --json ends with the result line, and its log replays exactly', async () => {
    const log = join(dir, 'demo.jsonl');
    const { code, stdout } = await cli(['demo', '--exit-when-ready', '--json', '--log', log]);
    expect(code).toBe(0);
    for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    const result = lastJsonLine(stdout);
    expect(Object.keys(result)).toEqual(['type', 'outcome', 'reason', 'code', 'release', 'callControl', 'connections']);
    expect(result).toMatchObject({ type: 'result', outcome: 'ready', reason: null, code: null, release: '22.0', callControl: 'CTI' });
    const connections = result['connections'] as Record<string, { state: string; host: string; port: number; tls: string | null }>;
    expect(Object.keys(connections).sort()).toEqual(['cti', 'imp', 'oci']);
    expect(connections['oci']).toMatchObject({ state: 'online', host: 'ocs.lab.test', tls: null });
    expect(connections['cti']).toMatchObject({ state: 'online', host: 'cti.lab.test', tls: null });
    expect(connections['imp']).toMatchObject({ state: 'online', host: 'im.lab.test', tls: null });
    for (const c of Object.values(connections)) expect(c.port).toBeGreaterThan(0);

    // issue 6: the human-readable connection log is written beside the event log, one line per
    // connection event, rendered from it.
    const connectionLog = await readFile(join(dir, 'demo.ConnectionLog.txt'), 'utf8');
    expect(connectionLog).toMatch(/ oci +ocs\.lab\.test:\d+ +plain +online/);
    expect(connectionLog).toMatch(/ cti +cti\.lab\.test:\d+ +plain +online/);

    const verified = await run(process.execPath, [CLI, 'replay', log, '--verify']);
    expect(verified.stdout).toMatch(/^replayed \d+ entries: every snapshot matches the log$/m);
    const json = await run(process.execPath, [CLI, 'replay', log, '--verify', '--json']);
    expect(lastJsonLine(json.stdout)).toMatchObject({ type: 'replay', ok: true });

    // A log whose recorded outcome was changed no longer replays: the first divergence is named.
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    const at = lines.findIndex((l) => l.includes('"PROFILE.LOADED"'));
    lines[at] = lines[at]!.replace('"release":"22.0"', '"release":"20.0"');
    const tampered = join(dir, 'tampered.jsonl');
    await writeFile(tampered, lines.join('\n') + '\n');
    const bad = await cli(['replay', tampered, '--verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`replay diverges at seq ${at}`);
  });

  it('demo --exit-when-ready exits non-zero with the reason when start-up stops', async () => {
    const { code, stdout } = await cli(['demo', '--scenario', 'cti-unreachable', '--exit-when-ready', '--json']);
    expect(code).toBe(1);
    const result = lastJsonLine(stdout);
    expect(result).toMatchObject({ type: 'result', outcome: 'stopped', callControl: 'CTI', release: '22.0' });
    expect(String(result['reason'])).toContain('Start-up stops because BroadWorks is configured for CTI');
  });
});

describe('unity-connect connect (spawned) against the lab', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenario: 'r24-cti-tls' });
  });
  afterAll(async () => {
    await lab.stop();
  });
  const args = (login: string, log: string) => [
    'connect',
    '--server', 'ocs.lab.test',
    '--login', login,
    '--portal', `https://portal.lab.test:${lab.services['portal']!.port}`,
    '--ca', lab.caCertPath,
    '--host-map', JSON.stringify(lab.hostMap),
    '--password-stdin', '--json', '--exit-when-ready', '--log', log,
  ];

  it('reaches ready over TLS with the password from stdin, which appears nowhere in output or log', async () => {
    const user = lab.users[1]!;
    const log = join(dir, 'connect.jsonl');
    const { code, stdout, stderr } = await cli(args(user.loginId, log), `${user.password}\n`);
    expect(code).toBe(0);
    expect(lastJsonLine(stdout)).toMatchObject({
      outcome: 'ready',
      connections: { oci: { host: 'ocs.lab.test', port: lab.services['oci-tls']!.port, tls: 'TLSv1.2' }, cti: { tls: 'TLSv1.2' } },
    });
    const logText = await readFile(log, 'utf8');
    expect(logText.length).toBeGreaterThan(0);
    const connectionLog = await readFile(join(dir, 'connect.ConnectionLog.txt'), 'utf8');
    expect(connectionLog).toMatch(/ oci +ocs\.lab\.test:\d+ +TLSv1\.2 +online/);
    for (const text of [stdout, stderr, logText, connectionLog]) expect(text).not.toContain(user.password);
  });

  it('a wrong password stops start-up as badCredentials, and the typed password is never echoed', async () => {
    const wrong = 'Wr0ng-Secret-4711';
    const log = join(dir, 'wrong.jsonl');
    const { code, stdout, stderr } = await cli(args(lab.users[2]!.loginId, log), `${wrong}\n`);
    expect(code).toBe(1);
    const result = lastJsonLine(stdout);
    expect(result).toMatchObject({ outcome: 'stopped' });
    expect(String(result['reason'])).toContain('Check the login ID and password');
    for (const text of [stdout, stderr, await readFile(log, 'utf8')]) expect(text).not.toContain(wrong);
  });
});

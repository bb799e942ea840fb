import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import { rawClient, ociRequest, command } from './support/raw-client.ts';
import { signed } from './support/ocs-fixture.ts';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function cli(...args: string[]): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string>; exit: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/unity-connect.js', ...args], { cwd: process.cwd() });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (resolveLine = resolve));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    const nl = stdout.indexOf('\n');
    if (nl >= 0) resolveLine(stdout.slice(0, nl));
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      resolveLine(stdout);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, firstLine, exit };
}

describe('unity-connect lab', () => {
  it('--list names every scenario with its description', { timeout: 60_000 }, async () => {
    const { exit } = cli('lab', '--list');
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    for (const name of ['r17-cap', 'r22-cti', 'oci-tls-only-plain', 'xmpp', 'legacy-imp']) expect(stdout).toMatch(new RegExp(`^${name} +\\S`, 'm'));
  });

  it('--scenario NAME --json prints one JSON line, serves it, and shuts down cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const { child, firstLine, exit } = cli('lab', '--scenario', 'r21-cap', '--json', '--seed', 'cli');
    const info = JSON.parse(await firstLine) as {
      scenario: string;
      services: Record<string, { host: string; port: number; tls: boolean }>;
      caCertPath: string;
      hostMap: Record<string, string>;
      users: { loginId: string; password: string }[];
    };
    expect(info.scenario).toBe('r21-cap');
    expect(info.hostMap['ocs.lab.test']).toBe('127.0.0.1');
    expect(readFileSync(info.caCertPath, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    const oci = info.services['oci']!;
    expect(oci).toMatchObject({ host: 'ocs.lab.test', tls: false });
    const ann = info.users.find((u) => u.loginId === 'ann@lab.test')!;
    const socket = net.connect({ host: info.hostMap[oci.host], port: oci.port });
    const c = rawClient(socket);
    await new Promise((r) => socket.once('connect', r));
    c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
    const nonce = /<nonce>(\d+)</.exec(await c.next())![1]!;
    c.write(ociRequest('s', command('LoginRequest14sp4', `<userId>ann@lab.test</userId><signedPassword>${signed(nonce, ann.password)}</signedPassword>`), command('SystemSoftwareVersionGetRequest')));
    expect(await c.next()).toMatch(/LoginResponse14sp4.*<version>21.sp1<\/version>/);
    child.kill('SIGTERM');
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    await c.closed;
    expect(existsSync(info.caCertPath)).toBe(false);
  });

  it('an unknown scenario fails with a clear message and a non-zero exit code', async () => {
    const { code, stderr } = await cli('lab', '--scenario', 'nope').exit;
    expect(code).toBe(2); // a usage error, found before any server starts
    expect(stderr).toContain("no lab scenario 'nope'; 'unity-connect lab --list' lists them");
  });

  it('an unknown command or option is a usage error', async () => {
    expect((await cli('frobnicate').exit).code).toBe(2);
    expect((await cli('lab', '--bogus').exit).code).toBe(2);
  });
});

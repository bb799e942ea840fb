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

  it('--users N --calls-per-second N starts a lab at reception scale; the text lists the first users only', { timeout: 90_000 }, async () => {
    const json = cli('lab', '--users', '1000', '--calls-per-second', '20', '--json', '--seed', 'cli');
    const info = JSON.parse(await json.firstLine) as { description: string; users: { loginId: string; password: string; groupId: string }[] };
    expect(info.users).toHaveLength(1_001);
    expect(info.users.at(-1)).toMatchObject({ loginId: 'user30996@lab.test', groupId: 'G-Lab' });
    expect(info.description).toContain("; 1,000 users on ann@lab.test's Busy Lamp Field list");
    json.child.kill('SIGTERM');
    expect((await json.exit).code).toBe(0);
    const text = cli('lab', '--scenario', 'reception-1000');
    await text.firstLine; // the description is written in one piece once every server listens
    text.child.kill('SIGTERM');
    const { stdout } = await text.exit;
    expect(stdout).toMatch(/^lab scenario reception-1000: R22 \(the default\) at reception scale/);
    expect(stdout).toContain('  … and 991 more (--json or --ready-file lists every user with its password)');
    expect(stdout.match(/^ {2}\S+@lab\.test +Lab-/gm)).toHaveLength(10);
  });

  it('--users and --calls-per-second take numbers the lab serves, checked before anything starts', async () => {
    const refused = async (...args: string[]) => {
      const { code, stderr } = await cli('lab', ...args).exit;
      expect(code, args.join(' ')).toBe(2);
      return stderr.split('\n')[0];
    };
    expect(await refused('--users', '20001')).toBe("unity-connect lab: --users needs a whole number of monitored users from 0 to 20,000, not '20001'");
    expect(await refused('--users', '2.5')).toContain("not '2.5'");
    expect(await refused('--users', '-3')).toContain("not '-3'");
    expect(await refused('--users=-3')).toContain("not '-3'");
    expect(await refused('--calls-per-second', '0')).toBe("unity-connect lab: --calls-per-second needs a number of calls per second above 0 and at most 1,000 (such as 0.5 or 20), not '0'");
    expect(await refused('--calls-per-second', '1e3')).toContain("not '1e3'");
    expect(await refused('--calls-per-second', '1001')).toContain("not '1001'");
    expect(await refused('--activity', '--calls-per-second', '2')).toBe('unity-connect lab: --activity and --calls-per-second are two kinds of activity: give one of them');
  });

  it('an unknown command or option is a usage error', async () => {
    expect((await cli('frobnicate').exit).code).toBe(2);
    expect((await cli('lab', '--bogus').exit).code).toBe(2);
  });
});

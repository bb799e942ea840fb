// The real command line: `node bin/unity-connect.js doctor … --json` against a running lab, with the
// lab's host map and CA file passed as a user would.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/client/doctor/index.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';

const BIN = fileURLToPath(new URL('../../bin/unity-connect.js', import.meta.url));

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function doctorArgs(scenario: string, extra: string[] = []): Promise<string[]> {
  lab = await startLab({ scenario });
  const hostMap = Object.entries(lab.hostMap).map(([name, ip]) => `${name}=${ip}`).join(',');
  return [
    'doctor', '--server', 'ocs.lab.test', '--portal', `https://portal.lab.test:${lab.services['portal']!.port}`,
    '--login', lab.users[0]!.loginId, '--ca', lab.caCertPath, '--host-map', hostMap, '--timeout', '2000', ...extra,
  ];
}

describe('unity-connect doctor (real CLI)', () => {
  it('exits 1 and prints the firewall rule as JSON when CTI is blocked (cti-unreachable)', async () => {
    const args = await doctorArgs('cti-unreachable', ['--json']);
    const ctiPort = lab!.services['cti']!.port;
    const { code, stdout } = await cli(args);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.blocked).toBe(true);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => [c.connection, c.rule])).toEqual([['cti', 'TCP reachability']]);
    expect(failed[0]!.advice).toContain(`open TCP port ${ctiPort} outbound to cti.lab.test`);
  });

  it('exits 0 with a table of OK lines on a healthy lab (r24-cti-tls)', async () => {
    const args = await doctorArgs('r24-cti-tls');
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.some((l) => /^OK +oci +ocs\.lab\.test:\d+ +TLS handshake \(TLSv1\.2, certificate name ocs-tls\.lab\.test\) +secured with TLSv1\.2$/.test(l))).toBe(true);
    expect(lines.some((l) => /^FAIL/.test(l))).toBe(false);
    expect(stdout).toContain('All needed connections OK');
  });

  it('reads the release with --login and --password-stdin, and never prints the password (r24-cti-tls)', async () => {
    const args = await doctorArgs('r24-cti-tls', ['--json', '--password-stdin']);
    const password = lab!.users[0]!.password;
    const { code, stdout, stderr } = await cli(args, `${password}\n`);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.release).toBe('24');
    expect(`${stdout}${stderr}`).not.toContain(password);
  });

  it('is a usage error (exit 2) without --server', async () => {
    const { code, stderr } = await cli(['doctor', '--json']);
    expect(code).toBe(2);
    expect(stderr).toContain('--server HOST is required');
  });
});

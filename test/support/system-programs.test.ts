// The fresh-machine contract: a test that needs Prosody, Chromium or tmux is skipped without it,
// with one line naming the program and its install command, counted as skipped in the summary; with
// UNITY_REQUIRE_SYSTEM_PROGRAMS=1 (CI) a missing program fails the run. Checked on a child Vitest
// run of a fixture with PATH pointing at a directory without the programs, then with stand-ins.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const CONFIG = fileURLToPath(new URL('./fixtures/system-programs/vitest.config.ts', import.meta.url));

let empty: string;
let standIns: string;

beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'uc-no-programs-'));
  standIns = await mkdtemp(join(tmpdir(), 'uc-stand-ins-'));
  for (const name of ['tmux', 'prosody', 'prosodyctl']) {
    await writeFile(join(standIns, name), '#!/bin/sh\nexit 0\n');
    await chmod(join(standIns, name), 0o755);
  }
});
afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
  await rm(standIns, { recursive: true, force: true });
});

function runFixture(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const { UNITY_REQUIRE_SYSTEM_PROGRAMS: _ci, ...inherited } = process.env;
    const childEnv: NodeJS.ProcessEnv = { ...inherited, NO_COLOR: '1', ...env };
    execFile(process.execPath, [VITEST, 'run', '--config', CONFIG], { env: childEnv }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describe('tests that need a system program', () => {
  it('are skipped without it: one line per program with its install command, counted as skipped; the run passes', async () => {
    const { code, out } = await runFixture({ PATH: empty });
    expect(out).toContain('skipped: 2 tests in 1 file: needs tmux (apt-get install tmux)\n');
    expect(out).toContain('skipped: 1 test in 1 file: needs Prosody (apt-get install prosody)\n');
    expect(out).toContain('\n1 passed, 0 failed, 3 skipped\n');
    expect(code).toBe(0);
  });

  it('fail the run without it under UNITY_REQUIRE_SYSTEM_PROGRAMS=1, naming what is missing', async () => {
    const { code, out } = await runFixture({ PATH: empty, UNITY_REQUIRE_SYSTEM_PROGRAMS: '1' });
    expect(out).toContain('needs tmux (apt-get install tmux): tmux not found on PATH, and UNITY_REQUIRE_SYSTEM_PROGRAMS=1 forbids skipping');
    expect(out).toContain('needs Prosody (apt-get install prosody): prosody, prosodyctl not found on PATH');
    expect(out).toContain('\n1 passed, 2 failed, 0 skipped\n');
    expect(code).not.toBe(0);
  });

  it('run when the program is on PATH', async () => {
    const { code, out } = await runFixture({ PATH: standIns, UNITY_REQUIRE_SYSTEM_PROGRAMS: '1' });
    expect(out).not.toContain('skipped: ');
    expect(out).toContain('\n4 passed, 0 failed, 0 skipped\n');
    expect(code).toBe(0);
  });
});

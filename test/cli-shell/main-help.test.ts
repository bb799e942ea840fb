// The command's conventions: `--version` prints package.json's version, `help COMMAND` prints the
// same as `COMMAND --help` (exit 0) for every command, and the usage names both.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = 'bin/unity-connect.js';
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('unity-connect --version and help COMMAND', () => {
  it('--version prints the package version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('help COMMAND is COMMAND --help for every command the usage lists', async () => {
    const usage = await cli('help');
    expect(usage.code).toBe(0);
    expect(usage.stdout).toContain('unity-connect help <command>');
    const commands = [...usage.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['lab', 'demo', 'replay', 'doctor', 'connection-log', 'connect']);
    for (const name of commands) {
      const viaHelp = await cli('help', name);
      expect(viaHelp, name).toEqual(await cli(name, '--help'));
      expect(viaHelp.code, name).toBe(0);
      expect(viaHelp.stdout, name).toMatch(new RegExp(`^usage: unity-connect ${name}\\b`));
    }
  });

  it('help with an unknown command says so and exits 2', async () => {
    const { code, stderr } = await cli('help', 'nope');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'nope'");
  });
});

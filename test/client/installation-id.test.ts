// The installation id (src/client/installation-id.ts): made once, kept in the state directory,
// the same on every start from it; another directory is another installation; a directory that
// cannot be written never stops the session.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALLATION_FILE, loadInstallation } from '../../src/client/installation-id.ts';

const dirs: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'unity-installation-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let n = 0;
const fresh = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('installation id', () => {
  it('is made once and read back on every later start from the same directory', () => {
    const d = join(dir(), 'nested', 'state');
    const first = loadInstallation(d, fresh);
    expect(first.error).toBeNull();
    expect(JSON.parse(readFileSync(join(d, INSTALLATION_FILE), 'utf8'))).toEqual({ version: 1, id: first.id });
    expect(loadInstallation(d, fresh)).toEqual({ id: first.id, error: null });
    expect(loadInstallation(dir(), fresh).id).not.toBe(first.id);
  });

  it('without a directory every client is its own installation', () => {
    expect(loadInstallation(undefined, fresh).id).not.toBe(loadInstallation(undefined, fresh).id);
  });

  it('replaces a file that is not ours, and says so when the directory cannot be written', () => {
    const d = dir();
    writeFileSync(join(d, INSTALLATION_FILE), '{"id":"<script>"}');
    const replaced = loadInstallation(d, fresh);
    expect(replaced.id).toMatch(/^00000000-/);
    expect(loadInstallation(d, fresh).id).toBe(replaced.id);
    // A "directory" that is a file cannot hold the state (even for root): a fresh id and a note.
    const file = join(dir(), 'not-a-directory');
    writeFileSync(file, '');
    const result = loadInstallation(file, fresh);
    expect(result.id).toMatch(/^00000000-/);
    expect(result.error).toMatch(/cannot be kept in .*not-a-directory \(E(NOTDIR|EXIST)\)/);
  });
});

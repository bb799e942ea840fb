// Tests that need a program outside npm (Prosody, Chromium, tmux). On a machine without it they are
// skipped with one line that names the program and how to install it (plain-summary-reporter.ts
// prints it and counts them as skipped); with UNITY_REQUIRE_SYSTEM_PROGRAMS=1 (set by .ci/run) a
// missing program fails the run instead, so CI never skips anything silently.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it, type TestFunction } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a test or suite skipped for a missing system program: "needs Prosody (apt-get install prosody)". */
    needsSystemProgram?: string;
  }
}

/** The variable under which a missing program fails instead of skipping. */
export const REQUIRE_SYSTEM_PROGRAMS = 'UNITY_REQUIRE_SYSTEM_PROGRAMS';

const PROGRAMS = {
  prosody: { name: 'Prosody', executables: ['prosody', 'prosodyctl'], install: 'apt-get install prosody' },
  chromium: { name: 'Chromium', executables: ['chromium'], install: 'apt-get install chromium' },
  tmux: { name: 'tmux', executables: ['tmux'], install: 'apt-get install tmux' },
} as const;

export type SystemProgramId = keyof typeof PROGRAMS;

/** The absolute path of `name` on PATH (like `command -v`), or undefined. */
export function whichSync(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface SystemProgram {
  /** Every executable of the program is on PATH. */
  readonly available: boolean;
  /** The first executable's absolute path (e.g. /usr/bin/chromium); throws when it is missing. */
  readonly path: string;
  /** "needs Prosody (apt-get install prosody)" */
  readonly reason: string;
  /** `describe`, skipped with the reason when the program is missing (failing under UNITY_REQUIRE_SYSTEM_PROGRAMS=1). */
  describe(name: string, body: () => void): void;
  /** `it`, skipped with the reason when the program is missing (failing under UNITY_REQUIRE_SYSTEM_PROGRAMS=1). */
  it(name: string, body: TestFunction, timeout?: number): void;
}

/**
 * The tests of a file that need `id`.
 * @example
 * const prosody = systemProgram('prosody');
 * prosody.describe('lab Prosody', () => { beforeAll(...); it(...); });
 */
export function systemProgram(id: SystemProgramId): SystemProgram {
  const program = PROGRAMS[id];
  const paths = program.executables.map((e) => whichSync(e));
  const available = paths.every((p) => p !== undefined);
  const reason = `needs ${program.name} (${program.install})`;
  const required = process.env[REQUIRE_SYSTEM_PROGRAMS] === '1';
  const missing = (): never => {
    throw new Error(`${reason}: ${program.executables.join(', ')} not found on PATH, and ${REQUIRE_SYSTEM_PROGRAMS}=1 forbids skipping`);
  };
  const meta = { needsSystemProgram: reason };
  return {
    available,
    reason,
    get path(): string {
      return paths[0] ?? missing();
    },
    describe(name, body) {
      if (available) describe(name, body);
      else if (required) describe(name, () => it(reason, missing));
      else describe(name, { skip: true, meta }, body);
    },
    it(name, body, timeout) {
      if (available) it(name, body, timeout);
      else if (required) it(`${name} (${reason})`, missing);
      else it(name, { skip: true, meta }, body);
    },
  };
}

// DESIGN.md: machines and codecs are pure (no clock, no randomness, no timers, no process access),
// checked on their code. What they may import (no Node built-ins, no other layer) and the arrows
// between every layer are dependency-cruiser's to check: dependency-rules.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourcesOf(layer: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push({ file: relative(SRC, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(SRC, layer));
  return out;
}

/** Code without comments, so a comment that names a forbidden call does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

// Global timers are forbidden; a Clock implementation's own `setTimeout(fn, ms) {` method is not a call.
const FORBIDDEN_IN_PURE = [/\bDate\.now\s*\(/, /\bMath\.random\s*\(/, /\bperformance\.now\s*\(/, /\bnew Date\s*\(\s*\)/, /(?<![.\w])setTimeout\s*\(/, /(?<![.\w])setInterval\s*\(/, /\bprocess\./, /\brequire\s*\(/];

/**
 * Drops method definitions and interface signatures such as `setTimeout(fn: () => void, ms: number): TimerId {`
 * or `…): TimerId;` (a call has no return type annotation, so it stays).
 */
function withoutMethodDefinitions(body: string): string {
  return body.replace(/^\s*(?:set|clear)(?:Timeout|Interval)\s*\([^)]*(?:\([^)]*\)[^)]*)*\)\s*(?::[^{;]*)?\{\s*$|^\s*(?:set|clear)(?:Timeout|Interval)\s*\([^)]*(?:\([^)]*\)[^)]*)*\)\s*:[^{;]*;\s*$/gm, '');
}

describe('pure layers (DESIGN.md)', () => {
  for (const layer of ['machines', 'codecs']) {
    it(`src/${layer} has no clock, randomness, timers or process access`, () => {
      const files = sourcesOf(layer);
      expect(files.length).toBeGreaterThan(5);
      const offences: string[] = [];
      for (const { file, text } of files) {
        const body = withoutMethodDefinitions(code(text));
        for (const pattern of FORBIDDEN_IN_PURE) if (pattern.test(body)) offences.push(`${file}: ${pattern}`);
      }
      expect(offences).toEqual([]);
    });
  }

  // issue 11: one time source. Effects, drivers and the client schedule on the injected clock or
  // scheduler; the wall clock (src/client/wall-clock.ts) is the one place that uses real timers.
  const BARE_TIMERS = [/(?<![.\w])setTimeout\s*\(/, /(?<![.\w])setInterval\s*\(/];
  it('src/adapters, src/effects and src/client use no bare timer (only the wall clock itself does)', () => {
    const files = ['adapters', 'effects', 'client'].flatMap((layer) => sourcesOf(layer));
    expect(files.length).toBeGreaterThan(50);
    const offences: string[] = [];
    for (const { file, text } of files) {
      if (file === 'client/wall-clock.ts') continue;
      const body = withoutMethodDefinitions(code(text));
      for (const pattern of BARE_TIMERS) if (pattern.test(body)) offences.push(`${file}: ${pattern}`);
    }
    expect(offences).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('package layout', () => {
  it('declares the four public entry points', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './codecs', './lab', './machines']);
    expect(pkg.bin['unity-connect']).toBe('bin/unity-connect.js');
  });
});

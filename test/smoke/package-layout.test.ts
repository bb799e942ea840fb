import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
// tsconfig.build.json has comments: drop them before parsing.
const buildConfig = JSON.parse(readFileSync(new URL('../../tsconfig.build.json', import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, ''));

describe('package layout', () => {
  it('declares the four public entry points, each with types and default in dist/, built from its source', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './codecs', './lab', './machines', './package.json']);
    for (const [name, target] of Object.entries(pkg.exports as Record<string, string | { types: string; default: string }>)) {
      if (name === './package.json') continue;
      const { types, default: js } = target as { types: string; default: string };
      expect(Object.keys(target as object), name).toEqual(['types', 'default']); // types first
      const stem = js.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
      expect(types, name).toBe(`./dist/${stem}.d.ts`);
      expect(buildConfig.files, name).toContain(`src/${stem}.ts`);
      expect(existsSync(new URL(`../../src/${stem}.ts`, import.meta.url)), name).toBe(true);
    }
  });

  it('the command runs dist/ with plain node; the build compiles its source; dist, README, LICENSE and CHANGELOG ship', () => {
    expect(pkg.bin['unity-connect']).toBe('dist/cli-shell/main.js');
    expect(buildConfig.files).toContain('src/cli-shell/main.ts');
    expect(readFileSync(new URL('../../src/cli-shell/main.ts', import.meta.url), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(pkg.files).toEqual(['dist', 'CHANGELOG.md']); // npm adds package.json, README and LICENSE itself
    for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
    expect(pkg.scripts.prepare).toBe('npm run build');
  });

  it('keeps build, docs and bench tools out of the runtime dependencies', () => {
    for (const tool of ['tsx', 'esbuild', 'typescript', 'fast-xml-parser', 'vitest', 'publint', '@arethetypeswrong/cli']) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
    }
  });
});

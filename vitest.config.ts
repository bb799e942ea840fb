import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  // The examples import the package by name, as a user would (tsconfig.json "paths" says the same
  // to tsc and tsx): in this repository that name means the sources, so a test can run an example.
  resolve: {
    alias: [
      { find: /^unity-connect$/, replacement: src('index.ts') },
      { find: /^unity-connect\/machines$/, replacement: src('machines/index.ts') },
      { find: /^unity-connect\/codecs$/, replacement: src('codecs/index.ts') },
      { find: /^unity-connect\/lab$/, replacement: src('lab/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The installed-package test runs on its own: npm run test:package (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/package/**'],
    // Integration tests talk to real servers on loopback; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});

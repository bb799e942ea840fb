import { defineConfig } from 'vitest/config';

// `npm run test:package`: the packed tarball installed into a new project (test/package/).
// Not part of `npm test`: it packs, installs from the registry or the npm cache, and takes a minute.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});

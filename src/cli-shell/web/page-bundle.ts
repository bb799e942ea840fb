// The page's script: our own TypeScript (./page/main.ts) bundled for the browser into one
// self-contained file, nothing fetched from the internet. The package ships it prebuilt:
// `npm run build` writes it beside this module as PAGE_BUNDLE_FILE, and the server only reads it.
// Run from the sources (tests, tsx) there is no such file, so it is bundled on first use by
// ./page-bundle-from-source.ts with esbuild, a devDependency the build leaves out of dist/.
import { readFile } from 'node:fs/promises';

/** The prebuilt page script's file name, beside this module in dist/. */
export const PAGE_BUNDLE_FILE = 'page.bundle.js';

// Not a literal, so neither a bundler nor the published types follow it into the dev-only module.
const FROM_SOURCE = './page-bundle-from-source.ts';

let cached: Promise<string> | null = null;

/**
 * The page's script, read once (prebuilt) or bundled once (from the sources).
 * @example
 * const script = await pageScript(); // served as /app.js
 */
export function pageScript(): Promise<string> {
  cached ??= readFile(new URL(`./${PAGE_BUNDLE_FILE}`, import.meta.url), 'utf8').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    const dev = (await import(FROM_SOURCE)) as { bundlePageScript(): Promise<string> };
    return dev.bundlePageScript();
  });
  cached.catch(() => (cached = null));
  return cached;
}

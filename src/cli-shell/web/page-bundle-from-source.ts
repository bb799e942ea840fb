// Bundles the page's script (./page/main.ts) for the browser with esbuild: used by `npm run build`
// (scripts/build.ts writes it to dist/) and, from the sources, by page-bundle.ts on first use.
// Not part of dist/: esbuild is a devDependency.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * One self-contained IIFE for the browser.
 * @example
 * const script = await bundlePageScript();
 */
export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

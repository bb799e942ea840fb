// The page's script: our own TypeScript (./page/main.ts) bundled for the browser with esbuild (tsx's
// bundler) when the server starts. One self-contained file, nothing fetched from the internet.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | null = null;

export function pageScript(): Promise<string> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  cached.catch(() => (cached = null));
  return cached;
}

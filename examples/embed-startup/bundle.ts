// Bundles the example for the browser: `npx tsx examples/embed-startup/bundle.ts` writes
// dist/index.html and dist/app.js (serve dist/ with any static server). platform 'browser' makes any
// Node built-in an error, so a successful bundle proves the machines need none.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

export async function bundleExample(): Promise<string> {
  const result = await build({
    entryPoints: [here('./app.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { writeFile } = await import('node:fs/promises');
  await mkdir(here('./dist'), { recursive: true });
  await writeFile(here('./dist/app.js'), await bundleExample());
  await copyFile(here('./index.html'), here('./dist/index.html'));
  process.stdout.write(`wrote ${here('./dist')}\n`);
}

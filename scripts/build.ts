// `npm run build` (also `prepare`, so `npm ci` in the clone and `npm pack` build): src → dist/.
// tsc emits JavaScript, declarations and source maps with the imports' `.ts` rewritten to `.js`
// (rewriteRelativeImportExtensions); declaration emit keeps `.ts` (TypeScript issue 61037), which
// TypeScript accepts in a .d.ts but other tools do not, so they are rewritten here too. The web
// page's script is bundled for the browser now, so the installed command only reads it.
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePageScript } from '../src/cli-shell/web/page-bundle-from-source.ts';
import { PAGE_BUNDLE_FILE } from '../src/cli-shell/web/page-bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const BIN = join(dist, 'cli-shell', 'main.js');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

/** A relative specifier ending in .ts: `from './x.ts'`, `import('../y.ts')`, `export * from "./z.ts"`. */
const RELATIVE_TS = /((?:from|import)\s*\(?\s*)(['"])(\.\.?\/[^'"\n]*?)\.ts\2/g;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let declarations = 0;
const leftovers: string[] = [];
for (const file of files(dist)) {
  if (file.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(RELATIVE_TS, (_m, head: string, quote: string, path: string) => `${head}${quote}${path}.js${quote}`);
    if (rewritten !== text) {
      writeFileSync(file, rewritten);
      declarations++;
    }
  } else if (file.endsWith('.js') && RELATIVE_TS.test(readFileSync(file, 'utf8'))) {
    leftovers.push(file);
  }
  RELATIVE_TS.lastIndex = 0;
}
if (leftovers.length > 0) throw new Error(`build: .ts imports left in ${leftovers.join(', ')}`);

writeFileSync(join(dist, 'cli-shell', 'web', PAGE_BUNDLE_FILE), await bundlePageScript());
chmodSync(BIN, 0o755);
console.log(`build: dist/ written (${declarations} declaration files' imports rewritten to .js, web page bundled)`);

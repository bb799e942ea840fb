// The package as a user gets it (issue "A real package"): `npm pack`, then a new project installs
// the tarball (dependencies from the registry, through the local npm cache) and there
//   (a) plain `node` imports every entry point, selects protocols and reaches ready against the lab;
//   (b) `tsc --noEmit` (strict, exactOptionalPropertyTypes) checks a consumer of every entry point
//       under moduleResolution nodenext and bundler;
//   (c) `npx unity-connect demo --exit-when-ready` exits 0, with plain node (no tsx installed);
//   (d) unity-connect/machines and unity-connect/codecs bundle for a browser with no Node built-in.
// publint and attw check the tarball itself. Run by `npm run test:package` (in .ci/run), not by
// `npm test`: it packs, installs and needs the registry or a warm npm cache.
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./consumer/', import.meta.url));
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);
const TSC = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const typesNode = JSON.parse(await readFile(join(repo, 'node_modules', '@types', 'node', 'package.json'), 'utf8')) as { version: string };

// Third-party declarations known to fail under exactOptionalPropertyTypes without skipLibCheck
// (upstream, not ours): xstate's `setup` generics (StateSchema's `id`). Nothing else may.
const KNOWN_THIRD_PARTY = ['node_modules/xstate/dist/declarations/src/setup.d.ts'];

/** The child's environment without the `npm run` variables of this process (npm reads npm_config_*). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  delete env['UNITY_REQUIRE_SYSTEM_PROGRAMS'];
  return { ...env, NO_COLOR: '1', ...extra };
}

function sh(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let work: string;
let tarball: string;
let packed: { path: string }[];
let consumer: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uc-package-'));
  // npm pack runs `prepare` (the build), so the tarball is built from these sources.
  const pack = await sh('npm', ['pack', '--json', '--pack-destination', work], repo);
  expect(pack.code, pack.stderr).toBe(0);
  const json = pack.stdout.slice(pack.stdout.indexOf('[\n')); // after the build's own lines
  const [info] = JSON.parse(json) as [{ filename: string; files: { path: string }[] }];
  tarball = join(work, info.filename);
  packed = info.files;

  consumer = join(work, 'consumer');
  await sh('mkdir', [consumer], work);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const file of await readdir(fixture)) await copyFile(join(fixture, file), join(consumer, file));
  const install = await sh('npm', ['install', tarball, `@types/node@${typesNode.version}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], consumer);
  expect(install.code, install.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('ships dist/, README, LICENSE, CHANGELOG and package.json only, with JS, declarations and source maps', () => {
    const top = new Set(packed.map((f) => f.path.split('/')[0]));
    expect([...top].sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json']);
    const paths = new Set(packed.map((f) => f.path));
    for (const entry of ['index', 'machines/index', 'codecs/index', 'lab/index', 'cli-shell/main']) {
      for (const ext of ['.js', '.d.ts', '.js.map']) expect(paths.has(`dist/${entry}${ext}`), `dist/${entry}${ext}`).toBe(true);
    }
    expect(paths.has('dist/cli-shell/web/page.bundle.js')).toBe(true);
    expect(packed.filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.d.ts'))).toEqual([]);
  });

  it('passes publint (strict: warnings fail too)', async () => {
    const { code, stdout, stderr } = await sh(bin('publint'), ['run', tarball, '--strict'], work);
    expect(`${stdout}${stderr}`).toContain('All good!');
    expect(code).toBe(0);
  }, 120_000);

  it('passes arethetypeswrong for an ESM-only package (node16 from ESM, bundler)', async () => {
    // esm-only: the package is "type": "module" with no CommonJS build, so node10 and
    // require() from CommonJS are out of scope by design.
    const { code, stdout, stderr } = await sh(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'], work);
    expect(code, `${stdout}${stderr}`).toBe(0);
    // Every entry point resolves to ESM with types under node16 and bundler; only the ignored
    // resolutions (node10, node16 from CommonJS) may show a problem.
    for (const entry of ['"unity-connect"', '"unity-connect/machines"', '"unity-connect/codecs"', '"unity-connect/lab"']) expect(stdout).toContain(entry);
    expect(stdout.match(/^node16 \(from ESM\): 🟢 \(ESM\)$/gm)?.length).toBe(4);
    expect(stdout.match(/^bundler: 🟢 *$/gm)?.length).toBe(4);
    expect(stdout.split('\n').filter((line) => /[❌💀⚠️]/u.test(line) && !line.includes('(ignored'))).toEqual([]);
  }, 120_000);
});

describe('a project that installed the tarball', () => {
  it('installed the runtime dependencies only: no tsx, esbuild or other build tool', () => {
    // The tools of the build, the docs and the benchmarks, named, so moving one back into
    // "dependencies" fails here too.
    for (const dev of ['tsx', 'esbuild', 'typescript', 'fast-xml-parser', 'vitest', ...Object.keys(pkg.devDependencies)]) {
      if (dev === '@types/node') continue; // the consumer's own
      expect(existsSync(join(consumer, 'node_modules', dev)), dev).toBe(false);
    }
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(consumer, 'node_modules', dep)), dep).toBe(true);
  });

  it('(a) plain node imports every entry point, selects protocols and reaches ready against the lab', async () => {
    const { code, stdout, stderr } = await sh(process.execPath, ['smoke.mjs'], consumer);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toEqual({
      entries: {
        root: expect.arrayContaining(['createUnityClient', 'labClientConfig', 'attachUi', 'selectProtocols', 'parseRelease', 'replay']),
        machines: ['connection', 'startup'],
        codecs: 'function',
        lab: expect.any(Number),
      },
      plan: { callControl: 'CTI', cti: 8011 },
      parsed: 'a',
      startup: { outcome: 'ready', release: '22.0', callControl: 'CTI', connections: ['cti', 'imp', 'oci'] },
    });
  }, 120_000);

  for (const resolution of ['nodenext', 'bundler'] as const) {
    for (const skipLibCheck of [true, false]) {
      it(`(b) tsc --noEmit, strict and exactOptionalPropertyTypes, moduleResolution ${resolution}, skipLibCheck ${skipLibCheck}: no error from the package or the consumer`, async () => {
        const config = `tsconfig.${resolution}.${skipLibCheck}.json`;
        await writeFile(
          join(consumer, config),
          JSON.stringify({
            compilerOptions: {
              target: 'ES2022',
              // nodenext: a Node project without the DOM library; bundler: TypeScript's default libraries.
              ...(resolution === 'nodenext' ? { lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext' } : { module: 'Preserve', moduleResolution: 'Bundler' }),
              strict: true,
              exactOptionalPropertyTypes: true,
              noUncheckedIndexedAccess: true,
              skipLibCheck,
              types: ['node'],
              noEmit: true,
            },
            files: ['uses-every-entry.ts'],
          }),
        );
        const { stdout } = await sh(process.execPath, [TSC, '-p', config], consumer);
        const files = [...stdout.matchAll(/^(\S[^(\n]*)\(\d+,\d+\): error/gm)].map((m) => m[1]!);
        expect(files.filter((f) => !KNOWN_THIRD_PARTY.includes(f)), stdout).toEqual([]);
        if (skipLibCheck) expect(stdout).toBe('');
      }, 120_000);
    }
  }

  it('(c) npx unity-connect demo --exit-when-ready exits 0; --version prints the version', async () => {
    const demo = await sh('npx', ['unity-connect', 'demo', '--exit-when-ready'], consumer);
    expect(demo.code, `${demo.stdout}${demo.stderr}`).toBe(0);
    expect(demo.stdout).toMatch(/^ready: BroadWorks 22\.0, call control over CTI$/m);
    const version = await sh('npx', ['unity-connect', '--version'], consumer);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  }, 120_000);

  async function browserBundle(specifier: string): Promise<string[]> {
    const result = await build({
      stdin: { contents: `export * from '${specifier}';`, resolveDir: consumer, loader: 'js' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  }

  it('(d) unity-connect/machines and unity-connect/codecs bundle for a browser with no Node built-in', async () => {
    for (const entry of ['unity-connect/machines', 'unity-connect/codecs']) {
      const inputs = await browserBundle(entry);
      expect(inputs.some((i) => i.includes('node_modules/unity-connect/dist/')), entry).toBe(true);
      expect(inputs.filter((i) => i.startsWith('node:') || i.includes('(disabled)')), entry).toEqual([]);
    }
    // The same check fails on the Node client (node:crypto, sockets), so it can fail.
    await expect(browserBundle('unity-connect')).rejects.toThrow(/node:/);
  }, 120_000);
});

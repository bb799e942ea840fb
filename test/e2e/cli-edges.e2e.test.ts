// The command's rough edges, each tried on the real program as a person meets them (issue 13 "CLI"),
// spawned: a closed stdout (`… | head`) ends it quietly and the lab's temporary files go; a wrong
// flag is refused before anything starts (no lab, no password prompt), with the accepted values
// named; `connect` checks --portal, --ca and --host-map as `doctor` does; the --json result carries
// a stable stop code; the advice names the portal actually asked; `replay` refuses an empty log and
// replays what comes before a cut-off last line, with a warning; the README's lab recipe runs as a
// script.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whichSync } from '../support/system-programs.ts';

const CLI = join(import.meta.dirname, '../../bin/unity-connect.js');
const REPO = join(import.meta.dirname, '../..');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unity-connect-edges-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end; `stdin` undefined leaves stdin open (a step that read it would hang). */
function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
  });
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const labDirs = async (tmp: string): Promise<string[]> => (await readdir(tmp)).filter((name) => name.startsWith('unity-connect-lab-'));

describe('a closed stdout (piping into head)', () => {
  it('ends `demo` quietly: no stack trace, the lab stopped and its temporary files removed', async () => {
    const tmp = join(dir, 'tmp-demo');
    await mkdir(tmp);
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Like `head -3`: read three lines, then close the reading end.
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.split('\n').length > 3) resolve();
      });
    });
    expect(await labDirs(tmp)).toHaveLength(1); // the lab's certificates, while it runs
    child.stdout.destroy();
    const code = await exited;
    expect(code).not.toBeNull(); // ended by itself, not killed by a signal
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(await labDirs(tmp)).toEqual([]);
  }, 60_000);

  it('ends `replay` quietly too, with its exit code', async () => {
    const log = join(dir, 'pipe.jsonl');
    expect((await cli(['demo', '--exit-when-ready', '--log', log])).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'replay', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);
});

describe('every flag is checked before anything starts', () => {
  const refused = async (args: string[], message: RegExp): Promise<void> => {
    const run = await cli(args); // stdin left open: a password read would hang the test
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe(''); // no lab started, nothing shown
  };

  it('demo: --ui (its values listed), --json beside another UI, --scenario, --log, --port', async () => {
    await refused(['demo', '--ui', 'bogus'], /--ui must be one of tty, plain, json, web, not 'bogus'/);
    await refused(['demo', '--json', '--ui', 'plain'], /--json and --ui plain are exclusive/);
    await refused(['demo', '--scenario', 'nope'], /no lab scenario 'nope'; 'unity-connect lab --list' lists them: r17-cap, /);
    await refused(['demo', '--log', join(dir, 'no-such-dir', 'x.jsonl')], /--log: cannot write into .*no-such-dir \(ENOENT\)/);
    await refused(['demo', '--log', dir], /--log: .* is a directory/);
    await refused(['demo', '--ui', 'web', '--port', '70000'], /--port needs a port number/);
  }, 60_000);

  it('connect: --ui, and --portal, --ca, --host-map like doctor, all before the password is read', async () => {
    const base = ['connect', '--server', 'ocs.example.com', '--login', 'ann@example.com', '--password-stdin'];
    await refused([...base, '--ui', 'fancy'], /--ui must be one of tty, plain, json, web, not 'fancy'/);
    await refused([...base, '--portal', 'http://portal.example.com'], /--portal needs an https:\/\/ URL, not "http:\/\/portal\.example\.com"/);
    await refused([...base, '--portal', 'portal.example.com'], /--portal needs an https:\/\/ URL/);
    const notPem = join(dir, 'not-a-cert.txt');
    await writeFile(notPem, 'just some text\n');
    await refused([...base, '--ca', notPem], /--ca: .*not-a-cert\.txt is not a PEM certificate file/);
    const damaged = join(dir, 'damaged.pem');
    await writeFile(damaged, '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    await refused([...base, '--ca', damaged], /--ca: certificate 1 in .*damaged\.pem cannot be read/);
    await refused([...base, '--ca', join(dir, 'missing.pem')], /--ca: cannot read .*missing\.pem \(ENOENT\)/);
    await refused([...base, '--host-map', '["ocs.example.com"]'], /--host-map must be a JSON object of host name to IP address/);
    await refused([...base, '--host-map', '{"ocs.example.com":5}'], /--host-map: the address of "ocs\.example\.com" must be a string/);
    await refused([...base, '--host-map', '{"ocs.example.com":"ocs.internal"}'], /--host-map: "ocs\.internal" \(for ocs\.example\.com\) is not an IP address/);
    await refused([...base, '--host-map', '{"ocs.example.com":'], /--host-map is not valid JSON/);
    await refused([...base, '--log', join(dir, 'no-such-dir', 'c.jsonl')], /--log: cannot write into/);
    // doctor checks the same way, with the same words.
    await refused(['doctor', '--server', 'ocs.example.com', '--ca', notPem], /--ca: .* is not a PEM certificate file/);
    await refused(['doctor', '--server', 'ocs.example.com', '--host-map', 'ocs.example.com=ocs.internal'], /is not an IP address/);
  }, 60_000);

  it('replay: only --ui web; lab: --scenario and --ready-file', async () => {
    await refused(['replay', join(dir, 'x.jsonl'), '--ui', 'tty'], /--ui takes only 'web' here, not 'tty'/);
    await refused(['lab', '--scenario', 'nope'], /no lab scenario 'nope'/);
    await refused(['lab', '--ready-file', join(dir, 'no-such-dir', 'lab.json')], /--ready-file: cannot write into/);
  }, 60_000);
});

describe('results and advice', () => {
  it('--json: the result line carries the stop code beside the reason', async () => {
    const stopped = await cli(['demo', '--scenario', 'cti-unreachable', '--exit-when-ready', '--json']);
    expect(stopped.code).toBe(1);
    const result = JSON.parse(stopped.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(Object.keys(result).slice(0, 4)).toEqual(['type', 'outcome', 'reason', 'code']);
    expect(result).toMatchObject({ outcome: 'stopped', code: 'ctiUnreachable' });
    expect(String(result['reason'])).toMatch(/CTI/);
  }, 60_000);

  it('an unreachable portal: the advice names the portal given with --portal and its port', async () => {
    const port = await closedPort();
    const run = await cli(
      [
        'connect', '--server', 'ocs.example.com', '--login', 'ann@example.com', '--password-stdin', '--exit-when-ready', '--json',
        '--portal', `https://portal.nowhere.test:${port}`, '--host-map', '{"portal.nowhere.test":"127.0.0.1"}',
      ],
      { stdin: 'secret\n' },
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { code: string; reason: string };
    expect(result.code).toBe('portalUnreachable');
    expect(result.reason).toContain(`Allow outbound HTTPS (TCP ${port}) to portal.nowhere.test on the customer firewall`);
    expect(result.reason).not.toMatch(/unityclient/);
  }, 60_000);
});

describe('replay of a damaged log', () => {
  let log: string;
  let lines: string[];
  beforeAll(async () => {
    log = join(dir, 'whole.jsonl');
    expect((await cli(['demo', '--exit-when-ready', '--log', log])).code).toBe(0);
    lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
  }, 60_000);

  it('an empty log file is an error', async () => {
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    const run = await cli(['replay', empty, '--verify']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/empty\.jsonl holds no event log entries/);
    const json = await cli(['replay', empty, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ type: 'replay', ok: false, error: expect.stringMatching(/holds no event log entries/) });
    expect((await cli(['connection-log', empty])).code).toBe(1);
  });

  it('a cut-off last line: what came before it replays, with a warning', async () => {
    const cut = join(dir, 'cut.jsonl');
    const last = lines.at(-1)!;
    await writeFile(cut, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`); // killed mid-write
    const run = await cli(['replay', cut, '--verify']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`warning: the last line of .*cut\\.jsonl \\(line ${lines.length}\\) is cut off; read the ${lines.length - 1} entries before it`));
    expect(run.stdout).toMatch(new RegExp(`^replayed ${lines.length - 1} entries: every snapshot matches the log$`, 'm'));
    const json = await cli(['replay', cut, '--verify', '--json']);
    expect(JSON.parse(json.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, entries: lines.length - 1, warning: expect.stringMatching(/is cut off/) });
    // A damaged line in the middle is still an error: that is not a cut-off end.
    const damaged = join(dir, 'damaged.jsonl');
    await writeFile(damaged, [...lines.slice(0, 2), lines[2]!.slice(0, 20), ...lines.slice(3)].join('\n') + '\n');
    const bad = await cli(['replay', damaged, '--verify']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/damaged\.jsonl: BAD_JSON: log line 3/);
  });
});

describe("the README's lab recipe", () => {
  it.skipIf(whichSync('jq') === undefined)('runs as pasted: lab --ready-file, connect and doctor against it, then the lab stops and removes its files', async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const from = readme.indexOf('paste this block into a shell');
    expect(from).toBeGreaterThan(0);
    const start = readme.indexOf('```sh\n', from) + '```sh\n'.length;
    const script = readme.slice(start, readme.indexOf('```', start));
    expect(script).toContain('lab --ready-file lab.json');
    // Run where a person would, in the clone: a scratch copy with the program under bin/.
    const work = join(dir, 'recipe');
    const tmp = join(dir, 'recipe-tmp');
    await mkdir(join(work, 'bin'), { recursive: true });
    await mkdir(tmp);
    await symlink(CLI, join(work, 'bin', 'unity-connect.js'));
    await writeFile(join(work, 'recipe.sh'), script);
    const { stdout, stderr } = await promisify(execFile)('bash', ['-e', 'recipe.sh'], { cwd: work, env: { ...process.env, TMPDIR: tmp }, timeout: 120_000 });
    expect(stdout).toMatch(/^ready: BroadWorks 22\.0, call control over CTI$/m);
    expect(stdout).toMatch(/All needed connections OK/);
    expect(stderr).toMatch(/lab stopped \(SIGTERM\)/);
    expect(await readdir(work)).not.toContain('lab.json');
    expect(await labDirs(tmp)).toEqual([]);
  }, 150_000);
});

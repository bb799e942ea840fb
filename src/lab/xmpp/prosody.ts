// A real XMPP server for the lab and the tests (issue 4, "XMPP"; protocols/xmpp.md): Prosody in the
// foreground with a configuration of its own, in a temp directory, on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findClosedPort } from '../net/closed-port.ts';
import { findExecutable } from './find-executable.ts';
import { LAB_CHANNEL_BINDING_MODULE, LAB_CHANNEL_BINDING_MODULE_SOURCE } from './prosody-channel-binding-module.ts';
import { luaString, renderProsodyConfig, type ProsodySaslOptions } from './prosody-config.ts';

export const PROSODY_INSTALL_HINT = 'the xmpp scenario needs Prosody: apt-get install prosody';

export interface ProsodyUser {
  localpart: string;
  password: string;
}

export interface ProsodyOptions {
  /** The XMPP domain (the JID domain and the TLS server name), e.g. `xmpp.lab.test`. */
  domain: string;
  /** Server certificate for the domain (subjectAltName = domain), PEM. */
  certPem: string;
  keyPem: string;
  users: ProsodyUser[];
  /** SCRAM cost of the accounts (xmpp.md: 128 keeps tests fast; 10000 is Prosody's default). */
  iterationCount?: number;
  /** Fixed port; default a free ephemeral loopback port. */
  port?: number;
  /** How long to wait for the port to accept (default 10 s). */
  readyTimeoutMs?: number;
  /** The SASL mechanisms and channel bindings offered (default: Prosody 0.12's own). */
  sasl?: ProsodySaslOptions;
}

export type ProsodyFault =
  /** SIGKILL: every client just sees its socket drop; the server stays down. */
  | { type: 'kill' }
  /** SIGTERM: clients get <stream:error><system-shutdown/>; the server stays down. */
  | { type: 'shutdown' }
  /** Start again on the same port and data (after kill or shutdown). */
  | { type: 'restart' }
  /** SIGKILL and start again at once on the same port: a drop of every connection. */
  | { type: 'drop-all' }
  /** SIGSTOP: sockets stay up (the kernel even accepts new ones) but nothing answers. */
  | { type: 'half-open' }
  /** SIGCONT: undo half-open. */
  | { type: 'clear' }
  /**
   * An administrator closes every session of `jid` from Prosody's admin console (c2s:close): the
   * clients get <stream:error> with `condition` (default undefined-condition) and `text`.
   */
  | { type: 'kick'; jid: string; condition?: string; text?: string };

export interface ProsodyServer {
  readonly name: 'xmpp';
  /** Where it listens (loopback); clients use `domain` as the name and map it here. */
  readonly host: string;
  readonly domain: string;
  readonly endpoints: { plain: { port: number } };
  /** The temp directory holding config, data, certificates and `prosody.log` (removed by stop()). */
  readonly dir: string;
  /** True while the Prosody process runs. */
  readonly running: boolean;
  addUser(user: ProsodyUser): Promise<void>;
  /**
   * Changes a password from the admin console, as an administrator would; Prosody then ends the
   * user's other sessions with <reset/> "Password changed". The password goes through stdin only.
   */
  changePassword(user: ProsodyUser): Promise<void>;
  fault(fault: ProsodyFault): Promise<void>;
  stop(): Promise<void>;
}

/**
 * @example
 * try { await startProsody(options); } catch (e) { if (e instanceof ProsodyUnavailableError) console.log('no Prosody installed'); }
 */
export class ProsodyUnavailableError extends Error {
  readonly code = 'PROSODY_NOT_INSTALLED';
  constructor() {
    super(PROSODY_INSTALL_HINT);
    this.name = 'ProsodyUnavailableError';
  }
}

/**
 * @example
 * try { await startProsody(options); } catch (e) { if (e instanceof ProsodyStartError) console.error(e.message); }
 */
export class ProsodyStartError extends Error {
  readonly code = 'PROSODY_START_FAILED';
}

const LOOPBACK = '127.0.0.1';
const STOP_GRACE_MS = 3_000;
const OUTPUT_TAIL_CHARS = 4_000;

/**
 * @example
 * const prosody = await startProsody({ domain: 'xmpp.lab.test', certPem, keyPem, users: [{ localpart: 'ann', password }] });
 */
export async function startProsody(options: ProsodyOptions): Promise<ProsodyServer> {
  const { prosody, prosodyctl } = await findProsody();
  if (!/^[a-z0-9.-]+$/i.test(options.domain)) throw new Error(`invalid XMPP domain: ${options.domain}`);

  const dir = await mkdtemp(join(tmpdir(), 'unity-connect-prosody-'));
  const configFile = join(dir, 'prosody.cfg.lua');
  const port = options.port ?? (await findClosedPort()); // a loopback port free right now, for Prosody to bind
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  try {
    await mkdir(join(dir, 'data'));
    await mkdir(join(dir, 'certs'), { mode: 0o700 });
    await mkdir(join(dir, 'modules'));
    await writeFile(join(dir, 'modules', `mod_${LAB_CHANNEL_BINDING_MODULE}.lua`), LAB_CHANNEL_BINDING_MODULE_SOURCE);
    // Prosody picks up certs/<host>.crt and .key (xmpp.md).
    await writeFile(join(dir, 'certs', `${options.domain}.crt`), options.certPem, { mode: 0o600 });
    await writeFile(join(dir, 'certs', `${options.domain}.key`), options.keyPem, { mode: 0o600 });
    await writeFile(
      configFile,
      renderProsodyConfig({ dir, domain: options.domain, port, iterationCount: options.iterationCount ?? 128, ...(options.sasl ? { sasl: options.sasl } : {}) }),
    );
    await Promise.all(options.users.map((user) => registerUser(prosodyctl, configFile, options.domain, user)));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let child: ChildProcess | undefined;
  let stopped = false;
  let halfOpen = false;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  async function launch(): Promise<void> {
    const spawned = spawn(prosody, ['-F', '--config', configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    spawned.once('exit', () => {
      if (child === spawned) child = undefined;
    });
    let output = '';
    const keepTail = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    spawned.stdout?.on('data', keepTail);
    spawned.stderr?.on('data', keepTail);
    const exited = new Promise<number | null>((resolve) => spawned.once('exit', (code) => resolve(code)));
    const spawnFailed = new Promise<Error>((resolve) => spawned.once('error', resolve));
    const outcome = await Promise.race([
      waitForPort(port, readyTimeoutMs).then((ok) => (ok ? ('ready' as const) : ('timeout' as const))),
      exited.then(() => 'exited' as const),
      spawnFailed.then(() => 'spawn-error' as const),
    ]);
    if (outcome === 'ready') return;
    spawned.kill('SIGKILL');
    const log = await readFile(join(dir, 'prosody.log'), 'utf8').catch(() => '');
    throw new ProsodyStartError(
      `Prosody did not start on ${LOOPBACK}:${port} (${outcome}). Output: ${output.trim()} Log: ${log.slice(-OUTPUT_TAIL_CHARS).trim()}`,
    );
  }

  async function terminate(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    if (halfOpen) running.kill('SIGCONT'); // a stopped Prosody handles SIGTERM only once running
    halfOpen = false;
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  try {
    await launch();
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    name: 'xmpp',
    host: LOOPBACK,
    domain: options.domain,
    endpoints: { plain: { port } },
    dir,
    get running(): boolean {
      return child !== undefined;
    },
    addUser: (user) => registerUser(prosodyctl, configFile, options.domain, user),
    async changePassword(user: ProsodyUser): Promise<void> {
      checkUser(user);
      const output = await adminConsole(prosodyctl, configFile, [`user:password(${luaString(`${user.localpart}@${options.domain}`)}, ${luaString(user.password)})`]);
      if (!output.includes('User password changed')) throw new ProsodyStartError(`the admin console did not change the password of ${user.localpart}@${options.domain}`);
    },
    async fault(fault: ProsodyFault): Promise<void> {
      if (stopped) throw new Error('Prosody has been stopped');
      switch (fault.type) {
        case 'kill':
          return terminate('SIGKILL');
        case 'shutdown':
          return terminate('SIGTERM');
        case 'restart':
          if (child === undefined) await launch();
          return;
        case 'drop-all':
          await terminate('SIGKILL');
          return launch();
        case 'half-open':
          halfOpen = child?.kill('SIGSTOP') ?? false;
          return;
        case 'clear':
          if (halfOpen) child?.kill('SIGCONT');
          halfOpen = false;
          return;
        case 'kick': {
          if (!/^(?:[a-z0-9._-]+@)?[a-z0-9.-]+(?:\/[^\s]+)?$/i.test(fault.jid)) throw new Error(`invalid JID: ${fault.jid}`);
          const condition = fault.condition ?? 'undefined-condition';
          if (!/^[a-z-]{1,40}$/.test(condition)) throw new Error(`invalid stream error condition: ${condition}`);
          const output = await adminConsole(prosodyctl, configFile, [`c2s:close(${luaString(fault.jid)}, ${fault.text === undefined ? 'nil' : luaString(fault.text)}, ${luaString(condition)})`]);
          if (!/sessions closed/.test(output)) throw new ProsodyStartError(`the admin console did not close the sessions of ${fault.jid}: ${output.slice(-500)}`);
          return;
        }
      }
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await terminate('SIGTERM');
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function findProsody(): Promise<{ prosody: string; prosodyctl: string }> {
  const prosody = await findExecutable('prosody');
  const prosodyctl = await findExecutable('prosodyctl');
  if (prosody === undefined || prosodyctl === undefined) throw new ProsodyUnavailableError();
  return { prosody, prosodyctl };
}

function checkUser(user: ProsodyUser): void {
  if (!/^[a-z0-9._-]+$/i.test(user.localpart)) throw new Error(`invalid XMPP localpart: ${user.localpart}`);
  if (/[\r\n]/.test(user.password) || user.password === '') throw new Error(`invalid password for ${user.localpart}`);
}

/**
 * Runs lines in Prosody's admin console (`prosodyctl shell`, mod_admin_shell over the admin socket),
 * written to its stdin so nothing appears in a process list; resolves with what it printed.
 */
async function adminConsole(prosodyctl: string, configFile: string, lines: string[]): Promise<string> {
  const child = spawn(prosodyctl, ['--config', configFile, 'shell'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stdin.end(`${lines.join('\n')}\n`);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  clearTimeout(timer);
  return output;
}

/** `prosodyctl adduser` reads the password from stdin, so it never appears in a process list. */
async function registerUser(prosodyctl: string, configFile: string, domain: string, user: ProsodyUser): Promise<void> {
  checkUser(user);
  const child = spawn(prosodyctl, ['--config', configFile, 'adduser', `${user.localpart}@${domain}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stdin.end(`${user.password}\n${user.password}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0) {
    // The output holds prompts and warnings only; the password went to stdin and is not echoed.
    throw new ProsodyStartError(`prosodyctl adduser ${user.localpart}@${domain} failed (exit ${code}): ${output.trim()}`);
  }
}

/** Ready when the port accepts (xmpp.md: tens of milliseconds). */
async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: LOOPBACK, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

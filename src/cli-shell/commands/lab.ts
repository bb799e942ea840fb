// `unity-connect lab` (issue 4, "Interface"): starts the lab for a scenario, prints one JSON line
// with its endpoints, CA path, host map and users (and with --ready-file writes it to a file once
// ready, for scripts), then runs until SIGINT/SIGTERM.
import { rename, rm, writeFile } from 'node:fs/promises';
import { listScenarios, startLab, type Lab } from '../../lab/index.ts';
import type { CliIo } from '../cli-io.ts';
import { UsageError } from './cli-args.ts';
import { checkCallsPerSecond, checkMonitoredUsers, checkOutputFile, checkScenario } from './flag-checks.ts';

interface LabArgs {
  scenario?: string;
  seed?: string;
  readyFile?: string;
  json: boolean;
  list: boolean;
  activity: boolean;
  users?: number;
  callsPerSecond?: number;
  help: boolean;
}

const USAGE = `usage: unity-connect lab [--scenario NAME] [--seed TEXT] [--json] [--ready-file FILE] [--users N] [--activity | --calls-per-second N]
       unity-connect lab --list
Starts the simulated BroadWorks/Kakapo servers of a scenario on loopback (default r22-cti).
--json prints one JSON line (services, caCertPath, hostMap, users, branding); Ctrl-C stops.
--ready-file FILE writes that JSON line to FILE once every server listens (FILE appears whole,
  never half-written) and removes it when the lab stops: a script waits for FILE, then reads it.
--users N puts N users (0 to 20,000) of the first user's group on its Busy Lamp Field list,
  served over XSI and monitored over CTI or CAP: a load target for a reception client.
--activity makes calls, BLF changes, queue entries and IMs happen on a seeded schedule.
--calls-per-second N instead rings the monitored users from outside at that rate (0.5, 20, …):
  each call rings 3 s, is answered and hangs up after 30 s, so their lamps go busy and idle.
`;

function parseArgs(args: string[]): LabArgs {
  const out: LabArgs = { json: false, list: false, activity: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--scenario') out.scenario = checkScenario(value());
    else if (flag === '--ready-file') out.readyFile = value();
    else if (flag === '--seed') out.seed = value();
    else if (flag === '--json') out.json = true;
    else if (flag === '--list') out.list = true;
    else if (flag === '--activity') out.activity = true;
    else if (flag === '--users') out.users = checkMonitoredUsers(value());
    else if (flag === '--calls-per-second') out.callsPerSecond = checkCallsPerSecond(value());
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new UsageError(`unknown option ${arg}`);
  }
  if (out.activity && out.callsPerSecond !== undefined) throw new UsageError('--activity and --calls-per-second are two kinds of activity: give one of them');
  return out;
}

/** The one JSON line: what a client or a test needs to reach the lab. */
export function labSummary(lab: Lab): Record<string, unknown> {
  return {
    scenario: lab.scenario.name,
    description: lab.scenario.description,
    release: lab.scenario.release,
    seed: lab.seed,
    services: lab.services,
    caCertPath: lab.caCertPath,
    hostMap: lab.hostMap,
    users: lab.users.map((u) => ({
      loginId: u.loginId,
      password: u.password,
      firstName: u.firstName,
      lastName: u.lastName,
      extension: u.extension,
      phoneNumber: u.phoneNumber,
      groupId: u.groupId,
      serviceProviderId: u.serviceProviderId,
      isEnterprise: u.isEnterprise,
      services: u.services,
      ...(u.impId !== undefined ? { impId: u.impId } : {}),
      knownToPortal: u.knownToPortal,
      uid: u.uid,
    })),
    branding: lab.branding,
    clientType: lab.scenario.clientType,
  };
}

/** At reception scale the text lists the first users only. */
const USERS_SHOWN = 10;

function describeLab(lab: Lab): string {
  const services = Object.entries(lab.services).map(
    ([name, s]) => `  ${name.padEnd(8)} ${s.host}:${s.port}${s.tls ? ' (TLS)' : ''}${s.listening ? '' : ' (nothing listens: on purpose)'}`,
  );
  const shown = lab.users.slice(0, USERS_SHOWN).map((u) => `  ${u.loginId.padEnd(16)} ${u.password}`);
  const more = lab.users.length - shown.length;
  const users = more > 0 ? [...shown, `  … and ${more.toLocaleString('en-US')} more (--json or --ready-file lists every user with its password)`] : shown;
  return [
    `lab scenario ${lab.scenario.name}: ${lab.scenario.description}`,
    'services (every *.lab.test name is 127.0.0.1 through the lab host map):',
    ...services,
    `CA certificate: ${lab.caCertPath}`,
    'users:',
    ...users,
    'Ctrl-C stops the lab.',
    '',
  ].join('\n');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: LabArgs;
  try {
    parsed = parseArgs(args);
    if (parsed.readyFile !== undefined) await checkOutputFile('--ready-file', parsed.readyFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect lab: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.list) {
    const scenarios = listScenarios();
    if (parsed.json) io.stdout(JSON.stringify(scenarios) + '\n');
    else io.stdout(scenarios.map((s) => `${s.name.padEnd(22)} ${s.description}`).join('\n') + '\n');
    return 0;
  }
  // Listening before the lab starts: a Ctrl-C (or a closed stdout) during start-up still stops it
  // politely, so its temporary files go.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let lab: Lab;
  try {
    lab = await startLab({
      ...(parsed.scenario !== undefined ? { scenario: parsed.scenario } : {}),
      ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
      ...(parsed.users !== undefined ? { monitoredUsers: parsed.users } : {}),
      ...(parsed.callsPerSecond !== undefined ? { activity: { callsPerSecond: parsed.callsPerSecond } } : parsed.activity ? { activity: true } : {}),
    });
  } catch (error) {
    io.stderr(`unity-connect lab: ${(error as Error).message}\n`);
    return 1;
  }
  const line = JSON.stringify(labSummary(lab)) + '\n';
  try {
    if (parsed.readyFile !== undefined) await writeWhole(parsed.readyFile, line);
    io.stdout(parsed.json ? line : describeLab(lab));
    const signal = await stopRequested;
    if (!parsed.json) io.stderr(`lab stopped (${signal})\n`);
  } finally {
    if (parsed.readyFile !== undefined) await rm(parsed.readyFile, { force: true });
    await lab.stop();
  }
  return 0;
}

/** Writes `text` to `file` so that it appears whole: a reader never sees it half-written. */
async function writeWhole(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text, { mode: 0o600 }); // it holds the lab users' passwords
  await rename(partial, file);
}

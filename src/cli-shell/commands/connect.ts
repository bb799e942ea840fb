// `unity-connect connect` (issue 5 "The command"): the same client against real servers. The
// password comes from a prompt without echo, or from stdin with --password-stdin; never from a flag.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_TYPES, type ClientType, createUnityClient } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCliArgs, stringFlag, UsageError } from './cli-args.ts';
import { checkOutputFile, checkPortalUrl, parseHostMap, readCaFile } from './flag-checks.ts';
import { promptPassword, readPasswordLine } from './password-input.ts';
import { runSessionWithUi } from '../terminal/run-session-ui.ts';
import { checkUiFlags, INSPECT_USAGE, startSessionUis, UI_FLAGS, WEB_UI_USAGE } from '../web/ui-flags.ts';

const USAGE = `usage: unity-connect connect --server HOST --login ID [--portal URL] [--client-type T] [--ca FILE]
                             [--host-map JSON] [--json] [--log FILE] [--password-stdin] [--exit-when-ready]
                             [--state-dir DIR] [--ui tty|plain|json|web] [--port N] [--inspect]
Connects to a BroadWorks server (HOST = the OCI FQDN) as the given login, following the Kakapo
portal's branding. The password is asked for without echo, or read from stdin (--password-stdin).
  --client-type  Desktop (default), Reception, CallCenter, Wallboard, Dashboard
  --portal URL   the Kakapo portal's https:// URL (default https://portal.unityclient.com)
  --ca FILE      extra trusted CA certificate(s), PEM
  --host-map MAP names resolved before DNS to IP addresses: '{"ocs.example.com":"10.0.0.5"}'
                 (the JSON object 'lab --json' prints) or ocs.example.com=10.0.0.5,…
  --state-dir DIR where this installation keeps its id, so its CTI channel set and XMPP resource stay
                 its own across restarts (default $XDG_STATE_HOME/unity-connect or ~/.local/state/unity-connect)
${WEB_UI_USAGE}${INSPECT_USAGE}`;

const SPEC = {
  '--server': true,
  '--login': true,
  '--portal': true,
  '--client-type': true,
  '--ca': true,
  '--host-map': true,
  '--json': false,
  '--ui': true,
  '--log': true,
  '--password-stdin': false,
  '--exit-when-ready': false,
  '--state-dir': true,
  '--help': false,
  '-h': false,
  ...UI_FLAGS,
};

/** XDG Base Directory: state data goes to $XDG_STATE_HOME (default ~/.local/state). */
function defaultStateDirectory(): string {
  const base = process.env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  return join(base, 'unity-connect');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  let server: string;
  let login: string;
  let clientType: ClientType = 'Desktop';
  let ca: string[] = [];
  let hostMap: Record<string, string> = {};
  let portal: string | undefined;
  try {
    parsed = parseCliArgs(args, SPEC);
    if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    // Every flag is checked before anything starts: no password prompt, no socket for a typo.
    if (parsed.positional.length > 0) throw new UsageError(`unexpected argument ${parsed.positional[0]}`);
    checkUiFlags(parsed);
    const s = stringFlag(parsed, '--server');
    const l = stringFlag(parsed, '--login');
    if (s === undefined || l === undefined) throw new UsageError('--server and --login are required');
    server = s;
    login = l;
    const t = stringFlag(parsed, '--client-type');
    if (t !== undefined) {
      if (!(CLIENT_TYPES as readonly string[]).includes(t)) throw new UsageError(`--client-type must be one of ${CLIENT_TYPES.join(', ')}`);
      clientType = t as ClientType;
    }
    const portalText = stringFlag(parsed, '--portal');
    if (portalText !== undefined) portal = checkPortalUrl(portalText);
    const hostMapText = stringFlag(parsed, '--host-map');
    if (hostMapText !== undefined) hostMap = parseHostMap(hostMapText);
    const caFile = stringFlag(parsed, '--ca');
    if (caFile !== undefined) ca = [await readCaFile(caFile)];
    const logFile = stringFlag(parsed, '--log');
    if (logFile !== undefined) await checkOutputFile('--log', logFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect connect: ${error.message}\n${USAGE}`);
    return 2;
  }
  let password: string;
  try {
    if (parsed.flags.has('--password-stdin')) password = await readPasswordLine(process.stdin);
    else if (process.stdin.isTTY) password = await promptPassword(`password for ${login}: `, process.stdin, process.stderr);
    else throw new Error('no TTY for the password prompt; use --password-stdin');
  } catch (error) {
    io.stderr(`unity-connect connect: ${(error as Error).message}\n`);
    return 2;
  }
  const logFile = stringFlag(parsed, '--log');
  const client = createUnityClient({
    stateDirectory: stringFlag(parsed, '--state-dir') ?? defaultStateDirectory(),
    serverHost: server,
    loginId: login,
    password: async () => password,
    clientType,
    ca,
    hostMap,
    ...(portal !== undefined ? { portalUrl: portal } : {}),
    ...(logFile !== undefined ? { logFile } : {}),
  });
  // --ui web / --inspect attach beside the terminal output (issue 6); closed when the session ends.
  const uis = await startSessionUis(parsed, client, io, `${login} on ${server}`);
  try {
    return await runSessionWithUi(client, io, { ui: uis.terminalUi, json: parsed.flags.has('--json'), exitWhenReady: parsed.flags.has('--exit-when-ready') });
  } finally {
    await uis.close();
  }
}

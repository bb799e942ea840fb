// `unity-connect demo` (issue 5 "The command"): starts the lab in-process (default scenario r22-cti)
// and the client against it, over loopback with real TCP/TLS; `npm start` runs it.
import { startLab, type Lab } from '../../lab/index.ts';
import { createUnityClient, labClientConfig } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCliArgs, stringFlag, UsageError } from './cli-args.ts';
import { checkOutputFile, checkScenario } from './flag-checks.ts';
import { labKeyBindings } from '../terminal/lab-keys.ts';
import { runSessionWithUi } from '../terminal/run-session-ui.ts';
import { checkUiFlags, INSPECT_USAGE, startSessionUis, UI_FLAGS, WEB_UI_USAGE } from '../web/ui-flags.ts';

const USAGE = `usage: unity-connect demo [--scenario NAME] [--exit-when-ready] [--json] [--log FILE] [--ui tty|plain|json|web] [--port N] [--inspect]
Starts the simulated servers of a lab scenario (default r22-cti) and the client against them,
showing each start-up step as it happens, then the live state of every connection. Ctrl-C (q on
the terminal UI) closes.
  --exit-when-ready  exit 0 once ready, non-zero when start-up stopped
  --json             JSON Lines; the last line is the result line
  --ui UI            tty: live task list and connection panel (default on a terminal; keys d/o/i drop
                     a lab server's connections); plain: lines (default otherwise, or NO_COLOR); json
  --log FILE         write the event log (JSON Lines; replay it with 'unity-connect replay FILE --verify')
${WEB_UI_USAGE}${INSPECT_USAGE}`;

const SPEC = { '--scenario': true, '--exit-when-ready': false, '--json': false, '--log': true, '--ui': true, '--help': false, '-h': false, ...UI_FLAGS };

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(args, SPEC);
    if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    // Every flag is checked before the lab starts.
    if (parsed.positional.length > 0) throw new UsageError(`unexpected argument ${parsed.positional[0]}`);
    checkUiFlags(parsed);
    const scenarioName = stringFlag(parsed, '--scenario');
    if (scenarioName !== undefined) checkScenario(scenarioName);
    const logName = stringFlag(parsed, '--log');
    if (logName !== undefined) await checkOutputFile('--log', logName);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect demo: ${error.message}\n${USAGE}`);
    return 2;
  }
  const json = parsed.flags.has('--json');
  const scenario = stringFlag(parsed, '--scenario') ?? 'r22-cti';
  const logFile = stringFlag(parsed, '--log');
  let lab: Lab;
  try {
    lab = await startLab({ scenario });
  } catch (error) {
    io.stderr(`unity-connect demo: ${(error as Error).message}\n`);
    return 1;
  }
  if (!json) io.stdout(`lab scenario ${lab.scenario.name}: ${lab.scenario.description}\nlogging in as ${lab.users[0]?.loginId} on ${lab.services['oci']?.host ?? lab.services['oci-tls']?.host}\n`);
  try {
    const client = createUnityClient(labClientConfig(lab, logFile !== undefined ? { logFile } : {}));
    // --ui web / --inspect attach beside the terminal output (issue 6); closed when the session ends.
    const uis = await startSessionUis(parsed, client, io, `demo ${lab.scenario.name}`);
    try {
      return await runSessionWithUi(client, io, { ui: uis.terminalUi, json, exitWhenReady: parsed.flags.has('--exit-when-ready'), keys: labKeyBindings(lab) });
    } finally {
      await uis.close();
    }
  } finally {
    await lab.stop();
  }
}

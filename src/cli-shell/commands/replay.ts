// `unity-connect replay FILE [--verify] [--json]` (issue 5 "The command"; DESIGN.md "Replay"): feeds
// a recorded event log to the same machines on a virtual clock, with no network, and compares every
// snapshot. --verify exits 0 only when every snapshot matches, else prints the first divergence
// and exits 1. Without --verify it also shows the steps the log holds.
import { replay, startupMachine } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCliArgs, UsageError } from './cli-args.ts';
import { readLogFile } from './read-log-file.ts';
import { stepLines } from './step-lines.ts';
import { checkUiFlags, serveReplayUi, UI_FLAGS, WEB_UI_USAGE } from '../web/ui-flags.ts';

const USAGE = `usage: unity-connect replay FILE [--verify] [--json] [--ui web [--port N]]
Replays a recorded event log (written by --log) through the start-up machines, with no network.
  --verify  exit 0 only when every snapshot matches; else print the first divergence and exit 1
  --json    JSON Lines; the last line is {"type":"replay","ok":…}
${WEB_UI_USAGE}`;

const SPEC = { '--verify': false, '--json': false, '--help': false, '-h': false, '--ui': true, '--port': UI_FLAGS['--port'] };

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(args, SPEC);
    if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.positional.length !== 1) throw new UsageError('give exactly one log FILE');
    checkUiFlags(parsed, true);
  } catch (error) {
    io.stderr(`unity-connect replay: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = parsed.positional[0]!;
  const json = parsed.flags.has('--json');
  const verify = parsed.flags.has('--verify');
  const out = (value: string): void => io.stdout(`${value}\n`);

  const read = await readLogFile(file);
  if (!read.ok) {
    if (json) out(JSON.stringify({ type: 'replay', ok: false, error: read.message }));
    else io.stderr(`unity-connect replay: ${read.message}\n`);
    return 1;
  }
  const entries = read.entries;
  if (read.warning !== undefined && !json) io.stderr(`unity-connect replay: warning: ${read.warning}\n`);
  const warning = read.warning !== undefined ? { warning: read.warning } : {};

  if (!verify && !json) for (const entry of entries) for (const line of stepLines(entry)) out(`[${entry.seq}] ${line}`);
  const result = replay(entries, { machine: startupMachine });
  if (json) {
    out(JSON.stringify(result.ok ? { type: 'replay', ok: true, entries: result.entries, ...warning } : { type: 'replay', ok: false, seq: result.seq, message: result.message, expected: result.expected, actual: result.actual, ...warning }));
  } else if (result.ok) {
    out(`replayed ${result.entries} entries: every snapshot matches the log`);
  } else {
    out(`replay diverges at seq ${result.seq}: ${result.message}`);
    out(`  expected ${JSON.stringify(result.expected.states)}`);
    out(`  actual   ${JSON.stringify(result.actual.states)}`);
  }
  // --ui web: the same log on the local page, with a timeline to scrub (issue 6 "Inspector").
  if (await serveReplayUi(parsed, entries, io, file)) return result.ok ? 0 : 1;
  if (!verify) return 0;
  return result.ok ? 0 : 1;
}

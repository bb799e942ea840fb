// `unity-connect connection-log FILE` (issue 6 "Connection log"): prints the human-readable
// connection log (seed §5.1 ConnectionLog.txt) of a recorded JSON Lines event log.
import { renderConnectionLog } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCliArgs, stringFlag, UsageError } from './cli-args.ts';
import { readLogFile } from './read-log-file.ts';

const USAGE = `usage: unity-connect connection-log FILE [--relative] [--portal HOST:PORT]
Prints one line per connection event of a recorded event log (written by --log): time,
connection, host:port, TLS version or "plain", and what happened.
  --relative  times as +seconds from the start instead of ISO times
  --portal    the portal's host:port to show on portal lines (the event log does not carry it)
`;

const SPEC = { '--relative': false, '--portal': true, '--help': false, '-h': false };

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(args, SPEC);
    if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.positional.length !== 1) throw new UsageError('give exactly one log FILE');
  } catch (error) {
    io.stderr(`unity-connect connection-log: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const read = await readLogFile(parsed.positional[0]!);
  if (!read.ok) {
    io.stderr(`unity-connect connection-log: ${read.message}\n`);
    return 1;
  }
  const entries = read.entries;
  if (read.warning !== undefined) io.stderr(`unity-connect connection-log: warning: ${read.warning}\n`);
  const portal = stringFlag(parsed, '--portal');
  // A live session's log carries wall-clock milliseconds: entry 0's time is the session start.
  const lines = renderConnectionLog(entries, {
    ...(parsed.flags.has('--relative') || entries[0] === undefined ? {} : { startedAt: entries[0].t }),
    ...(portal !== undefined ? { portalTarget: portal } : {}),
  });
  io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return 0;
}

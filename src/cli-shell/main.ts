#!/usr/bin/env node
// The `unity-connect` command. Subcommands live in ./commands/<name>.ts and are loaded on demand;
// to add one, add one line to COMMANDS.
import { readFileSync } from 'node:fs';
import type { CliCommand, CliIo } from './cli-io.ts';
import { processIo } from './process-io.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  lab: { summary: 'run the embedded lab servers for a scenario (--scenario NAME --json, --users N, --list)', load: () => import('./commands/lab.ts') },
  demo: { summary: 'start the lab and the client against it (--scenario NAME --exit-when-ready --json --log FILE)', load: () => import('./commands/demo.ts') },
  replay: { summary: 'replay a recorded event log (FILE --verify --json)', load: () => import('./commands/replay.ts') },
  doctor: { summary: 'check every outbound connection Unity needs (--server HOST --portal URL --login ID --json)', load: () => import('./commands/doctor.ts') },
  'connection-log': { summary: 'print the human-readable connection log of a recorded event log (FILE --relative)', load: () => import('./commands/connection-log.ts') },
  connect: { summary: 'connect to a real BroadWorks server (--server HOST --login ID --portal URL --password-stdin ...)', load: () => import('./commands/connect.ts') },
};

// EPIPE-safe: a closed stdout (`… | head`) ends the command quietly, as Ctrl-C would.
const io: CliIo = processIo();

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return (
    `usage: unity-connect <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n` +
    `unity-connect help <command> (or <command> --help) shows a command's options; --version the version.\n`
  );
}

/** The package's version: package.json is two folders up from this file in src/ and in dist/ alike. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (name === 'help' && args[0] !== undefined) return main([args[0], '--help']);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`unity-connect: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr(`unity-connect: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

// The command's output streams, safe to write after the reader went away: piping into `head` closes
// stdout early, and the next write fails with EPIPE. A closed stream is written no more (no stack
// trace, no noise), and a closed stdout asks the command to end as Ctrl-C would (SIGINT), so a
// running session closes politely and the lab removes its temporary files. A command that only
// prints (replay, connection-log) has nobody listening for SIGINT: it finishes into the void.
import type { CliIo } from './cli-io.ts';

/**
 * @example
 * const io = processIo(); // main.ts: every subcommand writes through it
 * io.stdout('line\n');
 */
export function processIo(onStdoutClosed: () => void = () => void process.emit('SIGINT', 'SIGINT')): CliIo {
  const open = { stdout: true, stderr: true };
  const watch = (name: 'stdout' | 'stderr', stream: NodeJS.WriteStream, onClosed: () => void): void => {
    // EPIPE (the reader exited), or any other write error: either way nothing more can be written.
    stream.on('error', () => {
      if (!open[name]) return;
      open[name] = false;
      onClosed();
    });
  };
  watch('stdout', process.stdout, onStdoutClosed);
  watch('stderr', process.stderr, () => undefined);
  return {
    stdout: (text) => void (open.stdout && process.stdout.write(text)),
    stderr: (text) => void (open.stderr && process.stderr.write(text)),
  };
}

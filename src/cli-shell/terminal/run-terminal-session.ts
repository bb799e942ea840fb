// Runs one client session with the live terminal UI attached through the shell (the same life
// as commands/run-session.ts: start, stay until q, Ctrl-C or --exit-when-ready, close politely).
// A stop stays on screen with its reason until q or Ctrl-C (without --exit-when-ready): the
// terminal is the person's, and the reason is what they came to read.
// Exit codes as there: 0 ready (then closed), 1 start-up stopped, 130 quit during start-up.
import { type UnityClient, attachUi } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import type { KeyBinding, KeyInput } from './key-bindings.ts';
import { createTerminalUi } from './terminal-ui.ts';

export interface TerminalSessionOptions {
  exitWhenReady: boolean;
  /** Resolves when the user asks to quit; default SIGINT/SIGTERM. */
  quit?: Promise<unknown>;
  keys?: readonly KeyBinding[];
  /** Default process.stdin when it is a TTY. */
  input?: KeyInput;
  columns?: () => number;
  rows?: () => number;
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export async function runTerminalSession(client: UnityClient, io: CliIo, options: TerminalSessionOptions): Promise<number> {
  const input = options.input ?? (process.stdin.isTTY ? process.stdin : undefined);
  const ui = createTerminalUi({
    write: io.stdout,
    columns: options.columns ?? (() => process.stdout.columns ?? 80),
    rows: options.rows ?? (() => process.stdout.rows ?? Infinity),
    onResize: (listener) => {
      process.stdout.on('resize', listener);
      return () => void process.stdout.off('resize', listener);
    },
    ...(options.keys ? { keys: options.keys } : {}),
    ...(input ? { input } : {}),
    waitsAfterStop: !options.exitWhenReady,
  });
  const detach = attachUi(client, ui);
  const quit = options.quit ?? signalled();
  try {
    const started = await Promise.race([client.start(), quit.then(() => null)]);
    if (started !== null && started.outcome === 'ready' && !options.exitWhenReady) await quit;
    await client.stop();
    if (started !== null && started.outcome === 'stopped' && !options.exitWhenReady) await quit; // the screen says how to leave
    return started === null ? 130 : started.outcome === 'ready' ? 0 : 1;
  } finally {
    detach();
  }
}

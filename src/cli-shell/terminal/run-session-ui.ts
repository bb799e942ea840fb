// The one place a session command (demo, connect) picks its UI: the live terminal UI on a TTY,
// otherwise commands/run-session.ts (plain lines, or JSON Lines with --json) as before.
import type { UnityClient } from '../../client/index.ts';
import { UsageError } from '../commands/cli-args.ts';
import { runSession } from '../commands/run-session.ts';
import type { CliIo } from '../cli-io.ts';
import { chooseUi } from './choose-ui.ts';
import type { KeyBinding } from './key-bindings.ts';
import { runTerminalSession } from './run-terminal-session.ts';

export interface SessionUiOptions {
  /** The `--ui` flag's value, if given. */
  ui: string | undefined;
  json: boolean;
  exitWhenReady: boolean;
  /** Keys for the terminal UI (the demo's lab keys). */
  keys?: readonly KeyBinding[];
}

export async function runSessionWithUi(client: UnityClient, io: CliIo, options: SessionUiOptions): Promise<number> {
  let choice;
  try {
    choice = chooseUi(options.ui, { json: options.json, isTTY: process.stdout.isTTY === true, env: process.env });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect: ${error.message}\n`);
    return 2;
  }
  if (choice === 'tty') return runTerminalSession(client, io, { exitWhenReady: options.exitWhenReady, ...(options.keys ? { keys: options.keys } : {}) });
  return runSession(client, io, { json: choice === 'json', exitWhenReady: options.exitWhenReady });
}

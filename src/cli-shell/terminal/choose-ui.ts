// Which UI a session command shows (issue 6 "Terminal"): the live terminal UI on a TTY, plain
// lines when stdout is not a TTY or NO_COLOR is set (no-color.org), JSON Lines with --json.
// `--ui tty|plain|json` overrides.
import { UsageError } from '../commands/cli-args.ts';

export type UiChoice = 'tty' | 'plain' | 'json';

export const UI_CHOICES: readonly UiChoice[] = ['tty', 'plain', 'json'];

export function chooseUi(flag: string | undefined, context: { json: boolean; isTTY: boolean; env: Record<string, string | undefined> }): UiChoice {
  if (flag !== undefined) {
    // The commands check --ui first (web/ui-flags.ts, which adds 'web'); this guards other callers.
    if (!(UI_CHOICES as readonly string[]).includes(flag)) throw new UsageError(`--ui must be one of ${UI_CHOICES.join(', ')} here, not '${flag}'`);
    if (context.json && flag !== 'json') throw new UsageError('--json and --ui are exclusive');
    return flag as UiChoice;
  }
  if (context.json) return 'json';
  const noColor = context.env['NO_COLOR'] !== undefined && context.env['NO_COLOR'] !== '';
  return context.isTTY && !noColor ? 'tty' : 'plain';
}

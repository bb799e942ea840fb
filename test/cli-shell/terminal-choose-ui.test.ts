// Which UI a session command shows: live on a TTY, plain lines off a TTY or with NO_COLOR, JSON with --json.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli-shell/commands/cli-args.ts';
import { chooseUi } from '../../src/cli-shell/terminal/choose-ui.ts';

describe('chooseUi', () => {
  it('is the live terminal UI on a TTY, plain lines when stdout is not a TTY or NO_COLOR is set', () => {
    expect(chooseUi(undefined, { json: false, isTTY: true, env: {} })).toBe('tty');
    expect(chooseUi(undefined, { json: false, isTTY: false, env: {} })).toBe('plain');
    expect(chooseUi(undefined, { json: false, isTTY: true, env: { NO_COLOR: '1' } })).toBe('plain');
    expect(chooseUi(undefined, { json: false, isTTY: true, env: { NO_COLOR: '' } })).toBe('tty'); // no-color.org: only when non-empty
  });

  it('keeps --json as it is, and lets --ui choose', () => {
    expect(chooseUi(undefined, { json: true, isTTY: true, env: {} })).toBe('json');
    expect(chooseUi('tty', { json: false, isTTY: false, env: {} })).toBe('tty');
    expect(chooseUi('plain', { json: false, isTTY: true, env: {} })).toBe('plain');
    expect(() => chooseUi('fancy', { json: false, isTTY: true, env: {} })).toThrow(UsageError);
    expect(() => chooseUi('tty', { json: true, isTTY: true, env: {} })).toThrow(UsageError);
  });
});

// The live terminal UI in a real pseudo-terminal (issue 6 "Terminal"): `unity-connect demo` runs in
// a detached tmux session of fixed size; the test reads the screen with `tmux capture-pane` (polled
// to a deadline). It shows seed §1.1's steps with ✓, then a key makes the lab drop every CTI
// connection: the panel counts down the 15 s (seed §1) in place and CTI comes back online.
// Real time: the reconnect waits the real 15 s.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { systemProgram } from '../support/system-programs.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const socket = `unity-connect-test-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', 'demo');

async function waitForScreen(what: string, test: (text: string) => boolean, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the screen never showed ${what} within ${ms} ms; last screen:\n${text}`);
}

const countdown = (text: string): number | null => {
  const m = /CTI +reconnecting +cti\.lab\.test:\d+ +plain +reconnecting in (\d+) s/.exec(text);
  return m ? Number(m[1]) : null;
};

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

systemProgram('tmux').describe('the terminal UI in tmux', () => {
  it('shows the start-up steps with ✓, then after the lab drops CTI a countdown that ticks, then CTI back online', async () => {
    // NO_COLOR would choose plain lines; the UI must find a TTY on its own (no --ui flag).
    tmux('new-session', '-d', '-s', 'demo', '-x', '100', '-y', '32', '-c', repo, 'env -u NO_COLOR node bin/unity-connect.js demo; echo "EXIT=$?"; sleep 60');

    const ready = await waitForScreen('Ready with every step ✓', (t) => /Ready: BroadWorks 22\.0, call control over CTI/.test(t) && /● Kakapo IM&P/.test(t), 30_000);
    for (const step of ['Branding', 'OCI login', 'Release & profile', 'CTI', 'License', 'Kakapo IM&P']) {
      expect(ready, step).toMatch(new RegExp(`✓ ${step.replace(/[&]/g, '\\$&')} +\\d+(\\.\\d)? m?s`));
    }
    expect(ready).toMatch(/- XMPP +not used by this session/);
    expect(ready).toMatch(/● OCI +online +ocs\.lab\.test:\d+ +plain/);
    expect(ready).toMatch(/● CTI +online +cti\.lab\.test:\d+ +plain/);
    expect(ready).toMatch(/d drop CTI \(lab\)/);

    tmux('send-keys', '-t', 'demo', 'd');
    const dropped = await waitForScreen('the reconnect countdown', (t) => countdown(t) !== null, 10_000);
    const first = countdown(dropped)!;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(15);
    expect(dropped).toMatch(/● OCI +online/); // only CTI dropped
    // The panel redraws in place on its 1 s tick: a lower number, on the same single panel.
    const ticked = await waitForScreen('the countdown ticking', (t) => (countdown(t) ?? 99) < first, 5_000);
    expect(ticked.match(/^Connections$/gm)).toHaveLength(1);

    const back = await waitForScreen('CTI back online', (t) => /● CTI +online +cti\.lab\.test/.test(t), 25_000);
    expect(countdown(back)).toBeNull();

    tmux('send-keys', '-t', 'demo', 'C-c');
    const closed = await waitForScreen('the demo exiting', (t) => /EXIT=\d+/.test(t), 15_000);
    expect(closed).toMatch(/○ CTI +closed/);
    expect(closed).toMatch(/EXIT=0/);
  }, 90_000);
});

// The live terminal UI in a real pseudo-terminal (issues 6 and 13 "Terminal"): `unity-connect demo`
// runs in a detached tmux session of fixed size, 120 and 60 columns; the test reads the screen with
// `tmux capture-pane` (polled to a deadline). It shows seed §1.1's steps with ✓, then a key makes
// the lab drop every CTI connection: the panel counts down the 15 s (seed §1) in place, with the
// state and countdown on one line even at 60 columns, and CTI comes back online, which clears the
// lab's notice; q quits like Ctrl-C. A start-up that stops stays on screen and says how to leave.
// Real time: the reconnect waits the real 15 s.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { systemProgram } from '../support/system-programs.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const socket = `unity-connect-test-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screenOf = (session: string) => (): string => tmux('capture-pane', '-p', '-t', session);

async function waitFor(screen: () => string, what: string, test: (text: string) => boolean, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the screen never showed ${what} within ${ms} ms; last screen:\n${text}`);
}

/** The seconds left on CTI's line, which must also name the state (one line: never cut, never wrapped). */
const countdown = (text: string): number | null => {
  const m = /^ {2}◌ CTI +reconnecting in (\d+) s\b/m.exec(text);
  return m ? Number(m[1]) : null;
};

/** Starts `demo ARGS` in a tmux session of `columns` × 32; NO_COLOR would choose plain lines. */
function startDemo(session: string, columns: number, args = ''): () => string {
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', '32', '-c', repo, `env -u NO_COLOR node bin/unity-connect.js demo ${args}; echo "EXIT=$?"; sleep 60`);
  return screenOf(session);
}

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

const TMUX = systemProgram('tmux');

for (const columns of [120, 60]) {
  TMUX.describe(`the terminal UI in tmux at ${columns} columns`, () => {
    it('shows the steps with ✓, then after a lab drop a countdown that ticks in place beside the state, CTI back online clears the notice, q quits', async () => {
      const session = `demo${columns}`;
      const screen = startDemo(session, columns);
      const ready = await waitFor(screen, 'Ready with every step ✓', (t) => /Ready: BroadWorks 22\.0, call control over CTI/.test(t) && /● Kakapo IM&P/.test(t), 30_000);
      for (const step of ['Branding', 'OCI login', 'Release & profile', 'CTI', 'License', 'Kakapo IM&P']) {
        expect(ready, step).toMatch(new RegExp(`✓ ${step.replace(/[&]/g, '\\$&')} +\\d+(\\.\\d)? m?s`));
      }
      expect(ready).toMatch(/- XMPP +not used by this session/);
      expect(ready).toMatch(/● OCI +online +ocs\.lab\.test:\d+/);
      expect(ready).toMatch(/● CTI +online +cti\.lab\.test:\d+/);
      expect(ready).toMatch(/d drop CTI \(lab\)/);
      expect(ready).toMatch(/q or Ctrl-C quit/);
      if (columns >= 100) expect(ready).toMatch(/● OCI +online +ocs\.lab\.test:\d+ +plain +keepalive/);
      // The session's activity from the domain state: no call yet, ann's three lamps once monitored.
      const activity = await waitFor(screen, 'the lamps monitored', (t) => /Lamps \(3\): 3 free/.test(t), 10_000);
      expect(activity).toMatch(/Activity\s+Calls: none\s+Lamps \(3\): 3 free/);

      tmux('send-keys', '-t', session, 'd');
      const dropped = await waitFor(screen, 'the reconnect countdown', (t) => countdown(t) !== null, 10_000);
      const first = countdown(dropped)!;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(15);
      expect(dropped).toMatch(/● OCI +online/); // only CTI dropped
      expect(dropped).toMatch(/lab fault\s+drop-all/);
      // The panel redraws in place on its 1 s tick: a lower number, on the same single panel.
      const ticked = await waitFor(screen, 'the countdown ticking', (t) => (countdown(t) ?? 99) < first, 5_000);
      expect(ticked.match(/^Connections$/gm)).toHaveLength(1);
      // No line of the block is wider than the screen (tmux would have wrapped it onto the next row).
      expect(ticked.split('\n').every((line) => [...line].length <= columns)).toBe(true);

      const back = await waitFor(screen, 'CTI back online', (t) => /● CTI +online +cti\.lab\.test/.test(t), 25_000);
      expect(countdown(back)).toBeNull();
      // The lab's notice went with the drop it announced.
      const cleared = await waitFor(screen, 'the notice gone', (t) => !/lab fault\s+drop-all/.test(t), 3_000);
      expect(cleared).toMatch(/● CTI +online/);

      tmux('send-keys', '-t', session, 'q'); // like Ctrl-C: a user close
      const closed = await waitFor(screen, 'the demo exiting', (t) => /EXIT=\d+/.test(t), 15_000);
      expect(closed).toMatch(/○ CTI +closed/);
      expect(closed).toMatch(/EXIT=0/);
    }, 90_000);
  });
}

TMUX.describe('the terminal UI after a stop', () => {
  it('keeps the reason on screen and says how to leave; q leaves with exit 1', async () => {
    const screen = startDemo('stopped', 60, '--scenario cti-unreachable');
    const stopped = await waitFor(screen, 'the stop', (t) => /Stopped: the CTI server cannot be reached/.test(t) && /leaves\./.test(t), 30_000);
    expect(stopped).toMatch(/✗ CTI/);
    expect(stopped).toMatch(/Allow outbound TCP port \d+ to/);
    expect(stopped.replace(/\s+/g, ' ')).toMatch(/Start-up stopped; what to change is above\. q or Ctrl-C leaves\./);
    // It waits: still no exit a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(screen()).not.toMatch(/EXIT=/);
    tmux('send-keys', '-t', 'stopped', 'q');
    const left = await waitFor(screen, 'the demo exiting', (t) => /EXIT=\d+/.test(t), 15_000);
    expect(left).toMatch(/EXIT=1/);
  }, 60_000);
});

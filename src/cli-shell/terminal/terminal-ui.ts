// The live terminal UI (issue 6 "Terminal"), a SessionUi: redraws the screen in place on every
// snapshot and event, and on a tick (100 ms for the spinner while starting, 1 s for the
// keepalive ages and reconnect countdowns once ready). On a TTY it reads keys: q quits like Ctrl-C,
// and the demo's lab keys drop a server's connections; their notice goes once those are back online.
import type { LogEntry, ClientSnapshot, Detach, SessionUi, SessionView } from '../../client/index.ts';
import { listenForKeys, type KeyBinding, type KeyInput } from './key-bindings.ts';
import { createLiveScreen } from './live-screen.ts';
import { COLOR, NO_STYLE } from './style.ts';
import { terminalScreen } from './terminal-screen.ts';
import { wallUiClock, type UiClock } from './ui-clock.ts';

export interface TerminalUiOptions {
  write(text: string): void;
  /** Screen width now (it may change); default 80. */
  columns?: () => number;
  /** Screen height now; a taller block keeps its last lines (the cursor cannot move above the screen). */
  rows?: () => number;
  clock?: UiClock;
  color?: boolean;
  keys?: readonly KeyBinding[];
  /** Where keys come from (process.stdin): q and Ctrl-C quit, and the bindings' keys. */
  input?: KeyInput;
  /** q or Ctrl-C while keys are read; default: SIGINT to this process (a user close). */
  onInterrupt?: () => void;
  /** The command waits for q or Ctrl-C after a stop (the screen says so). */
  waitsAfterStop?: boolean;
  reconnectDelayMs?: number;
  /** Subscribes to screen resizes (process.stdout 'resize'); returns the unsubscribe. */
  onResize?: (listener: () => void) => () => void;
}

export function createTerminalUi(options: TerminalUiOptions): SessionUi {
  const clock = options.clock ?? wallUiClock;
  const style = options.color === false ? NO_STYLE : COLOR;
  const keys = options.keys ?? [];
  return {
    attach(session: SessionView): Detach {
      const screen = createLiveScreen(options.write);
      const entries: LogEntry[] = [];
      let snapshot: ClientSnapshot | null = null;
      /** The last key's notice, and the connections whose return to online clears it. */
      let note: { text: string; connections: readonly string[]; seenDown: boolean } | null = null;
      let pending = false;
      let detached = false;

      const draw = (): void => {
        pending = false;
        if (detached) return;
        const width = Math.max(20, (options.columns?.() ?? 80) - 1);
        const state = {
          snapshot,
          entries,
          keys,
          note: note?.text ?? null,
          waitsAfterStop: options.waitsAfterStop === true,
          ...(options.reconnectDelayMs !== undefined ? { reconnectDelayMs: options.reconnectDelayMs } : {}),
        };
        const lines = terminalScreen(state, { now: clock.now(), width, style });
        const height = options.rows?.() ?? Infinity;
        screen.draw(lines.length < height ? lines : lines.slice(lines.length - Math.max(1, height - 1)));
      };
      // Several changes in one turn (an entry and its snapshot) make one redraw.
      const redraw = (): void => {
        if (pending) return;
        pending = true;
        queueMicrotask(draw);
      };

      let tickMs = 0;
      let stopTicking = (): void => undefined;
      const tickEvery = (ms: number): void => {
        if (ms === tickMs) return;
        stopTicking();
        tickMs = ms;
        stopTicking = ms > 0 ? clock.every(ms, draw) : () => undefined;
      };

      const subscriptions = [
        session.events$.subscribe((entry) => {
          entries.push(entry);
          redraw();
        }),
        session.snapshot$.subscribe((next) => {
          snapshot = next;
          if (note !== null && note.connections.length > 0) {
            const states = note.connections.map((c) => next.connections[c as keyof typeof next.connections]?.state).filter((s) => s !== undefined);
            if (states.some((state) => state !== 'online')) note.seenDown = true;
            else if (note.seenDown && states.length > 0) note = null; // back online: the notice has done its job
          }
          tickEvery(next.outcome === 'starting' ? 100 : next.outcome === 'ready' ? 1000 : 0);
          redraw();
        }),
      ];

      const interrupt = options.onInterrupt ?? (() => void process.kill(process.pid, 'SIGINT'));
      const stopKeys =
        options.input !== undefined
          ? listenForKeys(
              options.input,
              (key) => {
                if (key === 'q' || key === 'Q') return interrupt(); // like Ctrl-C: a user close
                const binding = keys.find((k) => k.key === key);
                if (binding === undefined) return;
                const shown = { text: `${binding.label}…`, connections: binding.connections ?? [], seenDown: false };
                note = shown;
                redraw();
                binding.run().then(
                  (text) => {
                    shown.text = text;
                    redraw();
                  },
                  (error: unknown) => {
                    shown.text = `${binding.label} failed: ${error instanceof Error ? error.message : String(error)}`;
                    shown.connections = [];
                    redraw();
                  },
                );
              },
              interrupt,
            )
          : () => undefined;

      const stopResize = options.onResize?.(() => (screen.resized(), redraw())) ?? (() => undefined);
      draw();
      return () => {
        stopResize();
        draw(); // the final state stays on screen
        detached = true;
        stopKeys();
        tickEvery(0);
        for (const s of subscriptions) s.unsubscribe();
        screen.end();
      };
    },
  };
}

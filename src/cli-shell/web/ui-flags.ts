// The UI options shared by `demo`, `connect` and `replay` (issue 6): `--ui web [--port N]` serves
// the local inspector/dashboard, `--inspect` streams to the Stately inspector. Each command adds
// UI_FLAGS to its flag spec and calls these; the UIs attach through the shell like any other.
import type { CliIo } from '../cli-io.ts';
import { UsageError, stringFlag, type ParsedArgs } from '../commands/cli-args.ts';
import { attachUi, DEFAULT_CLIENT_VERSION, type AttachableSession, type BrandingResponse, type LogEntry } from '../../client/index.ts';
import { inspectorUi } from '../inspect/inspector-ui.ts';
import { UI_CHOICES } from '../terminal/choose-ui.ts';
import { dashboardFacts } from './dashboard-facts.ts';
import { startWebUi } from './start-web-ui.ts';

/** Flags added to a session command's spec (its own `--ui` takes the value `web` as well). */
export const UI_FLAGS = { '--port': true, '--inspect': false } as const;

export const WEB_UI_USAGE = `  --ui web           serve the statechart inspector and dashboard on a local page (URL printed)
  --port N           port of --ui web (default: any free port); served on 127.0.0.1 only
`;
export const INSPECT_USAGE = `  --inspect          stream the actors to the Stately inspector (relay on localhost:8080; its page needs internet)
`;

/** Every `--ui` value of a session command: the terminal's and the local page. */
export const SESSION_UI_VALUES: readonly string[] = [...UI_CHOICES, 'web'];

/**
 * Throws a UsageError for a bad --ui (its values listed) or --port, or (webOnly: replay) a --ui
 * other than web; call it where the command parses its flags, before anything starts.
 */
export function checkUiFlags(parsed: ParsedArgs, webOnly = false): void {
  const ui = stringFlag(parsed, '--ui');
  if (webOnly && ui !== undefined && ui !== 'web') throw new UsageError(`--ui takes only 'web' here, not '${ui}'`);
  if (ui !== undefined && !SESSION_UI_VALUES.includes(ui)) throw new UsageError(`--ui must be one of ${SESSION_UI_VALUES.join(', ')}, not '${ui}'`);
  // --json is the json UI: beside the page it is fine, beside another terminal UI it is a contradiction.
  if (!webOnly && parsed.flags.has('--json') && ui !== undefined && ui !== 'json' && ui !== 'web') throw new UsageError(`--json and --ui ${ui} are exclusive`);
  const port = stringFlag(parsed, '--port');
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) throw new UsageError(`--port needs a port number, not '${port}'`);
  if (port !== undefined && ui !== 'web') throw new UsageError('--port goes with --ui web');
}

function portOf(parsed: ParsedArgs): number {
  return Number(stringFlag(parsed, '--port') ?? 0);
}

export interface SessionUis {
  /** The --ui value left for the terminal UI to choose by (undefined when it was `web`). */
  terminalUi: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the UIs the flags ask for on a live session (`--ui web`, `--inspect`); the terminal or
 * plain output keeps running beside them, chosen by `terminalUi`.
 */
export async function startSessionUis(
  parsed: ParsedArgs,
  session: AttachableSession & { readonly branding?: BrandingResponse | null },
  io: CliIo,
  title: string,
  clientVersion: string = DEFAULT_CLIENT_VERSION,
): Promise<SessionUis> {
  const ui = stringFlag(parsed, '--ui');
  const closers: Array<() => Promise<void> | void> = [];
  if (parsed.flags.has('--inspect')) {
    // Loaded on demand: the relay's WebSocket server is needed only with --inspect.
    const { startStatelyInspector } = await import('../inspect/stately-inspector.ts');
    try {
      const stately = await startStatelyInspector();
      const detach = attachUi(session, inspectorUi(stately.inspector));
      closers.push(detach, () => stately.stop());
      io.stderr(`Stately inspector relay: ${stately.url} (the page loads stately.ai/inspect: needs internet)\n`);
    } catch (error) {
      // The session runs without it; the offline inspector is --ui web.
      io.stderr(`--inspect: ${(error as Error).message}; continuing without it\n`);
    }
  }
  if (ui === 'web') {
    const web = await startWebUi({
      // Calls, lamps, IMs and voicemail are the snapshot's domain state: the public API only.
      session,
      title,
      port: portOf(parsed),
      io,
      ...('branding' in session ? { facts: () => dashboardFacts(session.branding ?? null, clientVersion) } : {}),
    });
    closers.push(() => web.close());
  }
  return {
    terminalUi: ui === 'web' ? undefined : ui,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}

/**
 * `replay FILE --ui web`: serves the recorded log until `quit` resolves (default Ctrl-C).
 * Resolves false when the flags ask for no web UI.
 */
export async function serveReplayUi(parsed: ParsedArgs, entries: readonly LogEntry[], io: CliIo, title: string, quit: Promise<unknown> = signalled()): Promise<boolean> {
  if (stringFlag(parsed, '--ui') !== 'web') return false;
  const web = await startWebUi({ entries, title, port: portOf(parsed), io });
  io.stderr('Ctrl-C stops the server.\n');
  await quit;
  await web.close();
  return true;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

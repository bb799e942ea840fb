// `--ui web` for the session commands: starts the local server and prints its URL. A live session
// attaches through the shell's three members (snapshot$, events$, send); a recorded log is served
// for scrubbing. The caller closes it when the session ends.
import type { CliIo } from '../main.ts';
import type { DashboardFacts } from './dashboard-facts.ts';
import type { WebSession } from './session-source.ts';
import type { LogEntry } from '../../machines/log/log-entry.ts';
import { startWebServer, type WebServer } from './web-server.ts';

export interface WebUiOptions {
  session?: WebSession;
  entries?: readonly LogEntry[];
  title?: string;
  port?: number;
  facts?: () => DashboardFacts;
  io: CliIo;
}

export async function startWebUi(options: WebUiOptions): Promise<WebServer> {
  const { io, ...serverOptions } = options;
  const server = await startWebServer(serverOptions);
  io.stderr(`web UI: ${server.url} (local only; Ctrl-C stops)\n`);
  return server;
}

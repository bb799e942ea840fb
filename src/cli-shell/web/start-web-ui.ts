// `--ui web` for the session commands: starts the local server and prints its URL. A live session
// is attached through the shell (attachUi: the page gets the logged history, then live entries,
// and detaching never disturbs the session); a recorded log is served for scrubbing.
import type { CliIo } from '../cli-io.ts';
import { attachUi, type AttachableSession, type SessionView, type LogEntry } from '../../client/index.ts';
import type { DashboardFacts } from './dashboard-facts.ts';
import { startWebServer, type WebServer } from './web-server.ts';

export interface WebUiOptions {
  session?: AttachableSession;
  entries?: readonly LogEntry[];
  title?: string;
  port?: number;
  facts?: () => DashboardFacts;
  io: CliIo;
}

export async function startWebUi(options: WebUiOptions): Promise<WebServer> {
  const { io, session, ...rest } = options;
  let view: SessionView | undefined;
  const detach = session ? attachUi(session, { attach: (v) => void (view = v) }) : () => undefined;
  let server: WebServer;
  try {
    server = await startWebServer({ ...rest, ...(view ? { session: view } : {}) });
  } catch (error) {
    detach();
    throw error;
  }
  io.stderr(`web UI: ${server.url} (local only)\n`);
  return {
    url: server.url,
    async close() {
      detach();
      await server.close();
    },
  };
}

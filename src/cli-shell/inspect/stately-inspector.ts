// The Stately inspector for --inspect: @statelyai/inspect's local relay (HTTP page + WebSocket on
// one port) and a WebSocket inspector connected to it. The page it serves embeds the hosted
// inspector (stately.ai/inspect), so only users with internet see the charts; our own offline
// inspector is --ui web.
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { createServer } from 'node:net';
import type { InspectorSink } from './inspector-ui.ts';

export const DEFAULT_INSPECT_PORT = 8080;

export interface StatelyInspector {
  /** The page to open (it loads the hosted inspector). */
  readonly url: string;
  /** The WebSocket the relay listens on (receivers may subscribe too). */
  readonly wsUrl: string;
  readonly inspector: InspectorSink;
  stop(): void;
}

/**
 * The relay listens with no error handler of its own (a busy port would crash the process), so the
 * port is probed first and a busy one is reported as an ordinary error.
 */
export async function startStatelyInspector(port: number = DEFAULT_INSPECT_PORT): Promise<StatelyInspector> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`the inspector port ${port} is not free (${error.code ?? 'error'})`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
  const server = createInspectorServer({ port, autoOpen: false });
  const wsUrl = `ws://localhost:${port}`;
  const inspector = createWebSocketInspector({ url: wsUrl });
  return {
    url: `http://localhost:${port}`,
    wsUrl,
    inspector,
    stop() {
      inspector.stop();
      server.stop();
    },
  };
}

// The Stately inspector for --inspect: @statelyai/inspect's local relay (HTTP page + WebSocket on
// one port) and a WebSocket inspector connected to it. The page it serves embeds the hosted
// inspector (stately.ai/inspect), so only users with internet see the charts; our own offline
// inspector is --ui web.
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
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

export function startStatelyInspector(port: number = DEFAULT_INSPECT_PORT): StatelyInspector {
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

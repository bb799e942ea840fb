import type { ConnectionInput, ConnectionName, ConnectionOutcome, Endpoint, TlsVersion } from './contract.ts';
import { RECONNECT_DELAY_MS } from './contract.ts';

export interface ConnectionContext {
  name: ConnectionName;
  endpoint: Endpoint;
  keepaliveMs: number;
  keepaliveTimeoutMs: number;
  reconnectDelayMs: number;
  retryInitialFailure: boolean;
  /** Number of the current (or last) connect attempt; 0 before the first. Never reused. */
  attempt: number;
  /** Whether the connection reached online since the last user CONNECT. */
  wasOnline: boolean;
  /** Number of the last keepalive sent in this online period (0: none yet). */
  keepaliveSeq: number;
  /** TLS version negotiated on the current connection, null when plain or not yet secured. */
  tlsVersion: TlsVersion | null;
  /** The last bad outcome, kept for the parent and the connection log. */
  lastOutcome: ConnectionOutcome | null;
}

export function initialConnectionContext(input: ConnectionInput): ConnectionContext {
  return {
    name: input.name,
    endpoint: input.endpoint,
    keepaliveMs: input.keepaliveMs,
    keepaliveTimeoutMs: input.keepaliveTimeoutMs,
    reconnectDelayMs: input.reconnectDelayMs ?? RECONNECT_DELAY_MS,
    retryInitialFailure: input.retryInitialFailure ?? false,
    attempt: 0,
    wasOnline: false,
    keepaliveSeq: 0,
    tlsVersion: null,
    lastOutcome: null,
  };
}

// Keep-alive HTTPS agents, one per (host, port, TLS controls), so requests to the same server reuse
// one connection (issue 5: "HTTPS requests with the same TLS controls and connection reuse").
import { Agent } from 'node:https';
import type { TlsVersion } from '../machines/protocol-selection/types.ts';

export interface HttpsAgentKey {
  host: string;
  port: number;
  servername: string;
  version?: TlsVersion;
  ca?: string[];
  allowObsoleteTls?: boolean;
}

export interface HttpsAgentPoolOptions {
  /** Most connections per server; default 6, like browsers. */
  maxSocketsPerServer?: number;
}

export class HttpsAgentPool {
  #agents = new Map<string, Agent>();
  #maxSockets: number;

  constructor(options: HttpsAgentPoolOptions = {}) {
    this.#maxSockets = options.maxSocketsPerServer ?? 6;
  }

  agentFor(key: HttpsAgentKey): Agent {
    const id = JSON.stringify([key.host.toLowerCase(), key.port, key.servername.toLowerCase(), key.version ?? null, key.ca ?? null, key.allowObsoleteTls === true]);
    let agent = this.#agents.get(id);
    if (!agent) {
      // Idle keep-alive sockets are unref'd by Node's agent: they never hold the process open.
      agent = new Agent({ keepAlive: true, maxSockets: this.#maxSockets, scheduling: 'lifo' });
      this.#agents.set(id, agent);
    }
    return agent;
  }

  /** Agents in the pool (one per distinct server and TLS controls). */
  get size(): number {
    return this.#agents.size;
  }

  /** Closes every pooled connection. */
  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

export const createHttpsAgentPool = (options?: HttpsAgentPoolOptions): HttpsAgentPool => new HttpsAgentPool(options);

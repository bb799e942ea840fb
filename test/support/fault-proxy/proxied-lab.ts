// A lab scenario with a fault proxy in front of every listening service (issue 10 item 6). Each
// proxy listens on 127.0.0.2 at the same port number as its lab service on 127.0.0.1, and the
// client's host map sends every lab FQDN to 127.0.0.2: the ports the portal's branding names, the
// portal URL and XSI's base URL all stay as the lab gives them, names and certificates stay the
// lab's (TLS is verified as usual), and every byte crosses a proxy.
import type { UnityClientConfig } from '../../../src/client/client-config.ts';
import { labClientConfig } from '../../../src/client/lab-client-config.ts';
import { startLab, type Lab, type StartLabOptions } from '../../../src/lab/start-lab.ts';
import { startFaultProxy, type FaultProxy, type ProxyClock } from './fault-proxy.ts';

/** The loopback address the proxies listen on (the lab's servers listen on 127.0.0.1). */
export const PROXY_ADDRESS = '127.0.0.2';

export interface ProxiedLab {
  lab: Lab;
  /** Lab service name (oci, oci-tls, cti, cti-tls, imp, imp-tls, xsi, portal, xmpp) → its proxy. */
  proxies: ReadonlyMap<string, FaultProxy>;
  /** The proxy of one service; throws when the scenario runs no such service. */
  proxy(service: string): FaultProxy;
  /** A client configuration whose every connection crosses the proxies. */
  config(overrides?: Partial<UnityClientConfig> & { userIndex?: number }): UnityClientConfig;
  stop(): Promise<void>;
}

export async function startProxiedLab(options: StartLabOptions & { clock?: ProxyClock } = {}): Promise<ProxiedLab> {
  const { clock, ...labOptions } = options;
  const lab = await startLab(labOptions);
  const proxies = new Map<string, FaultProxy>();
  const stop = async (): Promise<void> => {
    await Promise.all([...proxies.values()].map((p) => p.close()));
    await lab.stop();
  };
  try {
    for (const [name, service] of Object.entries(lab.services)) {
      if (!service.listening) continue;
      const target = { host: lab.hostMap[service.host] ?? '127.0.0.1', port: service.port };
      proxies.set(name, await startFaultProxy({ name, target, listen: { host: PROXY_ADDRESS, port: service.port }, ...(clock ? { clock } : {}) }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const hostMap = Object.fromEntries(Object.keys(lab.hostMap).map((fqdn) => [fqdn, PROXY_ADDRESS]));
  return {
    lab,
    proxies,
    proxy(service) {
      const p = proxies.get(service);
      if (p === undefined) throw new Error(`no proxied service '${service}' in ${lab.scenario.name}; proxied: ${[...proxies.keys()].join(', ')}`);
      return p;
    },
    // The fault tests read the whole event log (every drop, every attempt): keep it all in memory.
    config: (overrides = {}) => labClientConfig(lab, { hostMap, logRetention: Number.MAX_SAFE_INTEGER, ...overrides }),
    stop,
  };
}

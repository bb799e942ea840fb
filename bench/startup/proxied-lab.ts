// A lab scenario with a delay proxy in front of every listening service, and the client
// configuration that reaches the services through them: the client's port map sends each
// `host:port` the branding names (and XMPP's fixed 5222) to that service's proxy, and the portal
// URL names the portal's proxy. Names and certificates stay the lab's, so TLS is verified as usual.
import type { UnityClientConfig } from '../../src/client/client-config.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { startDelayProxy, type DelayProxy } from './delay-proxy.ts';

export interface ProxiedLab {
  lab: Lab;
  /** Service name (oci, oci-tls, cti, …) → its proxy. */
  proxies: Map<string, DelayProxy>;
  config: UnityClientConfig;
  stop(): Promise<void>;
}

export async function startProxiedLab(scenario: string, oneWayDelayMs: number): Promise<ProxiedLab> {
  const lab = await startLab({ scenario });
  const proxies = new Map<string, DelayProxy>();
  try {
    const portMap: Record<string, number> = {};
    for (const [name, service] of Object.entries(lab.services)) {
      if (!service.listening) continue;
      const address = lab.hostMap[service.host] ?? '127.0.0.1';
      const proxy = await startDelayProxy({ target: { host: address, port: service.port }, oneWayDelayMs });
      proxies.set(name, proxy);
      // seed §1.1: the client dials XMPP on 5222 (lab-client-config maps that to Prosody's port).
      portMap[`${service.host}:${name === 'xmpp' ? 5222 : service.port}`] = proxy.port;
    }
    const portal = lab.services['portal']!;
    const config = labClientConfig(lab, { portMap, portalUrl: `https://${portal.host}:${proxies.get('portal')!.port}` });
    return {
      lab,
      proxies,
      config,
      async stop() {
        await Promise.all([...proxies.values()].map((p) => p.close()));
        await lab.stop();
      },
    };
  } catch (error) {
    await Promise.all([...proxies.values()].map((p) => p.close()));
    await lab.stop();
    throw error;
  }
}

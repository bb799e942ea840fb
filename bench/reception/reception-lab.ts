// A reception-1000 lab with N monitored users in a process of its own, behind delay proxies in
// another, and the client configuration that reaches every service through the proxies (the same
// port map as bench/startup/proxied-lab.ts: each `host:port` the branding names, and XMPP's fixed
// 5222, to that service's proxy; the portal URL names the portal's proxy). Every client of one lab
// is one installation (one state directory), as a reception desk restarting its client: each
// start-up's subscriptions take the place of the last one's on the server (same channel set and
// application id), so the server holds exactly N when none is orphaned or doubled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnityClientConfig } from '../../src/client/client-config.ts';
import { labClientConfig, type LabEndpoints } from '../../src/client/lab-client-config.ts';
import { spawnLineChild, type LineChild } from './line-child.ts';

type Services = Record<string, { host: string; port: number; listening: boolean }>;
type ChildEndpoints = LabEndpoints & { services: Services; monitored: number };

export interface ReceptionLab {
  readonly monitored: number;
  readonly config: UnityClientConfig;
  readonly proxyPorts: ReadonlySet<number>;
  readonly portal: { address: string; port: number; servername: string; ca: string };
  /** CPU the lab's process has used so far, in milliseconds. */
  labCpuMs(): Promise<number>;
  /** The first user's Basic Call subscriptions the lab's CTI server holds. */
  serverSubscriptions(): Promise<number>;
  setDelay(oneWayDelayMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startReceptionLab(users: number, oneWayDelayMs: number, monitoringWindow: number): Promise<ReceptionLab> {
  const lab: LineChild<ChildEndpoints> = await spawnLineChild('bench/reception/lab-child.ts', ['--users', String(users)]);
  let proxies: LineChild<Record<string, number>> | null = null;
  try {
    const { services, hostMap } = lab.first;
    const listening = Object.entries(services).filter(([, s]) => s.listening);
    const targets = Object.fromEntries(listening.map(([name, s]) => [name, { host: hostMap[s.host] ?? '127.0.0.1', port: s.port }]));
    proxies = await spawnLineChild('bench/reception/proxy-child.ts', [JSON.stringify({ targets, oneWayDelayMs })]);
    const ports = proxies.first;
    // seed §1.1: the client dials XMPP on 5222 (lab-client-config maps that to Prosody's port).
    const portMap = Object.fromEntries(listening.map(([name, s]) => [`${s.host}:${name === 'xmpp' ? 5222 : s.port}`, ports[name]!]));
    const portal = services['portal']!;
    const stateDirectory = await mkdtemp(join(tmpdir(), 'reception-bench-'));
    const config = labClientConfig(lab.first, { portMap, portalUrl: `https://${portal.host}:${ports['portal']}`, monitoringWindow, stateDirectory });
    const proxyChild = proxies;
    return {
      monitored: lab.first.monitored,
      config,
      proxyPorts: new Set(Object.values(ports)),
      portal: { address: hostMap[portal.host] ?? '127.0.0.1', port: portal.port, servername: portal.host, ca: lab.first.caCertPem },
      labCpuMs: async () => (await lab.ask<{ cpuMs: number }>('cpu')).cpuMs,
      serverSubscriptions: async () => (await lab.ask<{ basicCall: number }>('subs')).basicCall,
      setDelay: async (ms) => void (await proxyChild.ask(`delay ${ms}`)),
      async stop() {
        await proxyChild.close();
        await lab.close();
        await rm(stateDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await proxies?.close();
    await lab.close();
    throw error;
  }
}

// One lab scenario and one client against it, over loopback with real TCP/TLS. Close with stop().
import { firstValueFrom, filter, timeout } from 'rxjs';
import { httpsRequest } from '../../../src/effects/https-request.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';
import { startLab, type Lab } from '../../../src/lab/start-lab.ts';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import type { ClientSnapshot } from '../../../src/client/client-snapshot.ts';
import type { UnityClientConfig } from '../../../src/client/client-config.ts';
import { labClientConfig } from '../../../src/client/lab-client-config.ts';

export interface LabSession {
  lab: Lab;
  client: UnityClient;
  password: string;
  /** Waits (real time, bounded) for a snapshot matching `predicate`. */
  until(predicate: (s: ClientSnapshot) => boolean, ms?: number): Promise<ClientSnapshot>;
  /** GET /admin/licenses of the lab portal: what the license requests stored. */
  licenses(): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export async function startLabSession(scenario: string, config: Partial<UnityClientConfig> = {}): Promise<LabSession> {
  const lab = await startLab({ scenario, seed: `e2e-${scenario}` });
  const client = createUnityClient(labClientConfig(lab, config));
  const password = lab.users[0]!.password;
  return {
    lab,
    client,
    password,
    until(predicate, ms = 10_000) {
      return firstValueFrom(client.snapshot$.pipe(filter(predicate), timeout(ms)));
    },
    async licenses() {
      const portal = lab.services['portal']!;
      const res = await firstValueFrom(
        httpsRequest({
          url: `https://${portal.host}:${portal.port}/admin/licenses`,
          method: 'GET',
          resolver: createHostMapResolver(lab.hostMap),
          ca: [lab.caCertPem],
          timeoutMs: 5_000,
        }),
      );
      return (JSON.parse(Buffer.from(res.body).toString('utf8')) as { licenses: Array<Record<string, unknown>> }).licenses;
    },
    async stop() {
      await client.stop();
      await lab.stop();
    },
  };
}

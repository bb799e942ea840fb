// A real lab XSI server (HTTPS with a lab-PKI certificate for xsp.lab.test) on loopback with the
// lab's people and call center, and an XSI client pointed at it through the host map.
import { createXsiClient, type XsiClient, type XsiClientOptions } from '../../../../src/adapters/xsi/xsi-client.ts';
import { createHostMapResolver } from '../../../../src/effects/index.ts';
import { LAB_HOSTS, labHostMap } from '../../../../src/lab/net/hosts.ts';
import { LAB_CALL_CENTER } from '../../../../src/lab/scenarios/index.ts';
import type { LabTelephony } from '../../../../src/lab/telephony/index.ts';
import { startXsiServer, type XsiServer } from '../../../../src/lab/xsi-server/index.ts';
import { createLabFixture } from '../../../support/lab-fixture.ts';

export const ANN = 'ann@lab.test';
export const CY = 'cy@lab.test';
export const SALES = LAB_CALL_CENTER.id;
export const PASSWORDS: Record<string, string> = { [ANN]: 'Ann-Web-Portal-8841', 'bob@lab.test': 'Bob-Web-2', [CY]: 'Cy-Web-3', 'dora@lab.test': 'Dora-Web-4' };

export interface XsiLab {
  server: XsiServer;
  telephony: LabTelephony;
  caCertPem: string;
  client(userId?: string, password?: string, extra?: Partial<XsiClientOptions>): XsiClient;
  stop(): Promise<void>;
}

export async function startXsiLab(): Promise<XsiLab> {
  const { telephony, cert, caCertPem } = await createLabFixture('xsi-client-test', LAB_HOSTS.xsi);
  const server = await startXsiServer({ host: LAB_HOSTS.xsi, certPem: cert.certPem, keyPem: cert.keyPem, telephony, passwords: PASSWORDS, release: '22.0', seed: 'xsi-client-test' });
  const resolver = createHostMapResolver(labHostMap());
  return {
    server,
    telephony,
    caCertPem,
    client: (userId = ANN, password = PASSWORDS[userId]!, extra = {}) =>
      createXsiClient({ baseUrl: server.url, credentials: () => ({ userId, password }), resolver, ca: [caCertPem], timeoutMs: 5_000, ...extra }),
    stop: () => server.stop(),
  };
}

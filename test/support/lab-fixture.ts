// What the single-server lab tests share: a fresh lab PKI with a server certificate for one lab
// host, and a seeded lab telephony with the lab's people and its call center.
import { createLabPki, type ServerCertificate } from '../../src/lab/pki/index.ts';
import { createScenarioTelephony, LAB_CALL_CENTER, labUsers } from '../../src/lab/scenarios/index.ts';
import type { LabTelephony } from '../../src/lab/telephony/index.ts';

export interface LabFixture {
  telephony: LabTelephony;
  /** The certificate (and key) the server presents for `host`. */
  cert: ServerCertificate;
  /** The lab CA the client trusts (TLS verification stays on). */
  caCertPem: string;
}

export async function createLabFixture(seed: string, host: string): Promise<LabFixture> {
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: [host] });
  const telephony = createScenarioTelephony(seed, labUsers(), [LAB_CALL_CENTER]);
  return { telephony, cert, caCertPem: pki.caCertPem };
}

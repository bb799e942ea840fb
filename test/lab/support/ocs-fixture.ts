import { createHash } from 'node:crypto';
import { createLabPki } from '../../../src/lab/pki/index.ts';
import { LabTelephony } from '../../../src/lab/telephony/index.ts';
import { startOciServer, type OciLabServer, type OciServerOptions, type OciDirectoryUser } from '../../../src/lab/oci-server/index.ts';

export const PASSWORDS = { ann: 'ann-Secret-1', bob: 'bob-Secret-2', cy: 'cy-Secret-3' };

export const DIRECTORY: OciDirectoryUser[] = [
  { loginId: 'ann@lab.test', password: PASSWORDS.ann, firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', serviceProviderId: 'SP-Lab', groupId: 'G-Lab', isEnterprise: false, impId: 'ann@xmpp.lab.test' },
  { loginId: 'bob@lab.test', password: PASSWORDS.bob, firstName: 'Bob', lastName: 'Ray', extension: '2002', phoneNumber: '6175552002', serviceProviderId: 'SP-Lab', groupId: 'G-Lab', isEnterprise: false },
  { loginId: 'cy@lab.test', password: PASSWORDS.cy, firstName: 'Cy', lastName: 'Dee', extension: '2003', phoneNumber: '6175552003', serviceProviderId: 'SP-Lab', groupId: 'G-Lab', isEnterprise: false },
];

/** oci-p.md §5.1 recipe computed independently with node:crypto. */
export function signed(nonce: string, password: string): string {
  const sha1 = createHash('sha1').update(password, 'utf8').digest('hex');
  return createHash('md5').update(`${nonce}:${sha1}`, 'utf8').digest('hex');
}

export interface Ocs {
  server: OciLabServer;
  telephony: LabTelephony;
  caCertPem: string;
  errors: unknown[];
}

export async function startTestOcs(overrides: Partial<OciServerOptions> = {}, withTls = true): Promise<Ocs> {
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] });
  const telephony = new LabTelephony({
    seed: 'test',
    users: [
      { userId: 'ann@lab.test', uid: 1017, firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', services: ['Client Call Control', 'Integrated IM&P'] },
      { userId: 'bob@lab.test', uid: 1022, firstName: 'Bob', lastName: 'Ray', extension: '2002', phoneNumber: '6175552002', services: ['Client Call Control'] },
      { userId: 'cy@lab.test', uid: 1030, firstName: 'Cy', lastName: 'Dee', extension: '2003', phoneNumber: '6175552003', services: [] },
    ],
  });
  const errors: unknown[] = [];
  const server = await startOciServer({
    release: '22.0',
    users: DIRECTORY,
    telephony,
    seed: 'nonces',
    ...(withTls ? { tls: { certPem: cert.certPem, keyPem: cert.keyPem } } : {}),
    onError: (e) => errors.push(e),
    ...overrides,
  });
  return { server, telephony, caCertPem: pki.caCertPem, errors };
}

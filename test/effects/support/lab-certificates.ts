// Certificates for effect tests, from the lab's private CA (src/lab/pki). The client trusts the lab
// CA through configuration (`ca`), never by turning verification off.
import { createLabPki } from '../../../src/lab/pki/index.ts';
import type { LabPki, ServerCertificate } from '../../../src/lab/pki/index.ts';

export interface LabCertificates {
  caPem: string;
  /** For ocs.lab.test. */
  ocs: ServerCertificate;
  /** For the certificate host "oci-cert.lab.test" only (seed §4.1 "certificate host"). */
  certificateHost: ServerCertificate;
  /** *.lab.test */
  wildcard: ServerCertificate;
  /** For ocs.lab.test, valid in a window that ended yesterday. */
  expired: ServerCertificate;
  /** For ocs.lab.test, issued by another CA the client does not trust. */
  untrusted: ServerCertificate;
  /** Issues more certificates from the trusted lab CA. */
  issue: LabPki['issueServerCertificate'];
}

const DAY_MS = 86_400_000;

export async function makeLabCertificates(): Promise<LabCertificates> {
  const pki = await createLabPki();
  const stranger = await createLabPki({ caName: 'some other CA' });
  const now = Date.now();
  return {
    caPem: pki.caCertPem,
    ocs: await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] }),
    certificateHost: await pki.issueServerCertificate({ dnsNames: ['oci-cert.lab.test'] }),
    wildcard: await pki.issueServerCertificate({ dnsNames: ['*.lab.test'] }),
    expired: await pki.issueServerCertificate({
      dnsNames: ['ocs.lab.test'],
      notBefore: new Date(now - 30 * DAY_MS),
      notAfter: new Date(now - DAY_MS),
    }),
    untrusted: await stranger.issueServerCertificate({ dnsNames: ['ocs.lab.test'] }),
    issue: (request) => pki.issueServerCertificate(request),
  };
}

export const keyPair = (certificate: ServerCertificate): { cert: string; key: string } => ({
  cert: certificate.certPem,
  key: certificate.keyPem,
});

// Server certificates a scenario asks for (issue 4, "Names and certificates").
import type { LabPki, ServerCertificate } from './pki/lab-pki.ts';
import type { CertificateKind } from './scenarios/types.ts';

const DAY_MS = 86_400_000;

export function issueFor(pki: LabPki, kind: CertificateKind, now: Date): Promise<ServerCertificate> {
  if (kind.kind === 'expired') {
    return pki.issueServerCertificate({
      dnsNames: kind.dnsNames,
      notBefore: new Date(now.getTime() - 60 * DAY_MS),
      notAfter: new Date(now.getTime() - DAY_MS),
    });
  }
  // 'wrong-host' simply carries names other than the host the client verifies.
  return pki.issueServerCertificate({ dnsNames: kind.dnsNames });
}

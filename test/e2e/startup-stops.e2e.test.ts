// Every lab scenario in which start-up stops, end to end over loopback (real TCP/TLS against the
// lab servers): the named stop, the reason a person reads, which connections exist, their ports
// and TLS, and that nothing was licensed where start-up stopped before the license request.
import { afterEach, describe, expect, it } from 'vitest';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

async function run(scenario: string) {
  session = await startLabSession(scenario);
  const snapshot = await session.client.start();
  return { s: session, snapshot };
}

describe('start-up stops with a reason a person can act on', () => {
  it('cti-unreachable: OCI logs in, nothing listens on the CTI port, start-up stops and names the firewall rule (seed §1.1, §5.1)', async () => {
    const { s, snapshot } = await run('cti-unreachable');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'ctiUnreachable', release: '22.0', callControl: 'CTI' });
    expect(snapshot.stop?.reason).toContain(`Allow outbound TCP port ${s.lab.services['cti']!.port} to cti.lab.test`);
    expect(snapshot.connections.oci).toMatchObject({ host: 'ocs.lab.test', port: s.lab.services['oci']!.port, tls: null, state: 'closed' });
    expect(snapshot.connections.cti).toMatchObject({ host: 'cti.lab.test', port: s.lab.services['cti']!.port, state: 'failed' });
    expect(Object.keys(snapshot.connections).sort()).toEqual(['cti', 'oci']);
    expect(await s.licenses()).toEqual([]);
  });

  it('tls-version-mismatch: the OCI server accepts only TLS 1.3, the portal pins TLS 1.2: the handshake fails with that cause', async () => {
    const { s, snapshot } = await run('tls-version-mismatch');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'tlsHandshakeFailed', release: null });
    expect(snapshot.stop?.outcome).toMatchObject({ kind: 'tls', cause: 'version-refused', phase: 'securing' });
    expect(snapshot.stop?.reason).toContain('"OCI over TLS security protocol"');
    expect(snapshot.connections.oci).toMatchObject({ host: 'ocs.lab.test', port: s.lab.services['oci-tls']!.port, state: 'failed', tls: null });
  });

  it('cert-host-mismatch: the OCI certificate names another host: verification fails, the portal setting is named', async () => {
    const { snapshot } = await run('cert-host-mismatch');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'tlsHandshakeFailed' });
    expect(snapshot.stop?.outcome).toMatchObject({ kind: 'tls', cause: 'certificate-name-mismatch' });
    expect(snapshot.stop?.reason).toContain('"OCI over TLS certificate host"');
  });

  it('oci-tls-only-plain: a TLS-only OCI server on the plain VoIP port stops start-up at once (seed §5.2)', async () => {
    const { s, snapshot } = await run('oci-tls-only-plain');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'tlsOnlyServerOnPlainPort', release: null });
    expect(snapshot.stop?.reason).toContain('that port accepts TLS only. In the Kakapo portal');
    expect(snapshot.connections.oci).toMatchObject({ port: s.lab.services['oci-tls']!.port, state: 'failed' });
    // Stopped at once: one connect attempt, no retry.
    expect(s.client.log.entries.filter((e) => e.target === 'oci' && e.event.type === 'TRANSPORT.CONNECTED')).toHaveLength(1);
  });

  it('cap-service-missing: R20 without Client Call Control: the CAP registration is refused and start-up stops (seed §2.2)', async () => {
    const { snapshot } = await run('cap-service-missing');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'capServiceMissing', release: '20.sp1', callControl: 'CAP' });
    expect(snapshot.stop?.reason).toContain('"Client Call Control"');
    expect(snapshot.connections.cap).toMatchObject({ host: 'ocs.lab.test', state: 'authFailed' });
  });

  it('license-expired: connected to BroadWorks, the portal answers Expired: start-up stops before messaging', async () => {
    const { s, snapshot } = await run('license-expired');
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'licenseDenied', callControl: 'CTI' });
    expect(snapshot.stop?.reason).toBe('The Unity license of the user ann@lab.test on ocs.lab.test has expired. Renew it, or assign another license, in the Kakapo portal.');
    expect(snapshot.connections.imp).toBeUndefined();
    const licenses = await s.licenses();
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject({ key: 'ann@lab.test|ocs.lab.test', firstName: 'Ann', lastName: 'Lee', clientType: 'Desktop' });
  });
});

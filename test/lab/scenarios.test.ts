import { describe, it, expect } from 'vitest';
import { getScenario, listScenarios, resolveConnectivity, labPasswords, LAB_SCENARIOS, type LabPorts } from '../../src/lab/scenarios/index.ts';
import { selectProtocols } from '../../src/machines/protocol-selection/select-protocols.ts';

const ISSUE_NAMES = [
  'r17-cap', 'r20-cap', 'r21-cap', 'r21-cti', 'r22-cti', 'r24-cti-tls', 'cti-host-fallback', 'new-user',
  'oci-tls-only-plain', 'tls-version-mismatch', 'cert-host-mismatch', 'cti-unreachable', 'cap-service-missing',
  'license-expired', 'imp-only', 'xmpp', 'wallboard', 'legacy-imp',
];
const PORTS: LabPorts = {
  oci: { plain: 41001, tls: 41002 },
  cti: { plain: 41011, tls: 41012 },
  imp: { plain: 41021 },
  xsi: { tls: 41031 },
};

function plan(name: string) {
  const s = getScenario(name);
  return selectProtocols({ release: s.release, ociHost: 'ocs.lab.test', branding: resolveConnectivity(s.portal.connectivity, PORTS) });
}

describe('lab scenario catalogue', () => {
  it('has every scenario the issue names, each with a one-line description, names unique', () => {
    const names = listScenarios().map((s) => s.name);
    for (const name of ISSUE_NAMES) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of listScenarios()) expect(s.description).toMatch(/^[^\n]{10,200}$/);
    expect(() => getScenario('nope')).toThrow(/unknown lab scenario 'nope'/);
  });

  it('returns copies: changing one does not change the catalogue', () => {
    getScenario('r22-cti').users.length = 0;
    expect(getScenario('r22-cti').users.length).toBeGreaterThan(0);
  });

  it('every scenario resolves to branding the protocol-selection rules accept or reject as intended', () => {
    const expected: Record<string, { callControl: 'CAP' | 'CTI'; ociPort: number; ociTls: string | null; cti?: [number, string | null, string] }> = {
      'r17-cap': { callControl: 'CAP', ociPort: 41001, ociTls: null },
      'r20-cap': { callControl: 'CAP', ociPort: 41001, ociTls: null },
      'r21-cap': { callControl: 'CAP', ociPort: 41001, ociTls: null },
      'r21-cti': { callControl: 'CTI', ociPort: 41001, ociTls: null, cti: [41011, null, 'cti.lab.test'] },
      'r22-cti': { callControl: 'CTI', ociPort: 41001, ociTls: null, cti: [41011, null, 'cti.lab.test'] },
      'r24-cti-tls': { callControl: 'CTI', ociPort: 41002, ociTls: 'ocs-tls.lab.test', cti: [41012, 'cti-tls.lab.test', 'cti.lab.test'] },
      'cti-host-fallback': { callControl: 'CTI', ociPort: 41001, ociTls: null, cti: [41011, null, 'ocs.lab.test'] },
      'oci-tls-only-plain': { callControl: 'CTI', ociPort: 41002, ociTls: null },
      'tls-version-mismatch': { callControl: 'CTI', ociPort: 41002, ociTls: 'ocs.lab.test' },
      'cert-host-mismatch': { callControl: 'CTI', ociPort: 41002, ociTls: 'ocs.lab.test' },
      'cap-service-missing': { callControl: 'CAP', ociPort: 41001, ociTls: null },
    };
    for (const s of LAB_SCENARIOS) {
      const p = plan(s.name);
      expect(p.ok, s.name).toBe(true);
      const want = expected[s.name];
      if (!p.ok || !want) continue;
      expect(p.callControl, s.name).toBe(want.callControl);
      expect(p.oci.port, s.name).toBe(want.ociPort);
      expect(p.oci.tls?.servername ?? null, s.name).toBe(want.ociTls);
      if (want.cti) expect([p.cti?.port, p.cti?.tls?.servername ?? null, p.cti?.host], s.name).toEqual(want.cti);
    }
  });

  it('the TLS scenarios set up the server side of their failure', () => {
    expect(getScenario('tls-version-mismatch').oci.tls).toMatchObject({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
    expect(getScenario('cert-host-mismatch').oci.tls.certificate).toMatchObject({ kind: 'wrong-host' });
    expect(getScenario('cert-host-mismatch').oci.tls.certificate.dnsNames).not.toContain('ocs.lab.test');
    expect(getScenario('oci-tls-only-plain').oci.tlsMode).toBe('tls-only-on-plain-port');
    expect(getScenario('cti-unreachable').cti.mode).toBe('unreachable');
  });

  it('user-facing differences: services, portal knowledge, license, client type, requirements', () => {
    const ann = (name: string) => getScenario(name).users.find((u) => u.loginId === 'ann@lab.test')!;
    expect(ann('cap-service-missing').services).not.toContain('Client Call Control');
    expect(ann('r20-cap').services).toContain('Client Call Control');
    expect(ann('new-user').knownToPortal).toBe(false);
    expect(ann('r17-cap').impId).toBeUndefined();
    expect(ann('xmpp').impId).toBe('ann@xmpp.lab.test');
    expect(ann('r21-cti').isEnterprise).toBe(true);
    expect(getScenario('license-expired').license.status).toBe('Expired');
    expect(getScenario('xmpp').requires).toEqual(['prosody']);
    expect(getScenario('wallboard').clientType).toBe('Wallboard');
    expect(getScenario('legacy-imp').imp.legacyRegistration).toBe(true);
    expect(getScenario('imp-only').license.features).toMatchObject({ imp: true, xmpp: false });
  });

  it('passwords come from the seed: same seed same passwords, another seed others, never constant', () => {
    const users = getScenario('r22-cti').users;
    const a = labPasswords('seed-1', users);
    expect(labPasswords('seed-1', users)).toEqual(a);
    const b = labPasswords('seed-2', users);
    for (const u of users) expect(b.get(u.loginId)).not.toBe(a.get(u.loginId));
    expect(new Set(a.values()).size).toBe(users.length);
  });
});

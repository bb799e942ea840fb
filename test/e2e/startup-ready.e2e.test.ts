// Every lab scenario that reaches ready, end to end over loopback (real TCP/TLS against the lab
// servers): the release, CAP or CTI, exactly which connections exist, their hosts, ports and TLS
// versions, and what the license request carried (as the lab portal stored it).
import { internalsOf } from '../../src/client/client-internals.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionName } from '../../src/machines/connection/contract.ts';
import { getScenario } from '../../src/lab/index.ts';
import { systemProgram } from '../support/system-programs.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

interface Expectation {
  scenario: string;
  release: string;
  callControl: 'CAP' | 'CTI';
  /** connection → [lab service whose host/port it uses, TLS version or null] */
  connections: Partial<Record<ConnectionName, readonly [string, string | null]>>;
  license: Record<string, unknown>;
}

const ann = { key: 'ann@lab.test|ocs.lab.test', identityKind: 'loginId', firstName: 'Ann', lastName: 'Lee', serverHost: 'ocs.lab.test', clientType: 'Desktop' };
const ctiPlain = { oci: ['oci', null], cti: ['cti', null], imp: ['imp', null] } as const;

const READY: Expectation[] = [
  { scenario: 'r17-cap', release: '17.sp4', callControl: 'CAP', connections: { oci: ['oci', null], cap: ['oci', null], imp: ['imp', null] }, license: ann },
  { scenario: 'r20-cap', release: '20.sp1', callControl: 'CAP', connections: { oci: ['oci', null], cap: ['oci', null], imp: ['imp', null] }, license: ann },
  { scenario: 'r21-cap', release: '21.sp1', callControl: 'CAP', connections: { oci: ['oci', null], cap: ['oci', null], imp: ['imp', null] }, license: ann },
  { scenario: 'r21-cti', release: '21.sp1_1.551', callControl: 'CTI', connections: ctiPlain, license: ann },
  { scenario: 'r22-cti', release: '22.0', callControl: 'CTI', connections: ctiPlain, license: ann },
  {
    scenario: 'r24-cti-tls',
    release: '24',
    callControl: 'CTI',
    connections: { oci: ['oci-tls', 'TLSv1.2'], cti: ['cti-tls', 'TLSv1.2'], imp: ['imp', null] },
    license: ann,
  },
  { scenario: 'new-user', release: '22.0', callControl: 'CTI', connections: ctiPlain, license: ann },
  { scenario: 'imp-only', release: '22.0', callControl: 'CTI', connections: ctiPlain, license: ann },
  { scenario: 'xmpp', release: '22.0', callControl: 'CTI', connections: { oci: ['oci', null], cti: ['cti', null], xmpp: ['xmpp', 'TLSv1.2'] }, license: ann },
  {
    scenario: 'wallboard',
    release: '22.0',
    callControl: 'CTI',
    connections: { oci: ['oci', null], cti: ['cti', null] },
    // seed §1.1: a Wallboard is licensed by MAC address; data protection drops the computer name.
    license: { identityKind: 'macAddress', identity: '02:00:5E:10:00:01', clientType: 'Wallboard', serverHost: 'ocs.lab.test' },
  },
  { scenario: 'legacy-imp', release: '22.0', callControl: 'CTI', connections: ctiPlain, license: ann },
  { scenario: 'release-hidden', release: 'R22+', callControl: 'CTI', connections: ctiPlain, license: ann },
];

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

const prosody = systemProgram('prosody');
const needsProsody = (e: Expectation): boolean => getScenario(e.scenario).requires.includes('prosody');

describe('start-up reaches ready in every scenario that allows it', () => {
  for (const expected of READY) {
    (needsProsody(expected) ? prosody.it : it)(`${expected.scenario}: ready with ${expected.callControl} on ${expected.release}`, () => readyAsExpected(expected));
  }

  async function readyAsExpected(expected: Expectation): Promise<void> {
    session = await startLabSession(expected.scenario);
    const s = session;
    const snapshot = await s.client.start();
    expect(snapshot).toMatchObject({ outcome: 'ready', step: 'ready', stop: null, release: expected.release, callControl: expected.callControl });
    expect(Object.keys(snapshot.connections).sort()).toEqual(Object.keys(expected.connections).sort());
    for (const [name, [service, tls]] of Object.entries(expected.connections)) {
      const lab = s.lab.services[service]!;
      expect(snapshot.connections[name as ConnectionName], name).toEqual({ state: 'online', host: lab.host, port: lab.port, tls });
    }
    // issue 5: HTTPS connection reuse — branding and license went over one portal connection
    // (counted before this test's own admin request below opens another).
    expect(s.lab.servers.portal.acceptedConnections).toBe(1);
    const licenses = await s.licenses();
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject(expected.license);
    if (expected.scenario === 'wallboard') expect(licenses[0]).not.toHaveProperty('computerName');
    // Secrets never enter the log: neither the password nor the IM&P token of the license.
    const logText = s.client.log.entries.map((e) => JSON.stringify(e)).join('\n');
    expect(logText).not.toContain(s.password);
    const token = internalsOf(s.client).runtime.answers.impToken;
    if (expected.connections.imp !== undefined && expected.scenario !== 'legacy-imp') expect(token).toEqual(expect.any(String));
    if (token !== undefined) expect(logText).not.toContain(token);
  }

  it('cti-host-fallback: no CTI host in the branding, so CTI goes to the OCI host (seed §5.2)', async () => {
    session = await startLabSession('cti-host-fallback');
    const snapshot = await session.client.start();
    expect(snapshot.outcome).toBe('ready');
    expect(snapshot.connections.cti).toEqual({ state: 'online', host: 'ocs.lab.test', port: session.lab.services['cti']!.port, tls: null });
  });
});

// Release and profile per lab scenario (oci-p.md §8, §9; seed §1.1): the right UserGetRequest version,
// impId only where the release and the service give one, enterprise vs service provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenario, startLab, type Lab, type LabScenario } from '../../../src/lab/index.ts';
import { createOciLink } from '../../../src/adapters/oci/oci-link.ts';
import { parseRelease } from '../../../src/adapters/oci/oci-release.ts';
import { openOcs, sequentialIds } from './support/ocs-connection.ts';

interface Case {
  scenario: string | LabScenario;
  name: string;
  release: { text: string; major: number; servicePack?: number; source: 'version' | 'probe' };
  userGet: string;
  impId?: string;
  /** How the Integrated IM&P part answered: its own request from R21sp1, else the profile's field. */
  imp: 'active' | 'inactive' | 'from-profile';
  org: { serviceProviderId: string } | { enterpriseId: string };
}

const CASES: Case[] = [
  { scenario: 'r17-cap', release: { text: '17.sp4', major: 17, servicePack: 4, source: 'version' }, userGet: '17sp4', imp: 'from-profile', org: { serviceProviderId: 'SP-Lab' } },
  { scenario: 'r20-cap', release: { text: '20.sp1', major: 20, servicePack: 1, source: 'version' }, userGet: '20', impId: 'ann@xmpp.lab.test', imp: 'from-profile', org: { serviceProviderId: 'SP-Lab' } },
  { scenario: 'r21-cti', release: { text: '21.sp1_1.551', major: 21, servicePack: 1, source: 'version' }, userGet: '21sp1', impId: 'ann@xmpp.lab.test', imp: 'active', org: { enterpriseId: 'ENT-Lab' } },
  { scenario: 'r22-cti', release: { text: '22.0', major: 22, source: 'version' }, userGet: '22', impId: 'ann@xmpp.lab.test', imp: 'active', org: { serviceProviderId: 'SP-Lab' } },
  { scenario: 'imp-only', release: { text: '22.0', major: 22, source: 'version' }, userGet: '22', imp: 'inactive', org: { serviceProviderId: 'SP-Lab' } },
  { scenario: 'release-hidden', release: { text: 'R22+', major: 22, source: 'probe' }, userGet: '22', impId: 'ann@xmpp.lab.test', imp: 'active', org: { serviceProviderId: 'SP-Lab' } },
  // The probe steps down the ladder (22 and 21sp1, 21 refused) on an R20 that hides its version.
  { scenario: hiddenR20(), release: { text: '20', major: 20, source: 'probe' }, userGet: '20', impId: 'ann@xmpp.lab.test', imp: 'from-profile', org: { serviceProviderId: 'SP-Lab' } },
].map((c) => ({ ...c, name: typeof c.scenario === 'string' ? c.scenario : `${c.scenario.name} on ${c.scenario.release}` })) as Case[];

function hiddenR20(): LabScenario {
  const s = getScenario('release-hidden');
  s.release = '20.sp1';
  return s;
}

describe.each(CASES)('OCI link on $name', (c) => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenario: c.scenario, seed: `profile-${c.name}` });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it(`reads release ${c.release.text} and the UserGetResponse${c.userGet} profile`, async () => {
    const conn = await openOcs(lab);
    const oci = createOciLink({ stream: conn.stream, ids: sequentialIds() });
    const ann = lab.users.find((u) => u.loginId === 'ann@lab.test')!;
    expect((await oci.login({ userId: ann.loginId, password: ann.password })).ok).toBe(true);
    const release = await oci.fetchRelease();
    expect(release).toEqual({ ok: true, value: c.release });
    if (!release.ok) return;
    const profile = await oci.fetchProfile(release.value);
    expect(profile).toEqual({
      ok: true,
      value: {
        userId: 'ann@lab.test',
        firstName: 'Ann',
        lastName: 'Lee',
        phoneNumber: '6175552001',
        extension: '2001',
        groupId: 'G-Lab',
        userGetVersion: c.userGet,
        ...c.org,
        ...(c.impId ? { impId: c.impId } : {}),
        impAnswer: { kind: c.imp },
      },
    });
    const wire = conn.written();
    expect(wire).toContain(`xsi:type="UserGetRequest${c.userGet}"`);
    if (c.release.source === 'probe') expect(wire).toContain('xsi:type="SystemSoftwareVersionGetRequest"');
    oci.close();
  });
});

describe('release parsing (oci-p.md §8: leading integer = major, optional sp<n>)', () => {
  it.each([
    ['22.0', 22, undefined],
    ['21sp1', 21, 1],
    ['20.sp1', 20, 1],
    ['R24', 24, undefined],
    ['24.0.944.ip1', 24, undefined],
    ['17sp4', 17, 4],
    ['17.sp4', 17, 4],
    ['21.sp1_1.551', 21, 1],
    ['22.0_1.1123', 22, undefined],
    ['Rel_21.sp1_1.551', 21, 1],
    ['24', 24, undefined],
  ])('%s → major %d, sp %s', (text, major, sp) => {
    const r = parseRelease(text);
    expect(r?.major).toBe(major);
    expect(r?.servicePack).toBe(sp);
  });
  it('an unparseable version is undefined (the link then probes)', () => {
    expect(parseRelease('unknown')).toBeUndefined();
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeBusyLampField } from '../../src/codecs/xsi/busy-lamp-field.ts';
import { createLabPki, type LabPki } from '../../src/lab/pki/index.ts';
import { LabTelephony } from '../../src/lab/telephony/index.ts';
import { monitoredUsers } from '../../src/lab/xsi-server/actions-routes.ts';
import { startXsiServer, type XsiServer } from '../../src/lab/xsi-server/xsi-server.ts';
import { rawHttps } from './portal-https-client.ts';

const ALICE = 'alice@lab.test';
const BOB = 'bob@lab.test';
const CAROL = 'carol@lab.test';
const DAVE = 'dave@lab.test';
const passwords = { [ALICE]: 'alice-pw', [BOB]: 'bob-pw', [CAROL]: 'carol-pw', [DAVE]: 'dave-pw' };
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
const profiles = {
  [ALICE]: { groupId: 'G1', serviceProviderId: 'SP', isEnterprise: false },
  [CAROL]: { groupId: 'G2', serviceProviderId: 'SP', isEnterprise: false },
  [BOB]: { groupId: 'G1', serviceProviderId: 'SP', isEnterprise: false },
  [DAVE]: { groupId: 'G1', serviceProviderId: 'SP2', isEnterprise: false },
};

let pki: LabPki;
let cert: { certPem: string; keyPem: string };
let server: XsiServer | undefined;

beforeAll(async () => {
  pki = await createLabPki();
  cert = await pki.issueServerCertificate({ dnsNames: ['xsp.lab.test'] });
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function get(user: string, path: string, pw = passwords[user as keyof typeof passwords]) {
  const res = await rawHttps(server!.port, pki.caCertPem, 'xsp.lab.test', { method: 'GET', path, headers: { authorization: basic(user, pw) } });
  return { status: res.status, body: res.body };
}

describe('lab XSI BusyLampField (cti-xsi.md §3.5)', () => {
  it('lists the other users of the same group in scenario order, behind Basic auth, for the authenticated user only', async () => {
    const telephony = new LabTelephony({
      seed: 1,
      now: () => 1_000,
      users: [ALICE, CAROL, BOB, DAVE].map((userId, i) => ({ userId, firstName: userId, lastName: 'L', extension: `20${i}`, services: [] })),
    });
    server = await startXsiServer({ ...cert, telephony, passwords, release: '22.0', profiles });
    const path = (u: string) => `/com.broadsoft.xsi-actions/v2.0/user/${u}/services/BusyLampField`;
    const alice = await get(ALICE, path(ALICE));
    expect(alice.status).toBe(200);
    // XSIBusyLampField.xsd: monitoredUserList/userDetails (UserDetailInfo) per monitored user.
    expect(alice.body.toString()).toContain('<monitoredUserList><userDetails><userId>bob@lab.test</userId>');
    expect(decodeBusyLampField(alice.body)).toEqual({ ok: true, value: { users: [{ userId: BOB, firstName: BOB, lastName: 'L', extension: '202' }] } });
    const carol = await get(CAROL, path(CAROL).replace('BusyLampField', 'busylampfield'));
    expect(decodeBusyLampField(carol.body)).toEqual({ ok: true, value: { users: [] } });
    expect((await get(ALICE, path(ALICE), 'wrong')).status).toBe(401);
    expect((await get(ALICE, path(BOB))).status).toBe(403);
  });

  it('takes the whole enterprise for an enterprise user, and nobody for a user without a profile', () => {
    const ent = {
      a: { groupId: 'G1', serviceProviderId: 'ENT', isEnterprise: true },
      b: { groupId: 'G2', serviceProviderId: 'ENT', isEnterprise: true },
      c: { groupId: 'G1', serviceProviderId: 'OTHER', isEnterprise: true },
      d: { groupId: 'G1', serviceProviderId: 'ENT', isEnterprise: true },
    };
    expect(monitoredUsers(ent, 'a')).toEqual(['b', 'd']);
    expect(monitoredUsers(ent, 'x')).toEqual([]);
  });
});

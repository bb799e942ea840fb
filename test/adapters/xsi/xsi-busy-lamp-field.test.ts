// The XSI client's BLF list (cti-xsi.md §3.5) against the real lab XSI server over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXsiClient } from '../../../src/adapters/xsi/xsi-client.ts';
import { createHostMapResolver } from '../../../src/effects/index.ts';
import { LAB_HOSTS, labHostMap } from '../../../src/lab/net/hosts.ts';
import { startXsiServer, type XsiServer } from '../../../src/lab/xsi-server/index.ts';
import { createLabFixture } from '../../support/lab-fixture.ts';
import { ANN, CY, PASSWORDS } from './support/xsi-lab.ts';

const BOB = 'bob@lab.test';
const DORA = 'dora@lab.test';
let server: XsiServer;
let caCertPem: string;

beforeAll(async () => {
  const fixture = await createLabFixture('xsi-blf-test', LAB_HOSTS.xsi);
  caCertPem = fixture.caCertPem;
  const group = (groupId: string) => ({ groupId, serviceProviderId: 'SP-Lab', isEnterprise: false });
  server = await startXsiServer({
    host: LAB_HOSTS.xsi,
    ...fixture.cert,
    telephony: fixture.telephony,
    passwords: PASSWORDS,
    release: '22.0',
    profiles: { [ANN]: group('G-Sales'), [BOB]: group('G-Sales'), [CY]: group('G-Support'), [DORA]: group('G-Sales') },
  });
});
afterAll(async () => {
  await server?.stop();
});

const client = (userId: string, password = PASSWORDS[userId]!) =>
  createXsiClient({ baseUrl: server.url, credentials: () => ({ userId, password }), resolver: createHostMapResolver(labHostMap()), ca: [caCertPem], timeoutMs: 5_000 });

describe('XSI client: BusyLampField (cti-xsi.md §3.5)', () => {
  it('returns the monitored user ids in the server order', async () => {
    expect(await client(ANN).busyLampField()).toEqual({ ok: true, value: [BOB, DORA] });
    expect(await client(CY).busyLampField()).toEqual({ ok: true, value: [] });
  });

  it('a wrong password is a typed auth failure without the password in the message', async () => {
    const r = await client(ANN, 'not-the-password').busyLampField();
    expect(!r.ok && r.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(r)).not.toContain('not-the-password');
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../src/codecs/kakapo/cipher.ts';
import { decodeKakapoResponse, encodeKakapoRequest, soapAction, type KakapoExchange } from '../../src/codecs/kakapo/soap.ts';
import type { KakapoOperation } from '../../src/codecs/kakapo/types.ts';
import { createLabPki, type LabPki } from '../../src/lab/pki/index.ts';
import { checkImpToken } from '../../src/lab/portal/imp-token.ts';
import { startPortalServer, type PortalServer } from '../../src/lab/portal/portal-server.ts';
import { portalSpecFromScenario } from '../../src/lab/portal/scenario-spec.ts';
import { rawHttps } from './portal-https-client.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
const secret = new Uint8Array(randomBytes(32));
let pki: LabPki;
let portal: PortalServer;

const connectivity = {
  voipServerPort: 2208,
  ociTls: { enabled: false },
  useCtiInsteadOfCap: false,
  cti: { host: 'cti.lab.test', port: 8011, tls: { enabled: false } },
  imp: { host: 'im.lab.test', port: 2208 },
  xsi: { baseUrl: 'https://xsp.lab.test:8443' },
  keepaliveSeconds: 300,
  callCenterStatsRefresh: { minSeconds: 30, maxSeconds: 60 },
};

beforeAll(async () => {
  pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: ['portal.lab.test'] });
  portal = await startPortalServer({
    certPem: cert.certPem,
    keyPem: cert.keyPem,
    impTokenSecret: secret,
    portal: portalSpecFromScenario({
      systemProviderId: 'lab',
      serverHosts: ['ocs.lab.test'],
      dataProtection: false,
      connectivity,
      policy: { callDetailsAvailable: true, enterpriseViewAvailable: false },
      license: { status: 'Licensed', features: { imp: true, xmpp: false, callCenter: true, reception: false } },
      users: [{ loginId: 'alice@lab.test', serviceProviderId: 'SP-Lab', groupId: 'G-Lab', isEnterprise: false, knownToPortal: true }],
    }),
  });
});
afterAll(() => portal.stop());

const http = (request: Parameters<typeof rawHttps>[3]) => rawHttps(portal.port, pki.caCertPem, 'portal.lab.test', request);

async function soap<Op extends KakapoOperation>(operation: Op, request: KakapoExchange[Op]['request'], mutate?: (xml: string) => string) {
  const xml = encodeKakapoRequest(cipher, operation, request, { keyId: DEVELOPMENT_KEY_ID, nonce: new Uint8Array(randomBytes(12)) });
  if (!xml.ok) throw xml.error;
  const res = await http({ method: 'POST', path: '/unity/v1/soap', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: soapAction(operation) }, body: mutate ? mutate(xml.value) : xml.value });
  const reply = decodeKakapoResponse(cipher, operation, res.body);
  if (!reply.ok) throw reply.error;
  return { res, reply: reply.value };
}
const admin = async (method: string, path: string, body?: unknown) => {
  const res = await http({ method, path, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: JSON.parse(res.body.toString('utf8')) };
};

describe('Kakapo portal SOAP (kakapo.md §2) over raw HTTPS', () => {
  it('answers GetBranding for an unknown user with the system provider branding, encrypted', async () => {
    const { res, reply } = await soap('GetBranding', { serverHost: 'OCS.lab.test', clientType: 'Desktop', clientVersion: '4.0' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body.toString()).not.toContain('cti.lab.test'); // the payload is encrypted
    expect(reply.kind).toBe('document');
    if (reply.kind !== 'document') return;
    expect(reply.document.level).toBe('SystemProvider');
    expect(reply.document.connectivity).toMatchObject({ voipServerPort: 2208, cti: { host: 'cti.lab.test', port: 8011 }, imp: { host: 'im.lab.test', port: 2208 }, xsi: { baseUrl: 'https://xsp.lab.test:8443' } });
    expect(reply.document.policy).toMatchObject({ callDetailsAvailable: true, enterpriseViewAvailable: false });
  });

  it('resolves a known user to user-level branding, reflecting an admin save at that level', async () => {
    const saved = await admin('POST', '/admin/settings', { actor: { kind: 'administrator', nodeId: 'lab/sp:SP-Lab' }, level: 'lab/user:alice@lab.test', changes: { keepaliveSeconds: 120 } });
    expect(saved).toMatchObject({ status: 200, json: { saved: true } });
    const { reply } = await soap('GetBranding', { loginId: 'alice@lab.test', serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '4.0' });
    expect(reply.kind === 'document' && reply.document.level).toBe('User');
    expect(reply.kind === 'document' && reply.document.connectivity.keepaliveSeconds).toBe(120);
  });

  it('faults UnknownProvider for a server host no provider owns, without echoing user data', async () => {
    const { res, reply } = await soap('GetBranding', { loginId: 'secret-user@else.test', serverHost: 'other.example', clientType: 'Desktop', clientVersion: '4.0' });
    expect(res.status).toBe(500);
    expect(reply).toMatchObject({ kind: 'fault', fault: { faultcode: 'soap:Client', errorCode: 'UnknownProvider' } });
    expect(res.body.toString()).not.toMatch(/secret-user|other\.example/);
  });

  it('faults BadEnvelope for a tampered payload and UnknownOperation for a wrong SOAPAction', async () => {
    const tampered = await soap('GetBranding', { serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '4.0' }, (xml) =>
      xml.replace(/<k:Payload>(.)/, (_m, c: string) => `<k:Payload>${c === 'A' ? 'B' : 'A'}`),
    );
    expect(tampered.reply).toMatchObject({ kind: 'fault', fault: { errorCode: 'BadEnvelope' } });
    const res = await http({ method: 'POST', path: '/unity/v1/soap', headers: { 'content-type': 'text/xml', soapaction: '"urn:kakapo:unity:1#Nope"' }, body: '<x/>' });
    expect(res.status).toBe(500);
    expect(res.body.toString()).toContain('UnknownOperation');
  });

  it('issues a license with an impToken bound to (loginId, serverHost), creating the user on first sight', async () => {
    const { reply } = await soap('RequestLicense', {
      serverHost: 'ocs.lab.test', loginId: 'bob@lab.test', firstName: 'Bob', lastName: 'B', phoneNumber: '+4412345',
      groupId: 'G-New', serviceProviderId: 'SP-Lab', clientType: 'Desktop', clientVersion: '4.0',
    });
    expect(reply.kind).toBe('document');
    if (reply.kind !== 'document') return;
    expect(reply.document).toMatchObject({ status: 'Licensed', features: { imp: true, xmpp: false } });
    const check = checkImpToken(secret, reply.document.impToken!, 'bob@lab.test', Date.now());
    expect(check).toMatchObject({ ok: true, claims: { loginId: 'bob@lab.test', serverHost: 'ocs.lab.test' } });
    const licenses = await admin('GET', '/admin/licenses');
    expect(licenses.json.licenses).toContainEqual(expect.objectContaining({ key: 'bob@lab.test|ocs.lab.test', firstName: 'Bob' }));
    expect(JSON.stringify(licenses.json)).not.toContain('+4412345');
    const levels = await admin('GET', '/admin/levels');
    expect(levels.json.levels.map((l: { id: string }) => l.id)).toContain('lab/sp:SP-Lab/group:G-New');
  });

  it('keys Wallboard licenses by MAC address and answers LicenseDenied for an unlicensed client type', async () => {
    const wall = await soap('RequestLicense', { serverHost: 'ocs.lab.test', macAddress: '00:11:22:33:44:55', computerName: 'WALL-1', groupId: 'G-Lab', serviceProviderId: 'SP-Lab', clientType: 'Wallboard', clientVersion: '4.0' });
    expect(wall.reply.kind === 'document' && wall.reply.document.impToken).toBeUndefined();
    const licenses = await admin('GET', '/admin/licenses');
    expect(licenses.json.licenses).toContainEqual(expect.objectContaining({ identity: '00:11:22:33:44:55', identityKind: 'macAddress', computerName: 'WALL-1' }));
    const reception = await soap('RequestLicense', { serverHost: 'ocs.lab.test', loginId: 'alice@lab.test', firstName: 'A', lastName: 'A', groupId: 'G-Lab', serviceProviderId: 'SP-Lab', clientType: 'Reception', clientVersion: '4.0' });
    expect(reception.reply).toMatchObject({ kind: 'fault', fault: { errorCode: 'LicenseDenied' } });
    const denied = await soap('RequestLicense', { serverHost: 'ocs.lab.test', loginId: 'dave@lab.test', firstName: 'D', lastName: 'D', groupId: 'G-Lab', serviceProviderId: 'SP-Lab', clientType: 'Reception', clientVersion: '4.0' });
    expect(denied.reply).toMatchObject({ kind: 'fault', fault: { errorCode: 'LicenseDenied' } });
    expect(JSON.stringify((await admin('GET', '/admin/licenses')).json)).not.toContain('dave@lab.test'); // a denied request stores nothing
  });

  it('answers Expired without an impToken once the policy says so', async () => {
    const put = await admin('PUT', '/admin/license-policy', { policy: { status: 'Expired', features: { imp: false, xmpp: false, callCenter: false, reception: false } } });
    expect(put.status).toBe(200);
    const { reply } = await soap('RequestLicense', { serverHost: 'ocs.lab.test', loginId: 'carol@lab.test', firstName: 'C', lastName: 'C', groupId: 'G-Lab', serviceProviderId: 'SP-Lab', clientType: 'Desktop', clientVersion: '4.0' });
    expect(reply).toMatchObject({ kind: 'document', document: { status: 'Expired' } });
    expect(reply.kind === 'document' && reply.document.impToken).toBeUndefined();
    await admin('PUT', '/admin/license-policy', { policy: { status: 'Licensed', features: { imp: true, xmpp: false, callCenter: true, reception: false } } });
  });
});

describe('Kakapo portal admin API', () => {
  it('refuses a save that breaks a portal rule with 4xx and the reason, and changes nothing', async () => {
    const before = await admin('GET', '/admin/settings?level=lab/sp:SP-Lab/group:G-Lab');
    const refused = await admin('POST', '/admin/settings', {
      actor: { kind: 'administrator', nodeId: 'lab/sp:SP-Lab' },
      level: 'lab/sp:SP-Lab/group:G-Lab',
      changes: { keepaliveSeconds: 90, 'ociTls.enabled': true, 'ociTls.securityProtocol': 'TLSv1.2' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ saved: false, refusal: { code: 'OCI_TLS_PORT_NOT_SET' } });
    expect(refused.json.refusal.message).toContain('OCI over TLS server port is not set at the system provider level');
    const after = await admin('GET', '/admin/settings?level=lab/sp:SP-Lab/group:G-Lab');
    expect(after.json).toEqual(before.json);
  });

  it('needs a ticket at the system provider level (403) and accepts it with one', async () => {
    const denied = await admin('POST', '/admin/settings', { actor: { kind: 'administrator', nodeId: 'lab' }, level: 'lab', changes: { 'ociTls.port': 2209 } });
    expect(denied).toMatchObject({ status: 403, json: { refusal: { code: 'TICKET_REQUIRED' } } });
    const ok = await admin('POST', '/admin/settings', { actor: { kind: 'ticket', ticketId: 'KAK-1' }, level: 'lab', changes: { 'ociTls.port': 2209 } });
    expect(ok.status).toBe(200);
    const eff = await admin('GET', '/admin/settings?level=lab/user:alice@lab.test');
    expect(eff.json.settings['ociTls.port']).toEqual({ value: 2209, source: { nodeId: 'lab', kind: 'systemProvider' } });
  });

  it('answers 400 for a malformed body and 404 for an unknown level', async () => {
    expect((await admin('POST', '/admin/settings', { level: 'lab' })).status).toBe(400);
    expect((await admin('GET', '/admin/settings?level=nowhere')).status).toBe(404);
  });

  it('applies a fault through the admin API: close-mid-tls breaks new handshakes until cleared', async () => {
    const applied = await admin('POST', '/admin/fault', { fault: 'close-mid-tls' });
    expect(applied.status).toBe(202);
    await expect(http({ method: 'GET', path: '/admin/licenses' })).rejects.toThrow();
    await portal.fault({ type: 'clear' });
    expect((await admin('GET', '/admin/licenses')).status).toBe(200);
  });
});

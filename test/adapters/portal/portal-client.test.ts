// Kakapo portal client against the lab portal over real HTTPS with the lab CA (seed §1.1, kakapo.md §2).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../../src/codecs/kakapo/cipher.ts';
import type { LicenseRequest } from '../../../src/codecs/kakapo/types.ts';
import { createHostMapResolver, httpsRequest } from '../../../src/effects/index.ts';
import { findClosedPort, startLab, type Lab } from '../../../src/lab/index.ts';
import { createPortalClient, type PortalClientOptions } from '../../../src/adapters/portal/portal-client.ts';
import { licenseRequestFor } from '../../../src/adapters/portal/license-request.ts';

const fresh = (n: number) => new Uint8Array(randomBytes(n));

function clientFor(lab: Lab, overrides: Partial<PortalClientOptions> = {}) {
  const portal = lab.services['portal']!;
  return createPortalClient({
    url: `https://${portal.host}:${portal.port}`,
    resolver: createHostMapResolver(lab.hostMap),
    ca: [lab.caCertPem],
    keyRing: DEVELOPMENT_KEY_RING,
    keyId: DEVELOPMENT_KEY_ID,
    randomBytes: fresh,
    timeoutMs: 5_000,
    ...overrides,
  });
}

/** What the lab portal recorded (its admin API). */
async function licenseRecords(lab: Lab): Promise<Array<Record<string, unknown>>> {
  const portal = lab.services['portal']!;
  const res = await firstValueFrom(
    httpsRequest({ url: `https://${portal.host}:${portal.port}/admin/licenses`, method: 'GET', resolver: createHostMapResolver(lab.hostMap), ca: [lab.caCertPem], timeoutMs: 5_000 }),
  );
  return (JSON.parse(Buffer.from(res.body).toString('utf8')) as { licenses: Array<Record<string, unknown>> }).licenses;
}

const annProfile = { userId: 'ann@lab.test', firstName: 'Ann', lastName: 'Lee', phoneNumber: '6175552001', groupId: 'G-Lab', serviceProviderId: 'SP-Lab' };

describe('portal client on r22-cti', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenario: 'r22-cti', seed: 'portal-client' });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('fetches the branding of a known user by login ID, with the connectivity of the scenario', async () => {
    const result = await clientFor(lab).getBranding({ loginId: 'ann@lab.test', serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fellBackToServerHost).toBe(false);
    expect(result.value.branding.level).toBe('User');
    expect(result.value.branding.connectivity).toEqual(lab.branding);
  });

  it('an unknown server host is a typed unknown-provider failure naming the host', async () => {
    const result = await clientFor(lab).getBranding({ loginId: 'ann@lab.test', serverHost: 'voip.nobody.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unknown-provider');
    expect(result.error.message).toContain('voip.nobody.test');
  });

  it('requests a Desktop license with login ID and names; the portal records them', async () => {
    const built = licenseRequestFor({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0', profile: annProfile });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const result = await clientFor(lab).requestLicense(built.value);
    expect(result.ok && result.value.status).toBe('Licensed');
    expect(result.ok && typeof result.value.impToken).toBe('string');
    const record = (await licenseRecords(lab)).find((r) => r['identity'] === 'ann@lab.test');
    expect(record).toMatchObject({ identityKind: 'loginId', serverHost: 'ocs.lab.test', clientType: 'Desktop', firstName: 'Ann', lastName: 'Lee' });
    expect(record).not.toHaveProperty('computerName');
  });

  it('requests a Wallboard license with MAC address and computer name, no login ID, names or phone', async () => {
    const built = licenseRequestFor({
      serverHost: 'ocs.lab.test',
      clientType: 'Wallboard',
      clientVersion: '1.0.0',
      profile: annProfile,
      device: { macAddress: '02:00:5e:10:00:01', computerName: 'WALLBOARD-01' },
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value).not.toHaveProperty('loginId');
    expect(built.value).not.toHaveProperty('firstName');
    expect(built.value).not.toHaveProperty('phoneNumber');
    const result = await clientFor(lab).requestLicense(built.value);
    expect(result.ok).toBe(true);
    const record = (await licenseRecords(lab)).find((r) => r['identity'] === '02:00:5e:10:00:01');
    expect(record).toMatchObject({ identityKind: 'macAddress', clientType: 'Wallboard', computerName: 'WALLBOARD-01' });
    expect(record).not.toHaveProperty('firstName');
  });

  it('a Wallboard without a configured device identity cannot build a license request', () => {
    const built = licenseRequestFor({ serverHost: 'ocs.lab.test', clientType: 'Dashboard', clientVersion: '1.0.0', profile: annProfile });
    expect(built).toMatchObject({ ok: false, error: { kind: 'device-required' } });
  });

  it('a client type the license does not permit is license-denied', async () => {
    const request: LicenseRequest = { serverHost: 'ocs.lab.test', clientType: 'Reception', clientVersion: '1.0.0', loginId: 'bob@lab.test', firstName: 'Bob', lastName: 'Ray', groupId: 'G-Lab', serviceProviderId: 'SP-Lab' };
    const result = await clientFor(lab).requestLicense(request);
    expect(!result.ok && result.error.kind).toBe('license-denied');
  });

  it('an envelope sealed with a key the portal does not hold is bad-envelope', async () => {
    const rogue = { 'rogue-key': new Uint8Array(32).fill(7) };
    const result = await clientFor(lab, { keyRing: rogue, keyId: 'rogue-key' }).getBranding({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(!result.ok && result.error.kind).toBe('bad-envelope');
  });

  it('without the lab CA the certificate is not trusted: unreachable (TLS), verification stays on', async () => {
    const result = await clientFor(lab, { ca: [] }).getBranding({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'unreachable', netKind: 'tls-certificate-untrusted' });
  });

  it('the HTTPS exchange timing out on the injected scheduler (portal half-open) is unreachable/timeout with the firewall advice', async () => {
    await lab.fault('portal', 'half-open');
    try {
      const scheduler = new VirtualTimeScheduler();
      const pending = clientFor(lab, { scheduler, timeoutMs: 15_000 }).getBranding({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
      scheduler.flush();
      const result = await pending;
      expect(!result.ok && result.error).toMatchObject({ kind: 'unreachable', netKind: 'timeout' });
      expect(!result.ok && result.error.message).toContain('TCP 443');
    } finally {
      await lab.fault('portal', 'clear');
    }
  });

  it('a portal nothing answers for is unreachable, and the message names the firewall rule for HTTPS 443', async () => {
    const port = await findClosedPort();
    const result = await clientFor(lab, { url: `https://portal.lab.test:${port}` }).getBranding({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unreachable');
    expect(result.error.message).toContain('TCP 443');
    expect(result.error.message).toContain('firewall');
  });
});

describe('portal client on new-user, license-expired and wallboard', () => {
  it('a user the portal does not know yet gets the system provider branding (by server host)', async () => {
    const lab = await startLab({ scenario: 'new-user', seed: 'portal-new-user' });
    try {
      const result = await clientFor(lab).getBranding({ loginId: 'ann@lab.test', serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
      expect(result.ok && result.value.branding.level).toBe('SystemProvider');
      const known = await clientFor(lab).getBranding({ loginId: 'bob@lab.test', serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
      expect(known.ok && known.value.branding.level).toBe('User');
    } finally {
      await lab.stop();
    }
  });

  it('an expired license is a license document with status Expired (the startup decides), without an impToken', async () => {
    const lab = await startLab({ scenario: 'license-expired', seed: 'portal-expired' });
    try {
      const built = licenseRequestFor({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0', profile: annProfile });
      const result = built.ok ? await clientFor(lab).requestLicense(built.value) : null;
      expect(result?.ok && result.value.status).toBe('Expired');
      expect(result?.ok && result.value.impToken).toBeUndefined();
    } finally {
      await lab.stop();
    }
  });

  it('wallboard scenario (data protection): the portal keys the license by MAC and keeps no computer name', async () => {
    const lab = await startLab({ scenario: 'wallboard', seed: 'portal-wallboard' });
    try {
      const built = licenseRequestFor({
        serverHost: 'ocs.lab.test',
        clientType: lab.scenario.clientType,
        clientVersion: '1.0.0',
        profile: annProfile,
        device: { macAddress: '02-00-5E-10-00-02', computerName: 'LOBBY-SCREEN' },
      });
      const result = built.ok ? await clientFor(lab).requestLicense(built.value) : null;
      expect(result?.ok && result.value.status).toBe('Licensed');
      const records = await licenseRecords(lab);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ identity: '02-00-5E-10-00-02', identityKind: 'macAddress', clientType: 'Wallboard' });
      expect(records[0]).not.toHaveProperty('computerName');
    } finally {
      await lab.stop();
    }
  });
});

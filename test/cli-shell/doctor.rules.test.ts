// The pure halves of doctor: which connections a branding needs (seed §3, §4) and how a probe's
// answer becomes a verdict (expiry within 30 days, plan errors as portal advice).
import { describe, expect, it } from 'vitest';
import { connectionRules, diagnose, type ConnectionRule } from '../../src/client/doctor/index.ts';
import type { KakapoConnectivity } from '../../src/codecs/kakapo/types.ts';

const connectivity: KakapoConnectivity = {
  voipServerPort: 2208,
  ociTls: { enabled: false, port: 2209, securityProtocol: 'TLSv1.2' },
  useCtiInsteadOfCap: false,
  cti: { host: 'cti.example.com', port: 8011 },
  imp: { host: 'im.unityclient.com', port: 2208 },
  keepaliveSeconds: 300,
  callCenterStatsRefresh: { minSeconds: 30, maxSeconds: 60 },
};
const base = { serverHost: 'ocs.example.com', portalUrl: 'https://portal.unityclient.com' };

describe('doctor connection rules', () => {
  it('without a release, checks OCI for every release and CTI for R22 and later (seed §3)', () => {
    const { rules } = connectionRules({ ...base, connectivity });
    expect(rules.map((r) => `${r.id} ${r.host}:${r.port} ${r.mode}`)).toEqual([
      'portal portal.unityclient.com:443 https',
      'oci ocs.example.com:2208 plain',
      'cti cti.example.com:8011 plain',
      'imp im.unityclient.com:2208 plain',
      'xsi ocs.example.com:443 https',
    ]);
    expect(rules.find((r) => r.id === 'cti')!.appliesTo).toContain('not R21');
    expect(rules.find((r) => r.id === 'oci')!.appliesTo).toContain('CAP rides on it on R21 and below');
  });

  it('on R20 needs no CTI connection (CAP rides on OCI, seed §3.1)', () => {
    const { rules } = connectionRules({ ...base, connectivity, release: '20.sp1' });
    expect(rules.map((r) => r.id)).toEqual(['portal', 'oci', 'imp', 'xsi']);
  });

  it('uses the OCI over TLS port, certificate host and pinned version when TLS is on (seed §4.1)', () => {
    const { rules } = connectionRules({
      ...base,
      connectivity: { ...connectivity, ociTls: { enabled: true, port: 2209, certificateHost: 'voip.example.com', securityProtocol: 'TLSv1.3' } },
    });
    expect(rules.find((r) => r.id === 'oci')).toMatchObject({ port: 2209, mode: 'tls', tls: { servername: 'voip.example.com', version: 'TLSv1.3' }, probePlainPortForTls: false });
  });

  it('reports a plan that cannot be made as a failing portal-settings line', () => {
    const { rules, checks } = connectionRules({ ...base, connectivity: { ...connectivity, ociTls: { enabled: true, securityProtocol: 'TLSv1.2' } } });
    expect(rules.some((r) => r.id === 'oci')).toBe(false);
    const plan = checks.filter((c) => c.connection === 'plan');
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ status: 'fail' });
    expect(plan[0]!.detail).toContain('"OCI over TLS server port" is blank');
  });

  it('checks XMPP 5222 on the domain only when it is known (seed §1.1)', () => {
    expect(connectionRules({ ...base, connectivity, xmppDomain: 'xmpp.example.com' }).rules.find((r) => r.id === 'xmpp')).toMatchObject({ host: 'xmpp.example.com', port: 5222 });
    expect(connectionRules({ ...base, connectivity }).checks.find((c) => c.connection === 'xmpp')!.status).toBe('skip');
  });
});

describe('doctor verdicts', () => {
  const rule: ConnectionRule = {
    id: 'oci', connection: 'oci', host: 'ocs.example.com', port: 2209, mode: 'tls', tls: { servername: 'ocs.example.com', version: 'TLSv1.2' },
    probePlainPortForTls: false, appliesTo: 'every release', settings: { securityProtocol: 'OCI over TLS security protocol' },
  };
  const probe = (validTo: string) => ({ tcp: { ok: true as const }, tls: { ok: true as const, version: 'TLSv1.2', certificate: { names: ['ocs.example.com'], validFrom: 'Jan  1 00:00:00 2026 GMT', validTo } } });
  const now = new Date('2026-06-01T00:00:00Z');

  it('warns when the certificate expires within 30 days', () => {
    const expiry = diagnose(rule, probe('Jun 20 00:00:00 2026 GMT'), now).find((c) => c.rule === 'certificate expiry')!;
    expect(expiry.status).toBe('warn');
    expect(expiry.detail).toBe('valid until 2026-06-20T00:00:00.000Z (19 days)');
  });

  it('is OK when the certificate is valid for longer', () => {
    const expiry = diagnose(rule, probe('Aug 20 00:00:00 2026 GMT'), now).find((c) => c.rule === 'certificate expiry')!;
    expect(expiry.status).toBe('ok');
  });

  it('gives the firewall rule for a timeout', () => {
    const [tcp] = diagnose(rule, { tcp: { ok: false, failure: { kind: 'timeout', message: 'no answer', host: rule.host, port: rule.port } } }, now);
    expect(tcp).toMatchObject({ status: 'fail', advice: 'open TCP port 2209 outbound to ocs.example.com on the customer firewall (seed §5.1)' });
  });
});

describe('doctor plan warnings', () => {
  it('shows no warning about a release the server may not run, but shows it for that release', () => {
    const withCti = { ...connectivity, useCtiInsteadOfCap: true };
    expect(connectionRules({ ...base, connectivity: withCti }).checks.filter((c) => c.status === 'warn')).toEqual([]);
    const onR20 = connectionRules({ ...base, connectivity: withCti, release: '20' }).checks.filter((c) => c.status === 'warn');
    expect(onR20).toHaveLength(1);
    expect(onR20[0]!.detail).toContain('"Use CTI instead of CAP protocol" is on in the Kakapo portal, but it is ignored on R20');
  });

  it('warns when the CTI host is not set (seed §3.3, §5.2)', () => {
    const noHost = { ...connectivity, cti: { port: 8011 } };
    const warnings = connectionRules({ ...base, connectivity: noHost }).checks.filter((c) => c.status === 'warn');
    expect(warnings.map((c) => c.detail)).toEqual([expect.stringContaining('the CTI server host is not set in the Kakapo portal')]);
  });
});

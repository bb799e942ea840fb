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
    expect(tcp).toMatchObject({ status: 'fail', advice: 'open TCP port 2209 outbound to ocs.example.com on the customer firewall' });
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

// Issue 9: no step is hidden. Each connection left out, and each check that could not run, has a line.
describe('doctor lines for what is not checked', () => {
  const licensed = (imp: boolean, xmpp: boolean) => ({ imp, xmpp, callCenter: false, reception: false });

  it('a license without Kakapo IM&P or XMPP: both say they are not needed, neither is probed', () => {
    const { rules, checks } = connectionRules({ ...base, connectivity, xmppDomain: 'xmpp.example.com', license: licensed(false, false) });
    expect(rules.map((r) => r.id)).toEqual(['portal', 'oci', 'cti', 'xsi']);
    expect(checks.filter((c) => c.status === 'skip').map((c) => [c.connection, c.detail])).toEqual([
      ['imp', "not needed: the user's license does not include Kakapo IM&P"],
      ['xmpp', "not needed: the user's license does not include XMPP"],
    ]);
  });

  it('a license with XMPP makes the XMPP check required (STARTTLS and SASL), not optional', () => {
    const xmpp = connectionRules({ ...base, connectivity, xmppDomain: 'xmpp.example.com', xmppFromProfile: true, license: licensed(true, true) }).rules.find((r) => r.id === 'xmpp');
    expect(xmpp).toMatchObject({ mode: 'xmpp', host: 'xmpp.example.com', port: 5222, tls: { servername: 'xmpp.example.com' } });
    expect(xmpp?.optional).toBeUndefined();
    // Without a license the profile's domain is checked, but only as a warning.
    expect(connectionRules({ ...base, connectivity, xmppDomain: 'xmpp.example.com', xmppFromProfile: true }).rules.find((r) => r.id === 'xmpp')?.optional).toBe('needed only when the license allows XMPP');
  });

  it('licensed for XMPP with no domain to check is a warning that says why', () => {
    const { checks } = connectionRules({
      ...base, connectivity, license: licensed(false, true),
      xmppUnknown: { status: 'skip', detail: 'not needed: the user\'s profile has no Integrated IM&P ID, so the client does not connect to XMPP' },
    });
    expect(checks.find((c) => c.connection === 'xmpp')).toMatchObject({
      status: 'warn',
      detail: "the license includes XMPP, but the user's profile has no Integrated IM&P ID, so the client does not connect to XMPP",
    });
  });

  it('a plan that cannot be made says which connections it leaves unchecked', () => {
    const { checks } = connectionRules({ ...base, connectivity: { ...connectivity, ociTls: { enabled: true, securityProtocol: 'TLSv1.2' } } });
    expect(checks.find((c) => c.connection === 'oci')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/^not checked: the portal settings give no OCI endpoint for R20, R21, R22/) });
  });
});

describe('doctor verdicts for checks that could not finish', () => {
  const tlsRule: ConnectionRule = {
    id: 'xsi', connection: 'xsi', host: 'xsp.example.com', port: 443, mode: 'https', tls: { servername: 'xsp.example.com' },
    probePlainPortForTls: false, appliesTo: 'voicemail', settings: {},
  };
  const now = new Date('2026-06-01T00:00:00Z');

  it('a certificate that could not be read gives a skip line for its expiry, not nothing', () => {
    const checks = diagnose(tlsRule, { tcp: { ok: true }, tls: { ok: true, version: 'TLSv1.3' } }, now);
    expect(checks.map((c) => [c.rule, c.status])).toEqual([['TCP reachability', 'ok'], ['TLS handshake (any version, certificate name xsp.example.com)', 'ok'], ['certificate expiry', 'skip']]);
    expect(checks[2]!.detail).toMatch(/^not checked: the certificate could not be read again/);
  });

  it('a probe that broke for a reason of its own is a warning line with the reason', () => {
    expect(diagnose(tlsRule, { tcp: { ok: true }, error: 'boom' }, now)).toEqual([
      expect.objectContaining({ rule: 'check', status: 'warn', detail: 'the check could not run to its end: boom' }),
    ]);
  });

  const xmppRule: ConnectionRule = {
    id: 'xmpp', connection: 'xmpp', host: 'xmpp.example.com', port: 5222, mode: 'xmpp', tls: { servername: 'xmpp.example.com' },
    probePlainPortForTls: false, appliesTo: 'XMPP users', settings: {},
  };
  const secured = (over: object) => ({
    tcp: { ok: true as const },
    xmpp: { stage: 'secured' as const, version: 'TLSv1.3', mechanisms: ['SCRAM-SHA-1'], channelBindings: null, choice: 'SCRAM-SHA-1', login: { skipped: 'no password given' }, ...over },
  });

  it('XMPP: no STARTTLS, a certificate for another name, no usable mechanism, a refused login', () => {
    const noTls = diagnose(xmppRule, { tcp: { ok: true }, xmpp: { stage: 'starttls', message: 'the XMPP server xmpp.example.com does not offer STARTTLS; refusing to continue in the clear' } }, now);
    expect(noTls[1]).toMatchObject({ rule: 'STARTTLS (certificate name xmpp.example.com)', status: 'fail', advice: expect.stringContaining('must offer STARTTLS') });
    const wrongName = diagnose(xmppRule, { tcp: { ok: true }, xmpp: { stage: 'starttls', message: 'TLS failed', failure: { kind: 'tls-certificate-name', message: 'x', host: 'xmpp.example.com', port: 5222 } } }, now);
    expect(wrongName[1]!.advice).toContain("certificate must name xmpp.example.com");
    const none = diagnose(xmppRule, secured({ mechanisms: ['DIGEST-MD5'], choice: null }), now);
    expect(none.find((c) => c.rule === 'SASL mechanisms')).toMatchObject({ status: 'fail', detail: 'offers DIGEST-MD5: none the client can use' });
    expect(none.some((c) => c.rule === 'XMPP login')).toBe(false);
    const refused = diagnose(xmppRule, secured({ login: { ok: false, code: 'auth-failed', message: 'refused (not-authorized)' } }), now);
    expect(refused.find((c) => c.rule === 'XMPP login')).toMatchObject({ status: 'fail', detail: 'refused (not-authorized)' });
    const skipped = diagnose(xmppRule, secured({}), now);
    expect(skipped.find((c) => c.rule === 'XMPP login')).toMatchObject({ status: 'skip', detail: 'not tried: no password given' });
    expect(skipped.find((c) => c.rule === 'certificate expiry')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/^not checked over STARTTLS/) });
  });
});

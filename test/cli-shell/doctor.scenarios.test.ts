// doctor against the lab (issue 6): each scenario's problem is found, named, and given the firewall
// rule or Kakapo portal setting that fixes it; a healthy lab passes.
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorCheck, type DoctorReport } from '../../src/client/doctor/index.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { getScenario } from '../../src/lab/scenarios/catalogue.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import type { LabScenario } from '../../src/lab/scenarios/types.ts';
import { systemProgram } from '../support/system-programs.ts';
import { startOciRewritingProxy } from './support/oci-rewriting-proxy.ts';

const prosody = systemProgram('prosody');

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function doctorOn(scenario: string | LabScenario, now?: Date): Promise<{ lab: Lab; report: DoctorReport }> {
  lab = await startLab({ scenario });
  const report = await runDoctor({
    serverHost: 'ocs.lab.test',
    portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
    loginId: lab.users[0]!.loginId,
    resolver: createHostMapResolver(lab.hostMap),
    ca: [lab.caCertPem],
    connectTimeoutMs: 2000,
    tlsTimeoutMs: 2000,
    tlsProbeTimeoutMs: 500,
    ...(now ? { now: () => now } : {}),
  });
  return { lab, report };
}

const failures = (report: DoctorReport): DoctorCheck[] => report.checks.filter((c) => c.status === 'fail');
const only = (report: DoctorReport): DoctorCheck => {
  const failed = failures(report);
  expect(failed).toHaveLength(1);
  return failed[0]!;
};

describe('doctor on lab scenarios', () => {
  it('reports a blocked CTI port with the firewall rule that opens it (cti-unreachable)', async () => {
    const { lab, report } = await doctorOn('cti-unreachable');
    const cti = lab.services['cti']!;
    const failed = only(report);
    expect(failed).toMatchObject({ connection: 'cti', rule: 'TCP reachability', target: `cti.lab.test:${cti.port}` });
    expect(failed.advice).toContain(`open TCP port ${cti.port} outbound to cti.lab.test`);
    expect(failed.advice).toContain('"CTI Port"');
    expect(failed.appliesTo).toContain('R22 and later');
    expect(report.blocked).toBe(true);
  });

  it('finds a TLS-only server on the plain OCI port and names the portal settings (oci-tls-only-plain)', async () => {
    const { lab, report } = await doctorOn('oci-tls-only-plain');
    const port = lab.services['oci-tls']!.port;
    const failed = only(report);
    expect(failed).toMatchObject({ connection: 'oci', rule: 'plain client on a TLS-only port', target: `ocs.lab.test:${port}` });
    expect(failed.detail).toContain(`ocs.lab.test:${port} answers a TLS handshake (TLSv1.3): it is a TLS port`);
    expect(failed.advice).toContain(`turn on "Use OCI protocol over TLS" with "OCI over TLS server port" = ${port} and "OCI over TLS security protocol" = TLSv1.3`);
    expect(failed.advice).toContain(`"VoIP Server Port" = "OCI over TLS server port" = ${port}`);
    expect(report.blocked).toBe(true);
  });

  it('names the TLS version the server accepts for "OCI over TLS security protocol" (tls-version-mismatch)', async () => {
    const { report } = await doctorOn('tls-version-mismatch');
    const failed = only(report);
    expect(failed.connection).toBe('oci');
    expect(failed.rule).toContain('TLS handshake (TLSv1.2');
    expect(failed.detail).toBe('the server refuses TLSv1.2; it accepts TLSv1.3');
    expect(failed.advice).toContain('set "OCI over TLS security protocol" to TLSv1.3');
  });

  it('names the certificate names for "OCI over TLS certificate host" (cert-host-mismatch)', async () => {
    const { report } = await doctorOn('cert-host-mismatch');
    const failed = only(report);
    expect(failed.connection).toBe('oci');
    expect(failed.detail).toContain('names voip.other.test, not "ocs.lab.test"');
    expect(failed.advice).toContain('set "OCI over TLS certificate host" to "voip.other.test"');
  });

  it('says when TLS is asked for on a plain port (a TLS client on a plain server)', async () => {
    const scenario = getScenario('r22-cti');
    scenario.name = 'oci-tls-on-plain-port';
    scenario.portal.connectivity.ociTls = { enabled: true, port: { service: 'oci', endpoint: 'plain' }, securityProtocol: 'TLSv1.2' };
    const { report } = await doctorOn(scenario);
    const failed = only(report);
    expect(failed.connection).toBe('oci');
    expect(failed.detail).toContain('does not answer TLS: it is probably a plain port');
    expect(failed.advice).toContain('set "OCI over TLS server port" to the server\'s TLS port (usually 2209), or turn "Use OCI protocol over TLS" off');
  });

  for (const scenario of ['r22-cti', 'r24-cti-tls']) {
    it(`passes every needed connection of a healthy lab (${scenario})`, async () => {
      const { report } = await doctorOn(scenario);
      expect(failures(report)).toEqual([]);
      expect(report.blocked).toBe(false);
      const checked = new Set(report.checks.filter((c) => c.status === 'ok').map((c) => c.connection));
      expect([...checked].sort()).toEqual(['branding', 'cti', 'imp', 'oci', 'portal', 'xsi']);
    });
  }

  it('checks the TLS handshakes with the certificate hosts and pinned versions of the portal (r24-cti-tls)', async () => {
    const { report } = await doctorOn('r24-cti-tls');
    const handshakes = report.checks.filter((c) => c.rule.startsWith('TLS handshake') && (c.connection === 'oci' || c.connection === 'cti'));
    expect(handshakes.map((c) => [c.connection, c.rule, c.detail])).toEqual([
      ['oci', 'TLS handshake (TLSv1.2, certificate name ocs-tls.lab.test)', 'secured with TLSv1.2'],
      ['cti', 'TLS handshake (TLSv1.2, certificate name cti-tls.lab.test)', 'secured with TLSv1.2'],
    ]);
  });

  it('warns when a certificate expires within 30 days (the lab issues 30-day certificates)', async () => {
    const { report } = await doctorOn('r24-cti-tls');
    const expiry = report.checks.filter((c) => c.rule === 'certificate expiry');
    expect(expiry.map((c) => c.connection).sort()).toEqual(['cti', 'oci', 'portal', 'xsi']);
    for (const c of expiry) {
      expect(c.status).toBe('warn');
      expect(c.advice).toBe('renew the server certificate before it expires');
    }
  });

  it('tells the firewall rule for the portal when branding cannot be fetched, and assumes the default ports', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['cti']!.port}`, // a port that does not speak HTTPS
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      connectTimeoutMs: 1000,
      tlsTimeoutMs: 1000,
      tlsProbeTimeoutMs: 300,
    });
    const branding = report.checks.find((c) => c.connection === 'branding')!;
    expect(branding.status).toBe('fail');
    expect(branding.advice).toContain(`open TCP port ${lab.services['cti']!.port} outbound to portal.lab.test`);
    // seed §1 defaults: OCI on 2208 of the server host.
    expect(report.checks.some((c) => c.connection === 'oci' && c.target === 'ocs.lab.test:2208')).toBe(true);
    expect(report.blocked).toBe(true);
  });
});

describe('doctor with a login', () => {
  it('logs in over OCI to read the release and checks the connections of that release only (r22-cti)', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const user = lab.users[0]!;
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      loginId: user.loginId,
      password: async () => user.password,
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
    });
    expect(report.release).toBe('22.0');
    const login = report.checks.find((c) => c.rule === 'OCI login (BroadWorks release)')!;
    expect(login.status).toBe('ok');
    expect(login.detail).toContain('BroadWorks 22.0');
    expect(report.checks.find((c) => c.connection === 'cti')!.appliesTo).toBe('R22.0 (call control over CTI)');
    expect(JSON.stringify(report)).not.toContain(user.password);
    // The profile and the license are read as the client reads them.
    expect(user.impId).toBe('ann@xmpp.lab.test');
    expect(report.checks.find((c) => c.rule === 'user profile (OCI)')).toMatchObject({ status: 'ok', detail: 'Ann Lee (group G-Lab); Integrated IM&P ID ann@xmpp.lab.test' });
    expect(report.checks.find((c) => c.connection === 'license')).toMatchObject({ status: 'ok', detail: 'Licensed: Kakapo IM&P, call center' });
    // The license decides: r22-cti has no XMPP, so its (closed) 5222 is not needed, and says so.
    const xmpp = report.checks.filter((c) => c.connection === 'xmpp');
    expect(xmpp.map((c) => [c.target, c.status, c.detail])).toEqual([['xmpp.lab.test:5222', 'skip', "not needed: the user's license does not include XMPP"]]);
    expect(report.blocked).toBe(false);
  });

  it('falls back to every release when the login is refused, without failing the report for it', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      loginId: lab.users[0]!.loginId,
      password: async () => 'not-the-password',
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
    });
    expect(report.release).toBeUndefined();
    const login = report.checks.find((c) => c.rule === 'OCI login (BroadWorks release)')!;
    expect(login.status).toBe('warn');
    expect(login.detail).not.toContain('not-the-password');
    expect(report.checks.find((c) => c.connection === 'cti')!.appliesTo).toContain('R22 and later');
  });
});

// Issue 9: doctor never hides a step. Whatever it could not check, or did not need to, has a line
// saying what is missing and why; a refused license and a partly answered profile are failed steps.
async function doctorWithLogin(scenario: string | LabScenario, extra: Partial<Parameters<typeof runDoctor>[0]> = {}): Promise<{ lab: Lab; report: DoctorReport }> {
  lab = await startLab({ scenario });
  const user = lab.users[0]!;
  const report = await runDoctor({
    serverHost: 'ocs.lab.test',
    portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
    loginId: user.loginId,
    password: async () => user.password,
    resolver: createHostMapResolver(lab.hostMap),
    ca: [lab.caCertPem],
    connectTimeoutMs: 2000,
    tlsTimeoutMs: 2000,
    tlsProbeTimeoutMs: 500,
    ...extra,
  });
  return { lab, report };
}
const line = (report: DoctorReport, connection: string, rule: string): DoctorCheck | undefined =>
  report.checks.find((c) => c.connection === connection && c.rule === rule);
/** Every line that did not check something says so and why ("not checked: …", "not needed: …"). */
function expectEverySkipExplained(report: DoctorReport): void {
  for (const c of report.checks.filter((x) => x.status === 'skip')) {
    expect(c.detail).toMatch(/^not (checked|tried|needed|requested)[^:]*: \S/);
  }
  // The doctor's own words (skip lines, advice) cite no document that does not ship. (Messages of
  // the network effects it quotes are not its own.)
  const own = report.checks.flatMap((c) => [c.advice ?? '', c.status === 'skip' ? c.detail : '', c.appliesTo ?? '']);
  for (const text of own) expect(text).not.toMatch(/seed §|kakapo\.md|oci-p\.md|xmpp\.md|issue \d/);
}

describe('doctor never hides a step', () => {
  it('without --login: the login, the license and XMPP each say they were not checked, why, and what to pass', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
    });
    expect(line(report, 'oci', 'OCI login (BroadWorks release)')).toMatchObject({
      status: 'skip',
      detail: "not tried: no --login given; the connections of every release are checked",
      advice: expect.stringContaining('--login ID --password-stdin'),
    });
    expect(line(report, 'license', 'license from the Kakapo portal')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining("not requested: it needs the user's profile, and the OCI login was not tried (no --login given)"),
    });
    expect(line(report, 'xmpp', 'XMPP')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining("not checked: the XMPP domain comes from the user's Integrated IM&P ID"),
      advice: expect.stringContaining('--xmpp-domain DOMAIN'),
    });
    expectEverySkipExplained(report);
  });

  it('a login without a password says the password is missing', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      loginId: lab.users[0]!.loginId,
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
    });
    expect(line(report, 'oci', 'OCI login (BroadWorks release)')).toMatchObject({ status: 'skip', detail: expect.stringContaining('not tried: no password given'), advice: expect.stringContaining('--password-stdin') });
    expectEverySkipExplained(report);
  });

  it('an expired license is a failed step with the portal setting that fixes it (license-expired)', async () => {
    const { report } = await doctorWithLogin('license-expired');
    const license = line(report, 'license', 'license from the Kakapo portal')!;
    expect(license).toMatchObject({ status: 'fail', detail: 'the license of ann@lab.test has expired: the client stops after login' });
    expect(license.advice).toContain('"License Details"');
    expect(report.blocked).toBe(true);
    // An expired license has no features: neither Kakapo IM&P nor XMPP is needed, and both say so.
    expect(line(report, 'imp', 'TCP reachability')).toMatchObject({ status: 'skip', detail: "not needed: the user's license does not include Kakapo IM&P" });
    expectEverySkipExplained(report);
  });

  it('a user without Integrated IM&P: the profile says so and XMPP is not needed (imp-only)', async () => {
    const { report } = await doctorWithLogin('imp-only');
    expect(line(report, 'oci', 'user profile (OCI)')).toMatchObject({ status: 'ok', detail: 'Ann Lee (group G-Lab); Integrated IM&P is not active for this user (no XMPP)' });
    expect(line(report, 'xmpp', 'XMPP')).toMatchObject({ status: 'skip', detail: "not needed: the user's license does not include XMPP" });
    expect(line(report, 'imp', 'TCP reachability')).toMatchObject({ status: 'ok' });
    expectEverySkipExplained(report);
  });

  /** The lab's xmpp scenario behind a proxy that refuses the Integrated IM&P part of the profile document. */
  async function partialProfile(alsoDropProfileImpId: boolean): Promise<DoctorReport> {
    const proxy = await startOciRewritingProxy((document) => {
      let out = document.replace(
        /<command\b[^>]*xsi:type="[^"]*UserIntegratedIMPGetResponse21sp1"[^>]*(\/>|>[\s\S]*?<\/command>)/,
        '<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4410] Access denied: Integrated IM&amp;P</summary><summaryEnglish>[Error 4410] Access denied: Integrated IM&amp;P</summaryEnglish></command>',
      );
      if (alsoDropProfileImpId) out = out.replace(/<impId>[^<]*<\/impId>/, '');
      return out;
    });
    try {
      const scenario = getScenario('xmpp');
      scenario.name = 'xmpp-imp-part-refused';
      scenario.requires = []; // Prosody is not reached: the XMPP domain stays unknown, or is not probed on 5222
      scenario.portal.connectivity.voipServerPort = proxy.port;
      lab = await startLab({ scenario });
      proxy.target(lab.services['oci']!.port);
      const user = lab.users[0]!;
      return await runDoctor({
        serverHost: 'ocs.lab.test',
        portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
        loginId: user.loginId,
        password: async () => user.password,
        resolver: createHostMapResolver(lab.hostMap),
        ca: [lab.caCertPem],
        connectTimeoutMs: 1000,
        tlsTimeoutMs: 1000,
        tlsProbeTimeoutMs: 300,
      });
    } finally {
      await proxy.close();
    }
  }

  it('a profile answered only in part, with no XMPP ID left: a warning naming the refusal, and XMPP says why it is unchecked', async () => {
    const report = await partialProfile(true);
    const profile = line(report, 'oci', 'user profile (OCI)')!;
    expect(profile.status).toBe('warn');
    expect(profile.detail).toContain("answered only in part: the Integrated IM&P request was refused (UserIntegratedIMPGetRequest21sp1: the OCI server answered [Error 4410] Access denied: Integrated IM&P), so the user's XMPP ID is unknown");
    expect(profile.advice).toContain('--xmpp-domain DOMAIN');
    // The license includes XMPP, so an unknown XMPP domain is a warning, not a quiet skip.
    expect(line(report, 'xmpp', 'XMPP')).toMatchObject({
      status: 'warn',
      detail: 'the license includes XMPP, but the Integrated IM&P part of the profile was refused, so the XMPP domain is unknown',
      advice: expect.stringContaining('--xmpp-domain DOMAIN'),
    });
    expectEverySkipExplained(report);
  });

  it('a profile answered only in part, the XMPP ID taken from the user profile: a warning, and XMPP is still checked', async () => {
    const report = await partialProfile(false);
    const profile = line(report, 'oci', 'user profile (OCI)')!;
    expect(profile.status).toBe('warn');
    expect(profile.detail).toContain("so the ID ann@xmpp.lab.test comes from the user's own profile");
    expect(report.checks.filter((c) => c.connection === 'xmpp').map((c) => [c.rule, c.target])).toEqual([['TCP reachability', 'xmpp.lab.test:5222']]);
    expectEverySkipExplained(report);
  });

  prosody.it('XMPP licensed: STARTTLS for the domain, the SASL offer, and the login as the client would (xmpp, real Prosody)', async () => {
    lab = await startLab({ scenario: 'xmpp' });
    const xmppPort = lab.services['xmpp']!.port;
    const user = lab.users[0]!;
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      loginId: user.loginId,
      password: async () => user.password,
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
      portMap: { 'xmpp.lab.test:5222': xmppPort },
    });
    const xmpp = report.checks.filter((c) => c.connection === 'xmpp');
    expect(xmpp.map((c) => [c.rule, c.status])).toEqual([
      ['TCP reachability', 'ok'],
      ['STARTTLS (certificate name xmpp.lab.test)', 'ok'],
      ['certificate expiry', 'skip'],
      ['SASL mechanisms', 'ok'],
      ['XMPP login', 'ok'],
    ]);
    expect(xmpp[0]!.target).toBe(`xmpp.lab.test:${xmppPort}`);
    expect(xmpp[1]!.detail).toMatch(/^secured with TLSv1\.[23]$/);
    expect(xmpp[3]!.detail).toMatch(/^offers .*SCRAM-SHA-1.*; the client uses SCRAM-SHA-1/);
    expect(xmpp[4]!.detail).toMatch(/^logged in with SCRAM-SHA-1/);
    expect(xmpp[0]!.appliesTo).toBe('this user (the license includes XMPP)');
    expect(JSON.stringify(report)).not.toContain(user.password);
    expect(report.blocked).toBe(false);
    expectEverySkipExplained(report);
  });

  prosody.it('XMPP by --xmpp-domain without a password: STARTTLS and the SASL offer are checked, the login says why it was not tried', async () => {
    lab = await startLab({ scenario: 'xmpp' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      xmppDomain: 'xmpp.lab.test',
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      tlsProbeTimeoutMs: 500,
      portMap: { 'xmpp.lab.test:5222': lab.services['xmpp']!.port },
    });
    expect(line(report, 'xmpp', 'SASL mechanisms')).toMatchObject({ status: 'ok' });
    expect(line(report, 'xmpp', 'XMPP login')).toMatchObject({ status: 'skip', detail: 'not tried: no password given', advice: expect.stringContaining('--password-stdin') });
    expectEverySkipExplained(report);
  });

  it('an XMPP domain whose server is not XMPP fails the stream step with what to check', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const report = await runDoctor({
      serverHost: 'ocs.lab.test',
      portalUrl: `https://portal.lab.test:${lab.services['portal']!.port}`,
      xmppDomain: 'cti.lab.test',
      resolver: createHostMapResolver(lab.hostMap),
      ca: [lab.caCertPem],
      connectTimeoutMs: 1000,
      tlsTimeoutMs: 1000,
      tlsProbeTimeoutMs: 300,
      portMap: { 'cti.lab.test:5222': lab.services['cti']!.port },
    });
    const stream = line(report, 'xmpp', 'XMPP stream')!;
    expect(stream.status).toBe('fail');
    expect(stream.detail).toContain('does not speak XMPP');
    expect(stream.advice).toContain("check that cti.lab.test's XMPP server listens there for clients");
  });
});

// doctor (issue 6; seed §5 as a tool): fetch branding when possible, log in (when asked) for the
// release and the profile, ask for the license, plan the connections, probe each one in parallel,
// and judge the answers. Every step gives a line: one that could not run, or was not asked for,
// says what is missing and why (issue 9), so nothing the client needs is silently left out.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createPortalClient, type PortalClient } from '../../adapters/portal/portal-client.ts';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../codecs/kakapo/cipher.ts';
import type { KakapoConnectivity, LicenseFeatures } from '../../codecs/kakapo/types.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { advice } from './advice.ts';
import { connectionRules, type RulesInput } from './connection-rules.ts';
import { diagnose } from './diagnose.ts';
import { checkLicense } from './license-check.ts';
import { loginForRelease, type LoginRelease, type XmppIdAnswer } from './login-release.ts';
import { probedPort, probeRule, type ProbeNet } from './probe-rule.ts';
import { isBlocked, type DoctorReport } from './render-report.ts';
import type { DoctorCheck } from './types.ts';

export interface DoctorOptions {
  serverHost: string;
  /** Default https://portal.unityclient.com (seed §1). */
  portalUrl?: string;
  loginId?: string;
  /** With loginId: log in over OCI (release, profile), ask for the license, log in to XMPP. Read once, never kept. */
  password?: () => Promise<string>;
  release?: string;
  xmppDomain?: string;
  resolver: Resolver;
  ca?: string[];
  connectTimeoutMs?: number;
  tlsTimeoutMs?: number;
  tlsProbeTimeoutMs?: number;
  /** `host:port` → the port actually probed (the lab's simulators on ephemeral ports), as the client's. */
  portMap?: Record<string, number>;
  now?: () => Date;
}

export const DEFAULT_PORTAL = 'https://portal.unityclient.com';

function portalTarget(portalUrl: string): { host: string; port: number; target: string } {
  const url = new URL(portalUrl);
  const port = url.port === '' ? 443 : Number(url.port);
  return { host: url.hostname, port, target: `${url.hostname}:${port}` };
}

async function fetchConnectivity(options: DoctorOptions, portal: PortalClient, portalUrl: string): Promise<{ connectivity?: KakapoConnectivity; check: DoctorCheck }> {
  const { host, port, target } = portalTarget(portalUrl);
  // seed §1.1: branding by login ID, or by server host when the user is not known (or not given).
  const result = await portal.getBranding({
    ...(options.loginId ? { loginId: options.loginId } : {}), serverHost: options.serverHost, clientType: 'Desktop', clientVersion: '1.0.0',
  });
  const rule = 'branding from the Kakapo portal';
  if (result.ok) {
    const by = options.loginId && !result.value.fellBackToServerHost ? 'by login ID' : 'by server host';
    return { connectivity: result.value.branding.connectivity, check: { connection: 'branding', rule, target, status: 'ok', detail: `${result.value.branding.level} level, ${by}` } };
  }
  const e = result.error;
  const fix = e.kind === 'unreachable'
    ? advice.firewall({ id: 'portal', connection: 'portal', host, port, mode: 'https', probePlainPortForTls: false, appliesTo: '', settings: {} })
    : 'check the server host: it identifies the system provider in the Kakapo portal';
  return {
    check: { connection: 'branding', rule, target, status: 'fail', detail: `${e.message} The default ports (OCI 2208, CTI 8011, Kakapo IM&P 2208) are assumed below.`, advice: fix },
  };
}

const LOGIN_RULE = 'OCI login (BroadWorks release)';
const PROFILE_RULE = 'user profile (OCI)';
const LICENSE_RULE = 'license from the Kakapo portal';
const WITH_LOGIN = 'pass --login ID --password-stdin to check this user\'s release, profile, license and XMPP login';

interface Learned {
  release?: string;
  login?: LoginRelease;
  checks: DoctorCheck[];
  /** Why the login step did not run, for the lines that depend on it. */
  notTried?: string;
}

/** seed §1.1: the OCI login tells the release and the user's profile; a failure only widens the checks. */
async function loginStep(options: DoctorOptions, connectivity: KakapoConnectivity | undefined, password: string | undefined): Promise<Learned> {
  const target = options.serverHost;
  const skip = (notTried: string, fix: string): Learned => ({
    notTried,
    checks: [{ connection: 'oci', rule: LOGIN_RULE, target, status: 'skip', detail: `not tried: ${notTried}${options.release === undefined ? '; the connections of every release are checked' : ''}`, advice: fix }],
  });
  if (options.loginId === undefined) return skip('no --login given', WITH_LOGIN);
  if (password === undefined) return skip('no password given', 'add --password-stdin and type the password on standard input');
  if (connectivity === undefined) return skip('the branding could not be read, so the OCI endpoint is unknown', 'fix the branding line first, then run doctor again');
  let login: LoginRelease;
  try {
    login = await loginForRelease({
      serverHost: options.serverHost, loginId: options.loginId, password, connectivity,
      resolver: options.resolver, ca: options.ca ?? [], timeoutMs: (options.connectTimeoutMs ?? 3000) + (options.tlsTimeoutMs ?? 3000),
    });
  } catch (error) {
    login = { ok: false, stage: 'connect', message: error instanceof Error ? error.message : 'the OCI login failed' };
  }
  if (!login.ok) {
    const fix = login.stage === 'login' ? 'check the login ID and the password' : login.stage === 'connect' ? 'see the OCI connection lines below' : 'the user may log in but not read the release: pass --release R';
    return {
      login,
      notTried: 'the OCI login failed',
      checks: [{ connection: 'oci', rule: LOGIN_RULE, target, status: 'warn', detail: `could not log in to read the release: ${login.message} Every release is checked.`, advice: fix }],
    };
  }
  const given = options.release !== undefined && options.release !== login.release ? ` (--release ${options.release} is used for the checks)` : '';
  return {
    release: login.release,
    login,
    checks: [{ connection: 'oci', rule: LOGIN_RULE, target, status: 'ok', detail: `BroadWorks ${login.release}${given}` }, profileCheck(login, target)],
  };
}

function profileCheck(login: Extract<LoginRelease, { ok: true }>, target: string): DoctorCheck {
  const base = { connection: 'oci' as const, rule: PROFILE_RULE, target };
  const answer = login.profile;
  if (!answer.ok) {
    return {
      ...base, status: 'warn',
      detail: `the release answered but the profile did not: ${answer.message}; the license and the XMPP domain cannot be checked`,
      advice: 'ask the BroadWorks administrator whether the user may read its own profile; pass --xmpp-domain DOMAIN to check XMPP meanwhile',
    };
  }
  const who = `${answer.profile.firstName} ${answer.profile.lastName} (group ${answer.profile.groupId})`;
  const x = answer.xmpp;
  switch (x.kind) {
    case 'id':
      return x.partial === undefined
        ? { ...base, status: 'ok', detail: `${who}; Integrated IM&P ID ${x.jid}` }
        : {
            ...base, status: 'warn',
            detail: `${who}; answered only in part: the Integrated IM&P request was refused (${x.partial}), so the ID ${x.jid} comes from the user's own profile`,
            advice: 'ask the BroadWorks administrator why the user cannot read its Integrated IM&P settings',
          };
    case 'inactive':
      return { ...base, status: 'ok', detail: `${who}; Integrated IM&P is not active for this user (no XMPP)` };
    case 'malformed':
      return { ...base, status: 'warn', detail: `${who}; the Integrated IM&P ID "${x.value}" has no valid domain`, advice: 'correct the user\'s Integrated IM&P ID in BroadWorks' };
    case 'unknown':
      return x.refused === undefined
        ? { ...base, status: 'ok', detail: `${who}; no Integrated IM&P ID (no XMPP)` }
        : {
            ...base, status: 'warn',
            detail: `${who}; answered only in part: the Integrated IM&P request was refused (${x.refused}), so the user's XMPP ID is unknown`,
            advice: 'ask the BroadWorks administrator why the user cannot read its Integrated IM&P settings; pass --xmpp-domain DOMAIN to check XMPP meanwhile',
          };
  }
}

/** What the XMPP line says when there is no domain to check. */
function xmppUnknownOf(learned: Learned): RulesInput['xmppUnknown'] {
  if (learned.login === undefined || !learned.login.ok) {
    return {
      status: 'skip',
      detail: `not checked: the XMPP domain comes from the user's Integrated IM&P ID, read after the OCI login, which ${learned.login === undefined ? `was not tried (${learned.notTried ?? 'no login'})` : 'failed'}`,
      advice: `${learned.login === undefined ? `${WITH_LOGIN}, or ` : ''}${advice.xmppDomain()}`,
    };
  }
  const profile = learned.login.profile;
  if (!profile.ok) return { status: 'warn', detail: 'not checked: the user profile could not be read, so the XMPP domain is unknown', advice: advice.xmppDomain() };
  const x: XmppIdAnswer = profile.xmpp;
  switch (x.kind) {
    case 'inactive':
      return { status: 'skip', detail: 'not needed: Integrated IM&P is not active for this user in BroadWorks, so the client does not connect to XMPP', advice: 'if the user should chat over XMPP, assign Integrated IM&P to the user in BroadWorks' };
    case 'malformed':
      return { status: 'warn', detail: `not checked: the Integrated IM&P ID "${x.value}" has no valid domain`, advice: 'correct the user\'s Integrated IM&P ID in BroadWorks' };
    case 'unknown':
      return x.refused === undefined
        ? { status: 'skip', detail: 'not needed: the user\'s profile has no Integrated IM&P ID, so the client does not connect to XMPP' }
        : { status: 'warn', detail: 'not checked: the Integrated IM&P part of the profile was refused, so the XMPP domain is unknown', advice: advice.xmppDomain() };
    case 'id':
      return undefined;
  }
}

async function licenseStep(portal: PortalClient, options: DoctorOptions, portalUrl: string, learned: Learned): Promise<{ check: DoctorCheck; features?: LicenseFeatures }> {
  const target = portalTarget(portalUrl).target;
  const profile = learned.login?.ok === true ? learned.login.profile : undefined;
  if (profile === undefined || !profile.ok) {
    const why = learned.login === undefined ? `the OCI login was not tried (${learned.notTried ?? 'no login'})` : !learned.login.ok ? 'the OCI login failed' : 'the user profile could not be read';
    return {
      check: {
        connection: 'license', rule: LICENSE_RULE, target, status: 'skip',
        detail: `not requested: it needs the user's profile, and ${why}; Kakapo IM&P and XMPP are checked as if licensed`,
        ...(learned.login === undefined ? { advice: WITH_LOGIN } : {}),
      },
    };
  }
  try {
    return await checkLicense(portal, { serverHost: options.serverHost, target, profile: profile.profile });
  } catch (error) {
    return { check: { connection: 'license', rule: LICENSE_RULE, target, status: 'warn', detail: `the license check could not run: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/**
 * Runs every check and returns the report (it never throws for a failed check).
 *
 * @example
 * const report = await runDoctor({ serverHost: 'ocs.example.com', resolver: createSystemResolver() });
 * for (const line of renderReportLines(report)) console.log(line);
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const portalUrl = options.portalUrl ?? DEFAULT_PORTAL;
  const now = options.now ?? (() => new Date());
  const portal = createPortalClient({
    url: portalUrl, resolver: options.resolver, ca: options.ca ?? [], keyRing: DEVELOPMENT_KEY_RING, keyId: DEVELOPMENT_KEY_ID,
    randomBytes: (n) => new Uint8Array(nodeRandomBytes(n)), timeoutMs: (options.connectTimeoutMs ?? 3000) + (options.tlsTimeoutMs ?? 3000),
  });
  const branding = await fetchConnectivity(options, portal, portalUrl);
  const password = options.loginId !== undefined && options.password !== undefined ? await options.password() : undefined;
  const learned = await loginStep(options, branding.connectivity, password);
  const license = await licenseStep(portal, options, portalUrl, learned);
  const release = options.release ?? learned.release;
  const profile = learned.login?.ok === true && learned.login.profile.ok ? learned.login.profile : undefined;
  const xmppId = profile?.xmpp.kind === 'id' ? profile.xmpp : undefined;
  const xmppDomain = options.xmppDomain ?? xmppId?.domain;
  const xmppUnknown = xmppUnknownOf(learned);
  const { rules, checks: planChecks } = connectionRules({
    serverHost: options.serverHost, portalUrl,
    ...(branding.connectivity ? { connectivity: branding.connectivity } : {}),
    ...(release !== undefined ? { release } : {}),
    ...(xmppDomain !== undefined ? { xmppDomain, xmppFromProfile: options.xmppDomain === undefined } : {}),
    ...(xmppUnknown !== undefined ? { xmppUnknown } : {}),
    ...(license.features !== undefined ? { license: license.features } : {}),
  });
  // The XMPP login uses the user's XMPP ID and the same password, as the client does.
  const xmppLogin: ProbeNet['xmppLogin'] =
    password === undefined
      ? { skip: 'no password given' }
      : xmppId === undefined || (options.xmppDomain !== undefined && options.xmppDomain.toLowerCase() !== xmppId.domain)
        ? { skip: 'the user\'s XMPP ID on this domain is not known from the profile' }
        : { jid: xmppId.jid, password };
  const net: ProbeNet = {
    resolver: options.resolver, ca: options.ca ?? [],
    connectTimeoutMs: options.connectTimeoutMs ?? 3000, tlsTimeoutMs: options.tlsTimeoutMs ?? 3000, tlsProbeTimeoutMs: options.tlsProbeTimeoutMs ?? 1500,
    ...(options.portMap ? { portMap: options.portMap } : {}),
    xmppLogin,
  };
  const probed = await Promise.all(rules.map(async (rule) => diagnose(rule, await probeRule(rule, net), now(), probedPort(rule, net))));
  const plan = planChecks.filter((c) => c.connection === 'plan');
  const checks = [branding.check, ...learned.checks, license.check, ...plan, ...probed.flat(), ...planChecks.filter((c) => c.connection !== 'plan')];
  return {
    serverHost: options.serverHost, portalUrl,
    ...(release !== undefined ? { release } : {}),
    checks, blocked: isBlocked(checks),
  };
}

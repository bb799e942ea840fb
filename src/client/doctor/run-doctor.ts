// doctor (issue 6; seed §5 as a tool): fetch branding when possible, plan the connections, probe
// each one in parallel, and judge the answers.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createPortalClient } from '../../adapters/portal/portal-client.ts';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../codecs/kakapo/cipher.ts';
import type { KakapoConnectivity } from '../../codecs/kakapo/types.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { advice } from './advice.ts';
import { connectionRules } from './connection-rules.ts';
import { loginForRelease } from './login-release.ts';
import { diagnose } from './diagnose.ts';
import { probeRule } from './probe-rule.ts';
import { isBlocked, type DoctorReport } from './render-report.ts';
import type { DoctorCheck } from './types.ts';

export interface DoctorOptions {
  serverHost: string;
  /** Default https://portal.unityclient.com (seed §1). */
  portalUrl?: string;
  loginId?: string;
  /** With loginId: log in over OCI to read the release and the XMPP domain. Used once, never kept. */
  password?: () => Promise<string>;
  release?: string;
  xmppDomain?: string;
  resolver: Resolver;
  ca?: string[];
  connectTimeoutMs?: number;
  tlsTimeoutMs?: number;
  tlsProbeTimeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_PORTAL = 'https://portal.unityclient.com';

async function fetchConnectivity(options: DoctorOptions, portalUrl: string): Promise<{ connectivity?: KakapoConnectivity; check: DoctorCheck }> {
  const url = new URL(portalUrl);
  const target = `${url.hostname}:${url.port === '' ? 443 : url.port}`;
  const portal = createPortalClient({
    url: portalUrl, resolver: options.resolver, ca: options.ca ?? [], keyRing: DEVELOPMENT_KEY_RING, keyId: DEVELOPMENT_KEY_ID,
    randomBytes: (n) => new Uint8Array(nodeRandomBytes(n)), timeoutMs: (options.connectTimeoutMs ?? 3000) + (options.tlsTimeoutMs ?? 3000),
  });
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
    ? advice.firewall({ id: 'portal', connection: 'portal', host: url.hostname, port: url.port === '' ? 443 : Number(url.port), mode: 'https', probePlainPortForTls: false, appliesTo: '', settings: {} })
    : 'check the server host (it identifies the system provider in the Kakapo portal, seed §1.1)';
  return {
    check: { connection: 'branding', rule, target, status: 'fail', detail: `${e.message} Seed §1 default ports are assumed below.`, advice: fix },
  };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const portalUrl = options.portalUrl ?? DEFAULT_PORTAL;
  const now = options.now ?? (() => new Date());
  const branding = await fetchConnectivity(options, portalUrl);
  const learned = await learnFromLogin(options, branding.connectivity);
  const release = options.release ?? learned.release;
  const xmppDomain = options.xmppDomain ?? learned.xmppDomain;
  const { rules, checks: planChecks } = connectionRules({
    serverHost: options.serverHost, portalUrl,
    ...(branding.connectivity ? { connectivity: branding.connectivity } : {}),
    ...(release !== undefined ? { release } : {}),
    ...(xmppDomain !== undefined ? { xmppDomain, xmppFromProfile: options.xmppDomain === undefined } : {}),
  });
  const net = {
    resolver: options.resolver, ca: options.ca ?? [],
    connectTimeoutMs: options.connectTimeoutMs ?? 3000, tlsTimeoutMs: options.tlsTimeoutMs ?? 3000, tlsProbeTimeoutMs: options.tlsProbeTimeoutMs ?? 1500,
  };
  const probed = await Promise.all(rules.map(async (rule) => diagnose(rule, await probeRule(rule, net), now())));
  const plan = planChecks.filter((c) => c.connection === 'plan');
  const checks = [branding.check, ...(learned.check ? [learned.check] : []), ...plan, ...probed.flat(), ...planChecks.filter((c) => c.connection !== 'plan')];
  return {
    serverHost: options.serverHost, portalUrl,
    ...(release !== undefined ? { release } : {}),
    checks, blocked: isBlocked(checks),
  };
}

/** seed §1.1: the OCI login tells the release and the user's XMPP id; a failure only widens the checks. */
async function learnFromLogin(options: DoctorOptions, connectivity: KakapoConnectivity | undefined): Promise<{ release?: string; xmppDomain?: string; check?: DoctorCheck }> {
  if (options.loginId === undefined || options.password === undefined || options.release !== undefined || connectivity === undefined) return {};
  const result = await loginForRelease({
    serverHost: options.serverHost, loginId: options.loginId, password: await options.password(), connectivity,
    resolver: options.resolver, ca: options.ca ?? [], timeoutMs: (options.connectTimeoutMs ?? 3000) + (options.tlsTimeoutMs ?? 3000),
  });
  const rule = 'OCI login (BroadWorks release)';
  if (!result.ok) {
    return { check: { connection: 'oci', rule, target: options.serverHost, status: 'warn', detail: `could not log in to read the release: ${result.message} Every release is checked.` } };
  }
  return {
    release: result.release,
    ...(result.xmppDomain ? { xmppDomain: result.xmppDomain } : {}),
    check: { connection: 'oci', rule, target: options.serverHost, status: 'ok', detail: `BroadWorks ${result.release}${result.xmppDomain ? `; XMPP domain ${result.xmppDomain}` : ''}` },
  };
}

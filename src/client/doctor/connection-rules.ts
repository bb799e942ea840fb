// Branding + plan → the outbound connections the client will need (seed §1 table, §1.1, §3, §4).
// Pure: no I/O. Without a release, both call-control variants are checked: OCI (CAP rides on it) and
// CTI, each saying which releases need it.
import type { KakapoConnectivity, LicenseFeatures } from '../../codecs/kakapo/types.ts';
import { selectProtocols } from '../../machines/protocol-selection/select-protocols.ts';
import { PROTOCOL_NOTE_WARNING } from '../../machines/protocol-selection/index.ts';
import type { Endpoint, ProtocolPlan } from '../../machines/protocol-selection/types.ts';
import type { ConnectionRule, DoctorCheck } from './types.ts';

export interface RulesInput {
  serverHost: string;
  portalUrl: string;
  /** The branding connectivity, or undefined when the portal could not be asked. */
  connectivity?: KakapoConnectivity;
  /** The BroadWorks release when known; otherwise R20, R21 and R22 are all considered. */
  release?: string;
  /** The domain of the user's XMPP id (seed §1.1), when known. */
  xmppDomain?: string;
  /** True when the XMPP domain was read from the profile, not asked for: the license decides. */
  xmppFromProfile?: boolean;
  /** Without an XMPP domain: why it is unknown and what would let the doctor check it. */
  xmppUnknown?: { status: 'skip' | 'warn'; detail: string; advice?: string };
  /** The license's features, when the portal gave a license: they decide whether IM&P and XMPP are needed. */
  license?: LicenseFeatures;
}

export interface RulesOutcome {
  rules: ConnectionRule[];
  /** Plan errors and warnings (portal settings), as report lines. */
  checks: DoctorCheck[];
}

/**
 * seed §1: defaults when the portal cannot be asked.
 *
 * @example
 * const connectivity = SEED_DEFAULT_CONNECTIVITY('ocs.example.com'); // OCI 2208, CTI 8011, …
 */
export const SEED_DEFAULT_CONNECTIVITY = (serverHost: string): KakapoConnectivity => ({
  voipServerPort: 2208,
  useCtiInsteadOfCap: false,
  cti: { port: 8011 },
  imp: { host: 'im.unityclient.com', port: 2208 },
  xsi: { baseUrl: `https://${serverHost}` },
  keepaliveSeconds: 300,
  callCenterStatsRefresh: { minSeconds: 30, maxSeconds: 60 },
});

const OCI_SETTINGS = {
  useTls: 'Use OCI protocol over TLS',
  plainPort: 'VoIP Server Port',
  tlsPort: 'OCI over TLS server port',
  certificateHost: 'OCI over TLS certificate host',
  securityProtocol: 'OCI over TLS security protocol',
};
const CTI_SETTINGS = {
  useTls: 'Use CTI protocol over TLS',
  plainPort: 'CTI Port',
  tlsPort: 'CTI over TLS server port',
  certificateHost: 'CTI over TLS certificate host',
  securityProtocol: 'CTI over TLS security protocol',
  host: 'CTI server host',
};

function endpointRule(
  connection: 'oci' | 'cti',
  endpoint: Endpoint,
  appliesTo: string,
): ConnectionRule {
  const tls = endpoint.tls;
  return {
    id: connection,
    connection,
    host: endpoint.host,
    port: endpoint.port,
    mode: tls === null ? 'plain' : 'tls',
    ...(tls !== null ? { tls: { servername: tls.servername, version: tls.version } } : {}),
    // seed §5.2: a TLS-only server on the port the branding calls plain stops start-up.
    probePlainPortForTls: tls === null,
    appliesTo,
    settings: connection === 'oci' ? OCI_SETTINGS : CTI_SETTINGS,
    // seed §1, §4.1, §4.2: 2208/2209 for OCI, 8011/8012 for CTI.
    usualPorts: connection === 'oci' ? { plain: 2208, tls: 2209 } : { plain: 8011, tls: 8012 },
  };
}

function planChecks(label: string, plan: ProtocolPlan): DoctorCheck[] {
  if (!plan.ok) {
    return [{ connection: 'plan', rule: `protocol plan (${label})`, target: '-', status: 'fail', detail: plan.message, advice: 'change the Kakapo portal settings named above' }];
  }
  return plan.notes
    .filter((n) => n.startsWith(PROTOCOL_NOTE_WARNING))
    .map((n) => ({ connection: 'plan' as const, rule: `portal settings (${label})`, target: '-', status: 'warn' as const, detail: n.slice(PROTOCOL_NOTE_WARNING.length).trim() }));
}

function portFromUrl(url: URL): number {
  return url.port === '' ? 443 : Number(url.port);
}

/**
 * @example
 * const outcome = connectionRules(input); // the outbound connections to probe, and the portal settings' own checks
 */
export function connectionRules(input: RulesInput): RulesOutcome {
  const connectivity = input.connectivity ?? SEED_DEFAULT_CONNECTIVITY(input.serverHost);
  const rules: ConnectionRule[] = [];
  const checks: DoctorCheck[] = [];

  // seed §1: Licensing & Branding over HTTPS (443).
  const portal = new URL(input.portalUrl);
  rules.push({
    id: 'portal', connection: 'portal', host: portal.hostname, port: portFromUrl(portal), mode: 'https',
    tls: { servername: portal.hostname }, probePlainPortForTls: false, appliesTo: 'every release (branding and license)', settings: {},
  });

  // seed §3: the release decides CAP or CTI; without it, plan R20 (CAP), R21 and R22 (CTI).
  const releases = input.release !== undefined ? [input.release] : ['20', '21', '22'];
  const plans = releases.map((release) => ({ release, plan: selectProtocols({ release, ociHost: input.serverHost, branding: connectivity }) }));
  const seen = new Set<string>();
  for (const { release, plan } of plans) {
    // Warnings about a release the server may not run (e.g. "CTI is ignored on R20") are noise: without
    // a known release, only R22's warnings are shown (the OCI ones are the same for every release).
    // The seed §1 defaults (no branding) are not portal settings: no warnings about them either.
    const hypothetical = (input.release === undefined && release !== '22') || input.connectivity === undefined;
    for (const c of planChecks(`R${release}`, plan)) {
      if (hypothetical && c.status === 'warn') continue;
      if (seen.has(c.detail)) continue;
      seen.add(c.detail);
      checks.push(c);
    }
  }

  const okPlans = plans.flatMap(({ release, plan }) => (plan.ok ? [{ release, plan }] : []));
  const ociPlan = okPlans[0]?.plan;
  if (ociPlan) {
    const capOnR21 = okPlans.some((p) => p.release === '21' && p.plan.callControl === 'CAP');
    rules.push(endpointRule('oci', ociPlan.oci,
      input.release !== undefined
        ? `R${input.release}${ociPlan.callControl === 'CAP' ? ' (OCI, and CAP on the same connection)' : ''}`
        : `every release (OCI; CAP rides on it on ${capOnR21 ? 'R21' : 'R20'} and below)`));
  }
  const ctiPlan = okPlans.find((p) => p.plan.callControl === 'CTI' && p.plan.cti !== undefined);
  if (ctiPlan?.plan.ok && ctiPlan.plan.cti) {
    const appliesTo = input.release !== undefined
      ? `R${input.release} (call control over CTI)`
      // seed §3.2, §3.3: CTI always from R22; on R21 only with "Use CTI instead of CAP protocol".
      : `R22 and later (always), ${connectivity.useCtiInsteadOfCap ? 'and R21 ("Use CTI instead of CAP protocol" is on)' : 'not R21 ("Use CTI instead of CAP protocol" is off)'}; never R20 and below`;
    rules.push(endpointRule('cti', ctiPlan.plan.cti, appliesTo));
  }

  // A plan that could not be made leaves a connection unchecked: say so, next to the plan's line.
  const failedPlans = plans.filter((p) => !p.plan.ok).map((p) => `R${p.release}`);
  if (failedPlans.length > 0) {
    const notChecked = (connection: 'oci' | 'cti', what: string): DoctorCheck => ({
      connection, rule: 'TCP reachability', target: '-', status: 'skip',
      detail: `not checked: the portal settings give no ${what} endpoint for ${failedPlans.join(', ')} (see the protocol plan line)`,
      advice: 'fix the portal settings the protocol plan line names, then run doctor again',
    });
    if (!rules.some((r) => r.id === 'oci')) checks.push(notChecked('oci', 'OCI'));
    // CTI is needed from R22 (and on R21 when asked for): unchecked when such a plan failed.
    const ctiReleases = plans.filter((p) => !p.plan.ok && (Number.parseInt(p.release, 10) >= 22 || (p.release.startsWith('21') && connectivity.useCtiInsteadOfCap)));
    if (!rules.some((r) => r.id === 'cti') && ctiReleases.length > 0) checks.push(notChecked('cti', 'CTI'));
  }

  // seed §1, §1.1: Kakapo IM&P on its own TCP port (2208 by default), when the license allows it.
  const license = input.license;
  const impTarget = `${connectivity.imp.host}:${connectivity.imp.port}`;
  if (license !== undefined && !license.imp) {
    checks.push({ connection: 'imp', rule: 'TCP reachability', target: impTarget, status: 'skip', detail: 'not needed: the user\'s license does not include Kakapo IM&P' });
  } else {
    rules.push({
      id: 'imp', connection: 'imp', host: connectivity.imp.host, port: connectivity.imp.port, mode: 'plain',
      probePlainPortForTls: false, appliesTo: license !== undefined ? 'this user (the license includes Kakapo IM&P)' : 'users licensed for Kakapo IM&P', settings: {},
    });
  }
  // seed §1.1: XMPP on 5222 of the domain of the user's XMPP id, STARTTLS then SASL (RFC 6120).
  const xmppTarget = `${input.xmppDomain ?? '<xmpp domain>'}:5222`;
  if (license !== undefined && !license.xmpp) {
    checks.push({ connection: 'xmpp', rule: 'XMPP', target: xmppTarget, status: 'skip', detail: 'not needed: the user\'s license does not include XMPP' });
  } else if (input.xmppDomain !== undefined) {
    rules.push({
      id: 'xmpp', connection: 'xmpp', host: input.xmppDomain, port: 5222, mode: 'xmpp',
      tls: { servername: input.xmppDomain }, probePlainPortForTls: false,
      appliesTo: license !== undefined ? 'this user (the license includes XMPP)' : 'users licensed for XMPP with Integrated IM&P', settings: {},
      ...(input.xmppFromProfile && license === undefined ? { optional: 'needed only when the license allows XMPP' } : {}),
    });
  } else {
    const unknown = input.xmppUnknown ?? {
      status: 'skip' as const,
      detail: 'not checked: the XMPP domain comes from the user\'s Integrated IM&P ID, read after login',
      advice: 'pass --login ID --password-stdin, or --xmpp-domain DOMAIN',
    };
    // Licensed for XMPP but nothing to check: the client will not reach XMPP either.
    const licensed = license?.xmpp === true;
    checks.push({
      connection: 'xmpp', rule: 'XMPP', target: xmppTarget, status: licensed ? 'warn' : unknown.status,
      detail: licensed ? `the license includes XMPP, but ${unknown.detail.replace(/^not (checked|needed): /, '')}` : unknown.detail,
      ...(unknown.advice !== undefined ? { advice: unknown.advice } : {}),
    });
  }
  // seed §1: XSI over HTTPS; kakapo.md: absent base URL → https://{ociHost}.
  const xsi = new URL(connectivity.xsi?.baseUrl ?? `https://${input.serverHost}`);
  rules.push({
    id: 'xsi', connection: 'xsi', host: xsi.hostname, port: portFromUrl(xsi), mode: 'https',
    tls: { servername: xsi.hostname }, probePlainPortForTls: false,
    appliesTo: 'voicemail, call recording and call-center reports', settings: {},
  });
  return { rules, checks };
}

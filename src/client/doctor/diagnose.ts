// Probe results → report lines (pure). One rule gives: TCP reachability, then the TLS handshake and
// the certificate's validity (TLS rules), or the TLS-only-port check (plain OCI/CTI, seed §5.2).
import { advice } from './advice.ts';
import type { ConnectionRule, DoctorCheck, ProbeResult } from './types.ts';

/** Issue 6: warn when the certificate expires within this many days. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

const HANDSHAKE_VERSION_KINDS = new Set(['tls-version', 'tls-handshake-closed', 'tls-alert']);

/**
 * The report lines of one rule's probe (pure).
 *
 * @example
 * diagnose(rule, { tcp: { ok: true } }, new Date()); // [{ rule: 'TCP reachability', status: 'ok', … }]
 */
export function diagnose(rule: ConnectionRule, probe: ProbeResult, now: Date, probedPort = rule.port): DoctorCheck[] {
  const checks = judge(rule, probe, now, probedPort);
  if (rule.optional === undefined) return checks;
  // Not known to be needed: what would block it is a warning, not a blocked client.
  return checks.map((c) => (c.status === 'fail' ? { ...c, status: 'warn', detail: `${c.detail} (${rule.optional})` } : c));
}

function judge(rule: ConnectionRule, probe: ProbeResult, now: Date, probedPort: number): DoctorCheck[] {
  const target = `${rule.host}:${probedPort}`;
  const base = { connection: rule.connection, target, appliesTo: rule.appliesTo };
  const checks: DoctorCheck[] = [];

  if (probe.error !== undefined) {
    return [{ ...base, rule: 'check', status: 'warn', detail: `the check could not run to its end: ${probe.error}`, advice: 'run doctor again; if it happens again, send this report to the client\'s support' }];
  }

  if (!probe.tcp.ok) {
    const f = probe.tcp.failure;
    checks.push({
      ...base, rule: 'TCP reachability', status: 'fail', detail: f.message,
      advice: f.kind === 'dns' ? advice.dns(rule) : f.kind === 'refused' ? advice.refused(rule) : advice.firewall(rule),
    });
    return checks;
  }
  checks.push({ ...base, rule: 'TCP reachability', status: 'ok', detail: 'reachable' });

  if (rule.mode === 'xmpp') return [...checks, ...judgeXmpp(rule, probe, base)];

  if (rule.mode === 'plain') {
    if (probe.plainPortSpeaksTls === undefined) return checks;
    checks.push(
      probe.plainPortSpeaksTls
        ? {
            ...base, rule: 'plain client on a TLS-only port', status: 'fail',
            detail:
              `${target} answers a TLS handshake${probe.plainPortTlsVersion ? ` (${probe.plainPortTlsVersion})` : ''}: it is a TLS port, ` +
              `so the client's plain connection fails and start-up stops`,
            advice: advice.tlsOnlyPort(rule, probe.plainPortTlsVersion),
          }
        : { ...base, rule: 'plain client on a TLS-only port', status: 'ok', detail: 'the port does not answer TLS: a plain port, as configured' },
    );
    return checks;
  }

  const tls = probe.tls;
  if (tls === undefined) return checks;
  const name = rule.tls?.servername ?? rule.host;
  const handshakeRule = `TLS handshake (${rule.tls?.version ?? 'any version'}, certificate name ${name})`;
  if (!tls.ok) {
    const f = tls.failure;
    let fix: string;
    let detail = f.message;
    if (f.kind === 'tls-certificate-name') {
      const names = tls.certificate?.names ?? [];
      detail = `the certificate of ${target} names ${names.length > 0 ? names.join(', ') : 'other hosts'}, not "${name}"`;
      fix = advice.certificateHost(rule, names);
    } else if (f.kind === 'tls-certificate-untrusted') fix = advice.untrusted();
    else if (f.kind === 'tls-certificate-expired') fix = advice.renew();
    else if (HANDSHAKE_VERSION_KINDS.has(f.kind) && (tls.acceptedVersions?.length ?? 0) > 0) {
      detail = `the server refuses ${rule.tls?.version ?? 'this TLS version'}; it accepts ${tls.acceptedVersions!.join(', ')}`;
      fix = advice.securityProtocol(rule, tls.acceptedVersions!);
    } else if (f.cause === 'ERR_SSL_WRONG_VERSION_NUMBER' || f.kind === 'timeout') {
      // A plain server answers a ClientHello in plain text, or not at all.
      detail = `${target} does not answer TLS: it is probably a plain port (${f.message})`;
      fix = advice.plainPortForTls(rule);
    } else if (HANDSHAKE_VERSION_KINDS.has(f.kind)) fix = advice.securityProtocol(rule, []);
    else fix = advice.firewall(rule);
    checks.push({ ...base, rule: handshakeRule, status: 'fail', detail, advice: fix });
    return checks;
  }
  checks.push({ ...base, rule: handshakeRule, status: 'ok', detail: `secured with ${tls.version}` });

  const cert = tls.certificate;
  if (cert === undefined) {
    checks.push({
      ...base, rule: 'certificate expiry', status: 'skip',
      detail: 'not checked: the certificate could not be read again after the handshake (the handshake above verified it is valid today)',
      advice: 'run doctor again to see how long the certificate is valid',
    });
  } else {
    const expires = Date.parse(cert.validTo);
    const days = Math.floor((expires - now.getTime()) / DAY_MS);
    const soon = Number.isFinite(expires) && days < EXPIRY_WARNING_DAYS;
    checks.push({
      ...base, rule: 'certificate expiry', status: soon ? 'warn' : 'ok',
      detail: Number.isFinite(expires) ? `valid until ${new Date(expires).toISOString()} (${days} days)` : `unreadable expiry date "${cert.validTo}"`,
      ...(soon ? { advice: advice.renewSoon() } : {}),
    });
  }
  return checks;
}

/** STARTTLS (RFC 6120 §5), the SASL offer (RFC 6120 §6) and, with a password, the login. */
function judgeXmpp(rule: ConnectionRule, probe: ProbeResult, base: Pick<DoctorCheck, 'connection' | 'target' | 'appliesTo'>): DoctorCheck[] {
  const xmpp = probe.xmpp;
  const domain = rule.host;
  if (xmpp === undefined) return [];
  if (xmpp.stage === 'stream') {
    return [{ ...base, rule: 'XMPP stream', status: 'fail', detail: `${base.target} does not speak XMPP as a client server should: ${xmpp.message}`, advice: `check that ${domain}'s XMPP server listens there for clients (port 5222)` }];
  }
  const startTlsRule = `STARTTLS (certificate name ${domain})`;
  if (xmpp.stage === 'starttls') {
    const f = xmpp.failure;
    const fix = f === undefined ? advice.xmppStartTls(domain) : f.kind === 'tls-certificate-name' ? advice.xmppCertificate(domain) : f.kind === 'tls-certificate-untrusted' ? advice.untrusted() : f.kind === 'tls-certificate-expired' ? advice.renew() : advice.xmppStartTls(domain);
    return [{ ...base, rule: startTlsRule, status: 'fail', detail: xmpp.message, advice: fix }];
  }
  const checks: DoctorCheck[] = [
    { ...base, rule: startTlsRule, status: 'ok', detail: `secured with ${xmpp.version}` },
    {
      // The certificate came inside the XMPP stream; the TLS effect verified it but keeps no copy.
      ...base, rule: 'certificate expiry', status: 'skip',
      detail: 'not checked over STARTTLS: the handshake above verified the certificate is valid today, but its end date is not read there',
    },
  ];
  const offered = `offers ${xmpp.mechanisms.join(', ') || 'no mechanism'}${xmpp.channelBindings !== null ? ` (channel bindings: ${xmpp.channelBindings.join(', ') || 'none'})` : ''}`;
  if (xmpp.choice === null) {
    checks.push({ ...base, rule: 'SASL mechanisms', status: 'fail', detail: `${offered}: none the client can use`, advice: advice.xmppMechanisms() });
    return checks;
  }
  checks.push({ ...base, rule: 'SASL mechanisms', status: 'ok', detail: `${offered}; the client uses ${xmpp.choice}` });
  if ('skipped' in xmpp.login) {
    checks.push({ ...base, rule: 'XMPP login', status: 'skip', detail: `not tried: ${xmpp.login.skipped}`, advice: 'pass --login ID --password-stdin to try the login as the client would' });
  } else if (xmpp.login.ok) {
    checks.push({ ...base, rule: 'XMPP login', status: 'ok', detail: `logged in with ${xmpp.login.used}` });
  } else {
    checks.push({ ...base, rule: 'XMPP login', status: xmpp.login.code === 'auth-temporary-failure' ? 'warn' : 'fail', detail: xmpp.login.message });
  }
  return checks;
}

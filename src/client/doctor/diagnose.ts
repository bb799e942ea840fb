// Probe results → report lines (pure). One rule gives: TCP reachability, then the TLS handshake and
// the certificate's validity (TLS rules), or the TLS-only-port check (plain OCI/CTI, seed §5.2).
import { advice } from './advice.ts';
import type { ConnectionRule, DoctorCheck, ProbeResult } from './types.ts';

/** Issue 6: warn when the certificate expires within this many days. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

const HANDSHAKE_VERSION_KINDS = new Set(['tls-version', 'tls-handshake-closed', 'tls-alert']);

export function diagnose(rule: ConnectionRule, probe: ProbeResult, now: Date): DoctorCheck[] {
  const checks = judge(rule, probe, now);
  if (rule.optional === undefined) return checks;
  // Not known to be needed: what would block it is a warning, not a blocked client.
  return checks.map((c) => (c.status === 'fail' ? { ...c, status: 'warn', detail: `${c.detail} (${rule.optional})` } : c));
}

function judge(rule: ConnectionRule, probe: ProbeResult, now: Date): DoctorCheck[] {
  const target = `${rule.host}:${rule.port}`;
  const base = { connection: rule.connection, target, appliesTo: rule.appliesTo };
  const checks: DoctorCheck[] = [];

  if (!probe.tcp.ok) {
    const f = probe.tcp.failure;
    checks.push({
      ...base, rule: 'TCP reachability', status: 'fail', detail: f.message,
      advice: f.kind === 'dns' ? advice.dns(rule) : f.kind === 'refused' ? advice.refused(rule) : advice.firewall(rule),
    });
    return checks;
  }
  checks.push({ ...base, rule: 'TCP reachability', status: 'ok', detail: 'reachable' });

  if (rule.mode === 'plain') {
    if (probe.plainPortSpeaksTls === undefined) return checks;
    checks.push(
      probe.plainPortSpeaksTls
        ? {
            ...base, rule: 'plain client on a TLS-only port', status: 'fail',
            detail:
              `${target} answers a TLS handshake${probe.plainPortTlsVersion ? ` (${probe.plainPortTlsVersion})` : ''}: it is a TLS port, ` +
              `so the client's plain connection fails and start-up stops (seed §5.2)`,
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
  if (cert !== undefined) {
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

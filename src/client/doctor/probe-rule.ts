// The network half of the doctor: for one rule, TCP reachability, then the TLS handshake the client
// will make (pinned version, configured name), or — on a plain OCI/CTI port — whether the port
// speaks TLS only (seed §5.2). All I/O goes through the effects the client itself uses.
import { firstValueFrom } from 'rxjs';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { isNetFailure, type NetFailure } from '../../effects/net-failure.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { connectTcp } from '../../effects/tcp-connect.ts';
import { upgradeTls } from '../../effects/tls-upgrade.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import { readPeerCertificate } from './read-certificate.ts';
import type { ConnectionRule, ProbeResult, ProbeTls } from './types.ts';
import { probeXmpp } from './xmpp-probe.ts';

export interface ProbeNet {
  resolver: Resolver;
  ca: string[];
  connectTimeoutMs: number;
  tlsTimeoutMs: number;
  /** A TLS server answers a ClientHello at once; a plain server stays silent (default 1.5 s). */
  tlsProbeTimeoutMs: number;
  /** `host:port` → the port actually used (the lab's simulators on ephemeral ports), as the client's. */
  portMap?: Record<string, number>;
  /** XMPP: the user's XMPP id and password, to log in as the client would (used once, never kept), or why not. */
  xmppLogin?: { jid: string; password: string } | { skip: string };
}

/**
 * The port probed for a rule: the rule's, unless the port map sends it elsewhere.
 *
 * @example
 * probedPort({ host: 'xmpp.lab.test', port: 5222 }, { portMap: { 'xmpp.lab.test:5222': 40123 } }); // 40123
 */
export function probedPort(rule: { host: string; port: number }, net: Pick<ProbeNet, 'portMap'>): number {
  return net.portMap?.[`${rule.host.toLowerCase()}:${rule.port}`] ?? rule.port;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; failure: NetFailure };

async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isNetFailure(error)) return { ok: false, failure: error };
    throw error;
  }
}

const connect = (rule: { host: string; port: number }, net: ProbeNet): Promise<ByteSocket> =>
  firstValueFrom(connectTcp({ host: rule.host, port: probedPort(rule, net), resolver: net.resolver, timeoutMs: net.connectTimeoutMs }));

type Handshake = { ok: true; value: string } | { ok: false; stage: 'tcp' | 'tls'; failure: NetFailure };

async function handshake(rule: ConnectionRule, net: ProbeNet, servername: string, version: TlsVersion | undefined, timeoutMs: number): Promise<Handshake> {
  const tcp = await attempt(() => connect(rule, net));
  if (!tcp.ok) return { ...tcp, stage: 'tcp' };
  const tls = await attempt(async () => {
    const secure = await firstValueFrom(upgradeTls(tcp.value, { servername, ca: net.ca, timeoutMs, ...(version ? { version } : {}) }));
    secure.destroy();
    return secure.info.tls?.version ?? 'unknown';
  });
  return tls.ok ? tls : { ...tls, stage: 'tls' };
}

// The versions a client may pin (RFC 8996: TLS 1.0/1.1 are refused by this client anyway).
const PROBED_VERSIONS: TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];
const VERSION_TROUBLE = new Set(['tls-version', 'tls-handshake-closed', 'tls-alert']);
const CERTIFICATE_KINDS = new Set(['tls-certificate-name', 'tls-certificate-untrusted', 'tls-certificate-expired']);

async function probeTls(rule: ConnectionRule, net: ProbeNet): Promise<ProbeResult> {
  const servername = rule.tls?.servername ?? rule.host;
  const version = rule.tls?.version;
  const result = await handshake(rule, net, servername, version, net.tlsTimeoutMs);
  const certOptions = { host: rule.host, port: probedPort(rule, net), servername, ca: net.ca, resolver: net.resolver, timeoutMs: net.tlsTimeoutMs };
  if (result.ok) {
    const certificate = await readPeerCertificate({ ...certOptions, ...(version ? { version } : {}) });
    return { tcp: { ok: true }, tls: { ok: true, version: result.value, ...(certificate ? { certificate } : {}) } };
  }
  const failure = result.failure;
  if (result.stage === 'tcp') return { tcp: { ok: false, failure } };
  const failed = (extra: Partial<ProbeTls> = {}): ProbeResult => ({ tcp: { ok: true }, tls: { ok: false, failure, ...extra } as ProbeTls });
  if (failure.kind === 'tls-certificate-name') {
    const certificate = await readPeerCertificate(certOptions);
    return failed(certificate ? { certificate } : {});
  }
  // seed §4.1: the version is pinned; find which ones the server does accept, to name the fix.
  if (version !== undefined && VERSION_TROUBLE.has(failure.kind)) {
    const accepted: TlsVersion[] = [];
    for (const other of PROBED_VERSIONS.filter((v) => v !== version)) {
      const tried = await handshake(rule, net, servername, other, net.tlsProbeTimeoutMs);
      if (tried.ok || CERTIFICATE_KINDS.has(tried.failure.kind)) accepted.push(other);
    }
    return failed({ acceptedVersions: accepted });
  }
  return failed();
}

/** Whether a TLS handshake on the port gets as far as the server's certificate, and its version. */
async function speaksTls(rule: ConnectionRule, net: ProbeNet): Promise<Pick<ProbeResult, 'plainPortSpeaksTls' | 'plainPortTlsVersion'>> {
  const tried = await handshake(rule, net, rule.host, undefined, net.tlsProbeTimeoutMs);
  if (tried.ok) return { plainPortSpeaksTls: true, plainPortTlsVersion: tried.value };
  return { plainPortSpeaksTls: CERTIFICATE_KINDS.has(tried.failure.kind) };
}

/** RFC 6120: TCP, then the client's own XMPP engine for STARTTLS, the SASL offer and the login. */
async function probeXmppRule(rule: ConnectionRule, net: ProbeNet): Promise<ProbeResult> {
  const tcp = await attempt(() => connect(rule, net));
  if (!tcp.ok) return { tcp };
  const xmpp = await probeXmpp({
    socket: tcp.value,
    domain: rule.host,
    ca: net.ca,
    timeoutMs: net.tlsTimeoutMs,
    login: net.xmppLogin ?? { skip: 'no password given' },
  });
  return { tcp: { ok: true }, xmpp };
}

/**
 * Probes one rule. Never rejects: a check that breaks for a reason of its own comes back as
 * `error`, so its line says so instead of the report losing it.
 *
 * @example
 * const probe = await probeRule(rule, { resolver, ca: [], connectTimeoutMs: 3000, tlsTimeoutMs: 3000, tlsProbeTimeoutMs: 1500 });
 */
export async function probeRule(rule: ConnectionRule, net: ProbeNet): Promise<ProbeResult> {
  try {
    return await probeRuleOnce(rule, net);
  } catch (error) {
    return { tcp: { ok: true }, error: error instanceof Error ? error.message : String(error) };
  }
}

async function probeRuleOnce(rule: ConnectionRule, net: ProbeNet): Promise<ProbeResult> {
  if (rule.mode === 'xmpp') return probeXmppRule(rule, net);
  if (rule.mode !== 'plain') return probeTls(rule, net);
  const tcp = await attempt(() => connect(rule, net));
  if (!tcp.ok) return { tcp };
  tcp.value.destroy();
  if (!rule.probePlainPortForTls) return { tcp: { ok: true } };
  return { tcp: { ok: true }, ...(await speaksTls(rule, net)) };
}

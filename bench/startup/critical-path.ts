// The critical-path bound of a start-up: the round trips that must happen one after another in the
// seed's order (§1.1), counted per step from what this run actually negotiated. The bound is this
// count × the measured round-trip latency; it ignores all computing (crypto, parsing, servers), so
// a real client is always above it. Steps carry the start-up machine's state names, so the bench can
// set the time spent in each state beside that state's share of the bound.
//
// Counting rules:
// - a new TCP connection costs 1 RTT before its first byte (SYN / SYN-ACK);
// - a TLS handshake costs 2 RTT in TLS 1.2 (full handshake, no False Start) and 1 RTT in TLS 1.3;
// - each request whose answer the next step needs costs 1 RTT.
export type TlsVersionName = string | null;

export interface PathStep {
  /** The start-up machine's state the step runs in (branding, oci, profile, cti/cap, license, messaging). */
  state: string;
  rtts: number;
  why: string;
}

export interface NegotiatedStartup {
  /** Negotiated by the portal's HTTPS connection. */
  portalTls: TlsVersionName;
  release: string;
  oci: { tls: TlsVersionName };
  callControl: 'CTI' | 'CAP';
  cti?: { tls: TlsVersionName };
  /** Present when the license allowed it and start-up opened it. */
  imp?: { tls: TlsVersionName };
  xmpp?: { tls: TlsVersionName };
}

export const tlsRtts = (version: TlsVersionName): number => (version === null ? 0 : version === 'TLSv1.3' ? 1 : 2);

const connectRtts = (tls: TlsVersionName): number => 1 + tlsRtts(tls);

const tlsNote = (tls: TlsVersionName): string => (tls === null ? 'plain' : tls);

/**
 * XMPP to online (xmpp.md, RFC 6120 order): TCP, stream, STARTTLS, TLS, stream, SCRAM (2 exchanges),
 * stream, bind; with `acks`, XEP-0198 enable too. Presence is written without waiting.
 */
export function xmppOnlineRtts(tls: TlsVersionName, options: { acks?: boolean } = {}): number {
  return 1 + 1 + 1 + tlsRtts(tls) + 1 + 2 + 1 + 1 + (options.acks === true ? 1 : 0);
}

export function criticalPath(run: NegotiatedStartup): PathStep[] {
  const major = Number.parseInt(run.release, 10);
  // oci-p.md §5.2 project rule: the single-stage LoginRequest22V5 only over TLS on R22+; else §5.1's two stages.
  const singleStage = run.oci.tls !== null && major >= 22;
  const steps: PathStep[] = [
    // seed §1.1: "Unity will first fetch branding details" — one SOAP POST on a new HTTPS connection.
    { state: 'branding', rtts: connectRtts(run.portalTls) + 1, why: `TCP + ${tlsNote(run.portalTls)} + GetBranding` },
    // seed §1.1: "connect to the Broadworks OCI server ... and attempt to authenticate".
    {
      state: 'oci',
      rtts: connectRtts(run.oci.tls) + (singleStage ? 1 : 2),
      why: `TCP + ${tlsNote(run.oci.tls)} + ${singleStage ? 'LoginRequest22V5' : 'AuthenticationRequest + LoginRequest14sp4'}`,
    },
    // seed §1.1: "Broadworks will return the version ... as well as the user profile"; the
    // UserGetRequest version follows from the release (oci-p.md §8, §9), so the two are sequential.
    { state: 'profile', rtts: 2, why: 'SystemSoftwareVersionGetRequest, then UserGetRequest<v> (+ IMP ID in the same document)' },
  ];
  if (run.callControl === 'CTI') {
    const tls = run.cti?.tls ?? null;
    // seed §1.1: "Unity will connect to the CTI server at this point"; cti-xsi.md §2.4: the
    // AddChannelRequest's answer is the authentication, the user's subscription follows it.
    steps.push({ state: 'cti', rtts: connectRtts(tls) + 2, why: `TCP + ${tlsNote(tls)} + AddChannel + subscription` });
  } else {
    // seed §2.2: CAP registers on the OCI connection.
    steps.push({ state: 'cap', rtts: 1, why: 'CAP registration on the OCI connection' });
  }
  // seed §1.1: "Once successfully connected to Broadworks, Unity will send a license request";
  // issue 5 asks for HTTPS connection reuse, so the bound reuses the branding's connection.
  steps.push({ state: 'license', rtts: 1, why: 'RequestLicense on the portal connection, reused' });
  // seed §1.1: IM&P "at this point", XMPP "also": the two run in parallel, the longer one counts.
  const branches: { rtts: number; why: string }[] = [];
  if (run.imp) branches.push({ rtts: connectRtts(run.imp.tls) + 1, why: `IM&P: TCP + ${tlsNote(run.imp.tls)} + REGISTER` });
  if (run.xmpp) branches.push({ rtts: xmppOnlineRtts(run.xmpp.tls), why: `XMPP: TCP + stream/STARTTLS/${tlsNote(run.xmpp.tls)}/SCRAM/bind` });
  const longest = branches.reduce((a, b) => (b.rtts > a.rtts ? b : a), { rtts: 0, why: 'none licensed' });
  steps.push({ state: 'messaging', rtts: longest.rtts, why: branches.length > 1 ? `max(${branches.map((b) => b.why).join(' | ')})` : longest.why });
  return steps;
}

// The scenario catalogue (issue 4, "Scenarios"): every name the issue lists, plus release-hidden.
// Each scenario is the default (r22-cti) with the differences that make its point.
import { LAB_HOSTS } from '../net/hosts.ts';
import { withMonitoredUsers } from './monitored-users.ts';
import type { LabScenario } from './types.ts';
import { LAB_CALL_CENTER, labUsers } from './users.ts';

const ociPlain = { service: 'oci', endpoint: 'plain' } as const;
const ociTlsPort = { service: 'oci', endpoint: 'tls' } as const;
const ctiPlain = { service: 'cti', endpoint: 'plain' } as const;
const ctiTlsPort = { service: 'cti', endpoint: 'tls' } as const;

function base(name: string, description: string): LabScenario {
  return {
    name,
    description,
    release: '22.0',
    oci: {
      tlsMode: 'plain',
      tls: { certificate: { kind: 'valid', dnsNames: [LAB_HOSTS.oci] } },
      userMayReadRelease: true,
      cleartextLogin: 'tls-only',
      capServerStatusReply: false,
      declarationNewline: false,
    },
    cti: { mode: 'plain', host: LAB_HOSTS.cti, tls: { certificate: { kind: 'valid', dnsNames: [LAB_HOSTS.cti] } } },
    portal: {
      systemProviderId: 'lab-system',
      serverHosts: [LAB_HOSTS.oci],
      dataProtection: false,
      connectivity: {
        voipServerPort: ociPlain,
        // seed §4.1: the OCI-over-TLS port is set at the system provider, TLS itself stays off.
        ociTls: { enabled: false, port: ociTlsPort, securityProtocol: 'TLSv1.2' },
        useCtiInsteadOfCap: false,
        cti: { host: LAB_HOSTS.cti, port: ctiPlain, tls: { enabled: false, port: ctiTlsPort, securityProtocol: 'TLSv1.2' } },
        imp: { host: LAB_HOSTS.imp, port: { service: 'imp', endpoint: 'plain' } },
        xsi: { host: LAB_HOSTS.xsi, port: { service: 'xsi', endpoint: 'tls' } },
        keepaliveSeconds: 300,
        callCenterStatsRefresh: { minSeconds: 30, maxSeconds: 60 },
      },
      policy: { callDetailsAvailable: true, enterpriseViewAvailable: true },
    },
    imp: { tls: false, legacyRegistration: false },
    xsi: { tls: { certificate: { kind: 'valid', dnsNames: [LAB_HOSTS.xsi] } } },
    clientType: 'Desktop',
    users: labUsers(),
    callCenters: [{ ...LAB_CALL_CENTER }],
    license: { status: 'Licensed', features: { imp: true, xmpp: false, callCenter: true, reception: false } },
    requires: [],
    faults: [],
  };
}

function scenario(name: string, description: string, change: (s: LabScenario) => void = () => undefined): LabScenario {
  const s = base(name, description);
  change(s);
  return s;
}

const withoutImpService = (s: LabScenario): void => {
  s.users = labUsers({ services: ['Client Call Control', 'Call Recording', 'Voice Messaging User'] });
};

export const LAB_SCENARIOS: readonly LabScenario[] = [
  // Release texts in the forms BroadWorks writes them (oci-p.md §8): `17.sp4`, `20.sp1`,
  // `21.sp1_1.551` (with the build), `22.0`, `24`.
  scenario('r17-cap', 'BroadWorks R17 (17sp4): OCI in plain TCP, call control over CAP on the OCI connection', (s) => {
    s.release = '17.sp4';
    withoutImpService(s); // 17sp4 profiles carry no impId (oci-p.md §9)
  }),
  scenario('r20-cap', 'BroadWorks R20: CAP even though the portal asks for CTI', (s) => {
    s.release = '20.sp1';
    s.portal.connectivity.useCtiInsteadOfCap = true;
  }),
  scenario('r21-cap', 'BroadWorks R21 with "Use CTI instead of CAP" off: CAP on the OCI connection', (s) => {
    s.release = '21.sp1';
  }),
  scenario('r21-cti', 'BroadWorks R21 with "Use CTI instead of CAP" on: CTI in plain TCP; users in an enterprise; the OCS writes its release with the build and a newline after the XML declaration', (s) => {
    s.release = '21.sp1_1.551';
    s.oci.declarationNewline = true;
    s.portal.connectivity.useCtiInsteadOfCap = true;
    s.users = labUsers({ enterprise: true });
  }),
  scenario('r22-cti', 'BroadWorks R22 (the default): OCI and CTI in plain TCP, Kakapo IM&P licensed'),
  scenario('r24-cti-tls', 'BroadWorks R24: OCI and CTI over TLS 1.2, certificates issued for the certificate hosts set in the portal', (s) => {
    s.release = '24';
    s.oci.declarationNewline = true;
    s.oci.tlsMode = 'tls';
    s.oci.tls = { certificate: { kind: 'valid', dnsNames: ['ocs-tls.lab.test'] }, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' };
    s.cti.mode = 'tls';
    s.cti.tls = { certificate: { kind: 'valid', dnsNames: ['cti-tls.lab.test'] }, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' };
    s.portal.connectivity.ociTls = { enabled: true, port: ociTlsPort, certificateHost: 'ocs-tls.lab.test', securityProtocol: 'TLSv1.2' };
    s.portal.connectivity.cti.tls = { enabled: true, port: ctiTlsPort, certificateHost: 'cti-tls.lab.test', securityProtocol: 'TLSv1.2' };
  }),
  scenario('cti-host-fallback', 'R22 with no CTI host in the branding: the CTI server answers on the OCI host', (s) => {
    delete s.portal.connectivity.cti.host;
    s.cti.host = LAB_HOSTS.oci;
    s.cti.tls = { certificate: { kind: 'valid', dnsNames: [LAB_HOSTS.oci] } };
  }),
  scenario('new-user', 'R22; the portal knows the system provider (by server host) but not the user: branding at provider level', (s) => {
    for (const u of s.users) if (u.loginId.startsWith('ann@')) u.knownToPortal = false;
  }),
  scenario('oci-tls-only-plain', 'The OCI server speaks only TLS, on the port the portal gives as the plain VoIP port, and OCI TLS is off: the client cannot connect and stops at once', (s) => {
    s.oci.tlsMode = 'tls-only-on-plain-port';
    s.portal.connectivity.voipServerPort = ociTlsPort;
    s.portal.connectivity.ociTls = { enabled: false };
  }),
  scenario('tls-version-mismatch', 'OCI over TLS on; the server accepts only TLS 1.3 while the portal pins TLS 1.2: the handshake fails', (s) => {
    s.oci.tlsMode = 'tls';
    s.oci.tls = { certificate: { kind: 'valid', dnsNames: [LAB_HOSTS.oci] }, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' };
    s.portal.connectivity.ociTls = { enabled: true, port: ociTlsPort, securityProtocol: 'TLSv1.2' };
  }),
  scenario('cert-host-mismatch', 'OCI over TLS on with no certificate host set; the server certificate names another host: verification fails', (s) => {
    s.oci.tlsMode = 'tls';
    s.oci.tls = { certificate: { kind: 'wrong-host', dnsNames: ['voip.other.test'] } };
    s.portal.connectivity.ociTls = { enabled: true, port: ociTlsPort, securityProtocol: 'TLSv1.2' };
  }),
  scenario('cti-unreachable', 'R22 and nothing listens on the CTI port: startup stops and notifies', (s) => {
    s.cti.mode = 'unreachable';
  }),
  scenario('cap-service-missing', 'R20 and the user lacks Client Call Control: CAP registration is refused, the client alerts and stops', (s) => {
    s.release = '20.sp1';
    s.users = labUsers({ services: ['Call Recording', 'Voice Messaging User', 'Integrated IM&P'] });
  }),
  scenario('license-expired', 'R22; the portal answers the license request with status Expired', (s) => {
    s.license = { status: 'Expired', features: { imp: false, xmpp: false, callCenter: false, reception: false } };
  }),
  scenario('imp-only', 'R22; the license allows Kakapo IM&P and not XMPP (no Integrated IM&P service)', (s) => {
    withoutImpService(s);
    s.license = { status: 'Licensed', features: { imp: true, xmpp: false, callCenter: true, reception: false } };
  }),
  scenario('xmpp', 'R22; the license allows XMPP, users have Integrated IM&P ids on xmpp.lab.test; needs Prosody installed', (s) => {
    s.license = { status: 'Licensed', features: { imp: false, xmpp: true, callCenter: true, reception: false } };
    s.requires = ['prosody'];
  }),
  scenario('wallboard', 'R22; a Wallboard client: the license is keyed by MAC address and computer name; data protection on', (s) => {
    s.clientType = 'Wallboard';
    s.portal.dataProtection = true;
    s.license = { status: 'Licensed', features: { imp: false, xmpp: false, callCenter: true, reception: false } };
  }),
  scenario('legacy-imp', 'R22; the Kakapo IM&P server accepts REGISTER without an impToken', (s) => {
    s.imp.legacyRegistration = true;
  }),
  scenario('release-hidden', 'R22 where a user-level login may not run SystemSoftwareVersionGetRequest: the client must probe the release', (s) => {
    s.oci.userMayReadRelease = false;
  }),
  // Reception scale: r22-cti with ann's Busy Lamp Field list grown to 1,000 users of her group.
  {
    ...withMonitoredUsers(base('reception-1000', ''), 1_000),
    description: 'R22 (the default) at reception scale: 1,000 users in the group of ann@lab.test, all on her Busy Lamp Field list',
  },
];

export const DEFAULT_SCENARIO = 'r22-cti';

/**
 * @example
 * try { getScenario('nope'); } catch (e) { if (e instanceof UnknownScenarioError) console.error(e.message); }
 */
export class UnknownScenarioError extends Error {
  readonly code = 'LAB_UNKNOWN_SCENARIO';
  constructor(name: string) {
    super(`unknown lab scenario '${name}'; known: ${LAB_SCENARIOS.map((s) => s.name).join(', ')}`);
  }
}

/**
 * A fresh copy of the named scenario (callers may change it).
 *
 * @example
 * getScenario('r21-cap').release; // '21.sp1'
 */
export function getScenario(name: string = DEFAULT_SCENARIO): LabScenario {
  const found = LAB_SCENARIOS.find((s) => s.name === name);
  if (!found) throw new UnknownScenarioError(name);
  return structuredClone(found);
}

/**
 * @example
 * for (const s of listScenarios()) console.log(s.name, s.description);
 */
export function listScenarios(): { name: string; description: string }[] {
  return LAB_SCENARIOS.map(({ name, description }) => ({ name, description }));
}

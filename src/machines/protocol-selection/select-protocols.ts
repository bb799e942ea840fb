// selectProtocols: which BroadWorks protocols Unity uses and where it connects (seed §2–§5, issue 2).
// Pure and total: every input yields a plan or a named error, never an exception.
//
// Order of checks (the first failing one is reported): release text, release support, OCI over
// TLS (port, then protocol), then CTI over TLS (port, then protocol). CTI settings are checked only
// when CTI is the selected call control: on CAP they are never used, so they must not block start-up.
import { chooseCallControl } from './call-control.ts';
import { ctiEndpoint } from './cti-endpoint.ts';
import { presentHost } from './hosts.ts';
import { ociEndpoint } from './oci-endpoint.ts';
import { WARNING } from './outcome.ts';
import { formatRelease, parseRelease } from './parse-release.ts';
import { isTcpPort } from './ports.ts';
import { isTlsVersion } from './tls-version.ts';
import type { BrandingConnectivity, ProtocolPlan, ProtocolSelectionInput } from './types.ts';

/** seed §3: Unity supports all BroadWorks releases from R17. */
export const OLDEST_SUPPORTED_MAJOR = 17;

/**
 * @example
 * const plan = selectProtocols({ release: '22.0', ociHost: 'ocs.example.com', branding: { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { port: 8011 } } });
 * if (plan.ok) console.log(plan.callControl); // 'CTI'
 */
export function selectProtocols(input: ProtocolSelectionInput): ProtocolPlan {
  const parsed = parseRelease(input.release);
  if (!parsed.ok) {
    return {
      ok: false,
      code: 'UNPARSEABLE_RELEASE',
      message:
        `The BroadWorks server's release could not be read: ${parsed.reason}. No Kakapo portal setting ` +
        `changes this; check that the server address entered at login is the BroadWorks OCI server, and ` +
        `send the ConnectionLog.txt to support.`,
    };
  }
  const { release } = parsed;
  const name = formatRelease(release);
  if (release.major < OLDEST_SUPPORTED_MAJOR) {
    return {
      ok: false,
      code: 'UNSUPPORTED_RELEASE',
      message:
        `BroadWorks ${name} is not supported: Unity supports BroadWorks R17 and later. No Kakapo ` +
        `portal setting changes this: the BroadWorks platform must be upgraded, or the server address entered ` +
        `at login must be that of a newer platform.`,
    };
  }

  const ociHost = presentHost(input.ociHost) ?? input.ociHost;
  const { branding } = input;
  const oci = ociEndpoint(ociHost, branding);
  if (!oci.ok) return oci;

  const choice = chooseCallControl(release, branding.useCtiInsteadOfCap);
  const notes = [`BroadWorks release "${input.release.trim()}" read as ${name}.`, ...choice.notes, ...oci.notes];
  if (presentHost(input.ociHost) === undefined) {
    notes.push(`${WARNING} the OCI server host is blank; Unity has nowhere to connect.`);
  }

  if (choice.callControl === 'CAP') {
    notes.push(...capNotes(branding));
    return { ok: true, release, callControl: 'CAP', oci: oci.endpoint, notes };
  }
  const cti = ctiEndpoint(ociHost, branding);
  if (!cti.ok) return cti;
  notes.push(...cti.notes);
  return { ok: true, release, callControl: 'CTI', oci: oci.endpoint, cti: cti.endpoint, notes };
}

function capNotes(branding: BrandingConnectivity): string[] {
  const notes = [
    // seed §2.2: same connection, same server port, so OCI's TLS covers CAP.
    `CAP: no connection of its own; CAP runs on the OCI connection (same server port), so it is ` +
      `${branding.ociTls?.enabled === true ? 'secured by OCI over TLS' : 'not encrypted, like OCI'}.`,
    // seed §2.2: without Client Call Control Unity alerts the user and does not proceed.
    `CAP needs the Client Call Control service assigned to the user in BroadWorks; without it Unity alerts ` +
      `the user and stops.`,
  ];
  const ctiTls = branding.cti.tls;
  if (ctiTls?.enabled === true) {
    const incomplete = !isTcpPort(ctiTls.port) || !isTlsVersion(ctiTls.securityProtocol);
    notes.push(
      incomplete
        ? `${WARNING} "Use CTI protocol over TLS" is on but its server port or security protocol is not set. It ` +
            `is not used with CAP, but it will stop start-up once CTI is used (R21 with CTI, or after an upgrade ` +
            `to R22). Complete it in the Kakapo portal.`
        : `The CTI over TLS settings are not used, because call control is CAP.`,
    );
  }
  return notes;
}

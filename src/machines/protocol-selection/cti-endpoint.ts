// The CTI endpoint (seed §2.3, §3.3, §4.2, §5.2). Only resolved when CTI is the call control.
import { WARNING, type EndpointOutcome } from './outcome.ts';
import { presentHost } from './hosts.ts';
import { isTcpPort } from './ports.ts';
import { securedEndpoint } from './secured-endpoint.ts';
import type { BrandingConnectivity } from './types.ts';

export function ctiEndpoint(ociHost: string, branding: BrandingConnectivity): EndpointOutcome {
  const { cti } = branding;
  const notes: string[] = [];

  // seed §3.3: without a CTI server address Unity tries the OCI server's FQDN.
  const configuredHost = presentHost(cti.host);
  const host = configuredHost ?? ociHost;
  if (configuredHost === undefined) {
    // seed §5.2: that is likely to fail, OCI and CTI are usually separate servers.
    notes.push(
      `${WARNING} the CTI server host is not set in the Kakapo portal, so Unity uses the OCI server host ` +
        `"${ociHost}" for CTI. This usually fails because the OCI and CTI servers are separate ` +
        `machines with different names: set the CTI server host in the portal.`,
    );
  } else {
    notes.push(`CTI: server host "${host}" comes from the Kakapo portal.`);
  }

  // seed §2.3, §3.2: CTI over TLS is independent of OCI over TLS (different servers, different ports).
  const tls = cti.tls;
  if (tls?.enabled === true) {
    const secured = securedEndpoint(host, tls, {
      protocol: 'CTI',
      portMissingCode: 'CTI_TLS_PORT_MISSING',
      usualTlsPort: 8012,
      usualPlainPort: 8011,
    });
    if (!secured.ok) return secured;
    notes.push(...secured.notes);
    if (branding.ociTls?.enabled !== true) {
      notes.push(`CTI is secured with TLS while OCI is not: the two are set separately.`);
    }
    return { ok: true, endpoint: secured.endpoint, notes };
  }

  // seed §3.3: the mandatory "CTI Port" is always used for unsecured CTI.
  notes.push(
    `CTI: connect to ${host}:${cti.port} without TLS, because "Use CTI protocol over TLS" is off.`,
  );
  if (branding.ociTls?.enabled === true) {
    notes.push(
      `CTI is not secured although OCI is: securing OCI does not secure CTI, they are separate connections to ` +
        `different servers. Turn on "Use CTI protocol over TLS" in the Kakapo portal if CTI must be encrypted.`,
    );
  }
  if (!isTcpPort(cti.port)) {
    notes.push(
      `${WARNING} "CTI Port" is ${String(cti.port)}, which is not a valid TCP port; the CTI connection will fail. ` +
        `Set it in the Kakapo portal (default 8011).`,
    );
  }
  // seed §4.2: a CTI server that accepts TLS only has both ports set to the TLS port.
  if (tls !== undefined && tls.port !== undefined && tls.port === cti.port) {
    notes.push(
      `${WARNING} "CTI Port" equals "CTI over TLS server port" (${cti.port}) while "Use CTI protocol over TLS" is ` +
        `off. That port normally accepts TLS only, so a plain connection to it fails. In the ` +
        `Kakapo portal, either turn "Use CTI protocol over TLS" on, or set "CTI Port" to the plain CTI port (usually 8011).`,
    );
  }
  return { ok: true, endpoint: { host, port: cti.port, tls: null }, notes };
}

// The OCI endpoint (seed §4.1, §5.2). CAP rides this same connection (seed §2.2).
import { WARNING, type EndpointOutcome } from './outcome.ts';
import { presentHost } from './hosts.ts';
import { isTcpPort } from './ports.ts';
import { securedEndpoint } from './secured-endpoint.ts';
import type { BrandingConnectivity } from './types.ts';

/** Also used on its own by start-up, which connects OCI before the release is known (seed §1.1). */
export function ociEndpoint(serverHost: string, branding: BrandingConnectivity): EndpointOutcome {
  const ociHost = presentHost(serverHost) ?? serverHost;
  const tls = branding.ociTls;
  const voipPort = branding.voipServerPort;

  // seed §4.1: with OCI over TLS on, Unity connects to the OCI-over-TLS server port and secures it.
  if (tls?.enabled === true) {
    const secured = securedEndpoint(ociHost, tls, {
      protocol: 'OCI',
      portMissingCode: 'OCI_TLS_PORT_MISSING',
      usualTlsPort: 2209,
      usualPlainPort: 2208,
    });
    if (!secured.ok) return secured;
    secured.notes.push(
      voipPort === tls.port
        ? `OCI: "VoIP Server Port" equals "OCI over TLS server port" (${voipPort}), the usual setting for an OCI ` +
            `server that accepts TLS only.`
        : `OCI: "VoIP Server Port" (${voipPort}) is not used while OCI over TLS is on.`,
    );
    return secured;
  }

  // seed §4.1: by default OCI does not use TLS; the VoIP server port is used in plain.
  const notes = [
    `OCI: connect to ${ociHost}:${voipPort} without TLS, because "Use OCI protocol over TLS" is off ` +
      `(OCI does not use TLS by default).`,
  ];
  if (!isTcpPort(voipPort)) {
    notes.push(
      `${WARNING} "VoIP Server Port" is ${String(voipPort)}, which is not a valid TCP port; the OCI connection ` +
        `will fail. Set it in the Kakapo portal (usually 2208).`,
    );
  }
  // seed §4.1, §5.2: a TLS-only server reached on a plain port fails and start-up stops.
  if (tls !== undefined && tls.port !== undefined && tls.port === voipPort) {
    notes.push(
      `${WARNING} "VoIP Server Port" equals "OCI over TLS server port" (${voipPort}) while "Use OCI protocol over ` +
        `TLS" is off. That port normally accepts TLS only, and a plain connection to it fails and stops start-up. ` +
        `In the Kakapo portal, either turn "Use OCI protocol over TLS" on, or set "VoIP Server ` +
        `Port" to the server's plain OCI port (usually 2208).`,
    );
  }
  return { ok: true, endpoint: { host: ociHost, port: voipPort, tls: null }, notes };
}

// One "… over TLS" block of the portal turned into a TLS endpoint (seed §4.1 for OCI, §4.2 for CTI).
import { WARNING, type EndpointOutcome } from './outcome.ts';
import { describePortSetting, isTcpPort } from './ports.ts';
import { presentHost } from './hosts.ts';
import { isObsoleteTlsVersion, isTlsVersion } from './tls-version.ts';
import type { TlsSetting } from './types.ts';

export interface TlsBlockNames {
  protocol: 'OCI' | 'CTI';
  portMissingCode: 'OCI_TLS_PORT_MISSING' | 'CTI_TLS_PORT_MISSING';
  usualTlsPort: number; // the seed's example: 2209 for OCI, 8012 for CTI
  usualPlainPort: number; // BroadWorks' default plain port: 2208 for OCI, 8011 for CTI (seed §1)
}

/** `setting.enabled` is true here. `host` is where the TCP connection goes. */
export function securedEndpoint(host: string, setting: TlsSetting, names: TlsBlockNames): EndpointOutcome {
  const { protocol } = names;
  const useSetting = `"Use ${protocol} protocol over TLS"`;
  const portSetting = `"${protocol} over TLS server port"`;
  const protocolSetting = `"${protocol} over TLS security protocol"`;
  const certSetting = `"${protocol} over TLS certificate host"`;

  // seed §4.1/§4.2: the TLS server port must be set (at the system provider level) before TLS is used.
  if (!isTcpPort(setting.port)) {
    return {
      ok: false,
      code: names.portMissingCode,
      message:
        `${useSetting} is on, but ${portSetting} is ${describePortSetting(setting.port)}, so Unity does not know ` +
        `where the secure ${protocol} server listens. In the Kakapo portal, set ${portSetting} at the system ` +
        `provider level (usually ${names.usualTlsPort}), or turn ${useSetting} off.`,
    };
  }
  // seed §4.1: the protocol must be explicit; the server closes the connection on the wrong one.
  if (!isTlsVersion(setting.securityProtocol)) {
    return {
      ok: false,
      code: 'TLS_PROTOCOL_MISSING',
      message:
        `${useSetting} is on, but ${protocolSetting} is ${describeProtocolSetting(setting.securityProtocol)}. ` +
        `In the Kakapo portal, choose the TLS version ` +
        `the ${protocol} server is configured for (for example TLS 1.2): Unity cannot try versions in turn, ` +
        `because the server closes the connection when the wrong one is used.`,
    };
  }

  const version = setting.securityProtocol;
  const certificateHost = presentHost(setting.certificateHost);
  // seed §4.1: the certificate host is set only when it differs from the FQDN Unity connects to.
  const servername = certificateHost ?? host;
  const notes = [
    `${protocol}: connect to ${host}:${setting.port}, then secure the connection with ${version}, because ` +
      `${useSetting} is on.`,
    certificateHost === undefined
      ? `${protocol}: ${certSetting} is blank, so the server certificate must name the host Unity connects to, ` +
        `"${host}".`
      : `${protocol}: the server certificate must name "${certificateHost}", from ${certSetting}.`,
  ];
  // seed §1: 2208 (OCI) and 8011 (CTI) are the plain ports; TLS usually listens on 2209 / 8012.
  if (setting.port === names.usualPlainPort) {
    notes.push(
      `${WARNING} ${portSetting} is ${setting.port}, BroadWorks' default port for unsecured ${protocol}. A TLS ` +
        `handshake there fails unless the server was set up for TLS on that port; the usual ${protocol} TLS port ` +
        `is ${names.usualTlsPort}.`,
    );
  }
  if (isObsoleteTlsVersion(version)) {
    notes.push(
      `${WARNING} ${protocolSetting} is ${version}, which is obsolete; many TLS stacks refuse it by default. ` +
        `If the handshake fails, configure the ${protocol} server for TLS 1.2 or 1.3 and change the setting to match.`,
    );
  }
  return { ok: true, endpoint: { host, port: setting.port, tls: { servername, version } }, notes };
}

function describeProtocolSetting(value: unknown): string {
  return value === undefined || value === null || value === '' ? 'not set' : `"${String(value)}", which Unity does not know`;
}

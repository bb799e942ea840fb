// Actionable messages for each failure kind. They name what a person checks — the firewall rule
// (seed §5.1), the server name and ports (seed §5.2), the portal's TLS settings (seed §4.1) — and
// carry no secrets: only host, port, names and library codes.
import type { TlsVersion } from '../machines/protocol-selection/types.ts';

export interface Where {
  host: string;
  port: number;
}

const at = (w: Where): string => `${w.host}:${w.port}`;
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
const pinned = (version: TlsVersion | undefined): string =>
  version === undefined ? 'the security protocol' : `security protocol ${version}`;

export const messages = {
  dns: (w: Where, detail?: string): string =>
    `Cannot resolve the server name "${w.host}"${detail ? ` (${detail})` : ''}. ` +
    `Check the server host name in the connection settings and the Kakapo portal branding, ` +
    `and that this computer can resolve it.`,
  refused: (w: Where): string =>
    `The server at ${at(w)} refused the connection: nothing accepts connections on that port. ` +
    `Check the port in the Kakapo portal branding and that the service is running on ${w.host}.`,
  badPort: (w: Where): string =>
    `${w.port} is not a TCP port (1–65535), so ${w.host} cannot be reached on it. Check the port ` +
    `settings in the Kakapo portal branding.`,
  connectTimeout: (w: Where, ms: number): string =>
    `No answer from ${at(w)} within ${seconds(ms)}. A firewall is probably dropping the traffic: ` +
    `check that the customer firewall allows outbound TCP to ${at(w)}.`,
  unreachable: (w: Where): string =>
    `${at(w)} cannot be reached (the network or a firewall drops the traffic). Check that the ` +
    `customer firewall allows outbound TCP to ${at(w)}.`,
  handshakeTimeout: (w: Where, ms: number): string =>
    `The TLS handshake with ${at(w)} did not finish within ${seconds(ms)}. Check that ${w.port} is the ` +
    `server's TLS port ("… over TLS server port" in the Kakapo portal) and that nothing on the ` +
    `way intercepts the connection.`,
  requestTimeout: (w: Where, ms: number): string =>
    `No complete HTTPS answer from ${at(w)} within ${seconds(ms)}. Check that the firewall allows ` +
    `outbound HTTPS to ${at(w)} and that the service is up.`,
  reset: (w: Where): string =>
    `The connection to ${at(w)} was reset by the server or by a firewall on the way. ` +
    `Check the firewall rule for ${at(w)} and the server's logs.`,
  closed: (w: Where, what: string): string =>
    `The connection to ${at(w)} closed ${what}. If the server only accepts TLS on this port, ` +
    `enable TLS for this connection in the Kakapo portal.`,
  tlsVersionRefused: (w: Where, version: TlsVersion | undefined, detail: string): string =>
    `The server at ${at(w)} and this client found no common TLS version: ${detail}. This client used ` +
    `${pinned(version)}; set the "security protocol" in the Kakapo portal to the one the server ` +
    `accepts.`,
  tlsNotTls: (w: Where, version: TlsVersion | undefined): string =>
    `The server at ${at(w)} answered the TLS handshake with something that is not TLS ` +
    `(OpenSSL: wrong version number): ${w.port} is probably a plain, non-TLS port, or the server refuses ` +
    `${pinned(version)}. Check the "… over TLS server port" and "security protocol" settings in the ` +
    `Kakapo portal.`,
  tlsObsoleteRefused: (w: Where, version: TlsVersion | undefined, detail: string): string =>
    `This client refuses the obsolete ${pinned(version)} for ${at(w)} (${detail}; RFC 8996). ` +
    `Ask the provider to enable TLS 1.2 or later on the server and set it as the "security protocol" ` +
    `in the Kakapo portal.`,
  certificateName: (w: Where, servername: string, detail: string | undefined): string =>
    `The certificate of ${at(w)} is not valid for the name "${servername}"${detail ? ` (${detail})` : ''}. ` +
    `Set the "certificate host" in the Kakapo portal to a name on the server certificate, or connect with ` +
    `the FQDN the certificate was issued for.`,
  certificateExpired: (w: Where, code: string): string =>
    `The certificate of ${at(w)} ${code === 'CERT_NOT_YET_VALID' ? 'is not valid yet' : 'has expired'} ` +
    `(${code}). The server's certificate must be renewed, or this computer's clock is wrong.`,
  certificateUntrusted: (w: Where, code: string): string =>
    `The certificate of ${at(w)} is not issued by a trusted certificate authority (${code}). Add the ` +
    `server's CA certificate to this client's trusted CAs; verification is never turned off.`,
  handshakeClosed: (w: Where, version: TlsVersion | undefined): string =>
    `The server at ${at(w)} closed the connection during the TLS handshake. The server closes the ` +
    `connection when the wrong security protocol is used: check that ${pinned(version)} is ` +
    `the one the server accepts, and that ${w.port} is its TLS port.`,
  tlsAlert: (w: Where, detail: string): string =>
    `The TLS connection with ${at(w)} failed: ${detail}. Check the TLS settings for this connection ` +
    `in the Kakapo portal and the server's TLS configuration.`,
  tlsExpected: (w: Where): string =>
    `The server at ${at(w)} answered with TLS; it only accepts TLS on this port — enable TLS for this ` +
    `connection in the Kakapo portal, with this port as the "… over TLS server port".`,
  http: (w: Where, detail: string): string => `The HTTPS server at ${at(w)} ${detail}.`,
};

// The fixes: firewall rules (seed §5.1) and Kakapo portal settings by their portal names (seed §4.1,
// §4.2, §5.2), for the person at the customer site; they cite no document, only settings and names.
import type { ConnectionRule } from './types.ts';

const q = (name: string): string => `"${name}"`;

export const advice = {
  // seed §5.1: "open the relevant firewall ports for outbound connections".
  firewall: (rule: ConnectionRule): string => `open TCP port ${rule.port} outbound to ${rule.host} on the customer firewall`,

  refused: (rule: ConnectionRule): string => {
    const port = rule.mode === 'tls' ? rule.settings.tlsPort : rule.settings.plainPort;
    return (
      `${advice.firewall(rule)}; if the firewall already allows it, nothing listens on ${rule.host}:${rule.port}: ` +
      (port ? `check ${q(port)}${rule.settings.host ? ` and ${q(rule.settings.host)}` : ''} in the Kakapo portal` : 'check that the service is up')
    );
  },

  dns: (rule: ConnectionRule): string =>
    rule.settings.host
      ? `set ${q(rule.settings.host)} in the Kakapo portal to the server's FQDN, and check this computer's DNS`
      : `check the host name ${rule.host} and this computer's DNS`,

  // seed §4.1, §5.2: a TLS-only server needs TLS on, or the plain port must be the real plain port.
  tlsOnlyPort: (rule: ConnectionRule, negotiated?: string): string => {
    const s = rule.settings;
    return (
      `in the Kakapo portal, turn on ${q(s.useTls ?? 'TLS')} with ${q(s.tlsPort ?? 'TLS port')} = ${rule.port} and ` +
      `${q(s.securityProtocol ?? 'security protocol')} = ${negotiated ?? 'the server\'s TLS version'} ` +
      `(a server that accepts only TLS has ${q(s.plainPort ?? 'port')} = ${q(s.tlsPort ?? 'TLS port')} = ${rule.port}); ` +
      `or, if the server also has a plain port, set ${q(s.plainPort ?? 'port')} to it (usually ${rule.usualPorts?.plain ?? '?'})`
    );
  },

  // The reverse: TLS asked for on a port that does not answer TLS.
  plainPortForTls: (rule: ConnectionRule): string => {
    const s = rule.settings;
    return s.tlsPort
      ? `set ${q(s.tlsPort)} to the server's TLS port (usually ${rule.usualPorts?.tls ?? '?'}), or turn ${q(s.useTls ?? 'TLS')} off, in the Kakapo portal`
      : `check that ${rule.host}:${rule.port} is the server's HTTPS port`;
  },

  securityProtocol: (rule: ConnectionRule, accepted: readonly string[]): string => {
    const s = rule.settings.securityProtocol;
    const to = accepted.length > 0 ? `to ${accepted.join(' or ')} (what the server accepts)` : 'to the TLS version the server is configured for';
    return s
      ? `set ${q(s)} ${to} in the Kakapo portal: the server closes the connection on the wrong one`
      : `the server refuses this client's TLS versions; ask the provider to enable TLS 1.2 or 1.3`;
  },

  certificateHost: (rule: ConnectionRule, names: readonly string[]): string => {
    const s = rule.settings.certificateHost;
    const which = names.length > 0 ? ` to ${names.map((n) => q(n)).join(' or ')} (a name on the certificate)` : ' to a name on the server certificate';
    return s
      ? `set ${q(s)}${which} in the Kakapo portal`
      : `connect with a name the certificate was issued for${names.length > 0 ? ` (${names.join(', ')})` : ''}, or have the certificate reissued for ${rule.host}`;
  },

  untrusted: (): string => `trust the server's CA (the client's trusted CAs, --ca FILE here); verification is never turned off`,
  renew: (): string => `the server certificate must be renewed (or this computer's clock is wrong)`,
  renewSoon: (): string => `renew the server certificate before it expires`,

  // RFC 6120 §5: the client never logs in to XMPP without STARTTLS.
  xmppStartTls: (domain: string): string =>
    `the XMPP server for ${domain} must offer STARTTLS with a certificate for ${domain} (the client never logs in without TLS); ask the XMPP administrator`,
  xmppCertificate: (domain: string): string => `the XMPP server's certificate must name ${domain}, the domain of the user's XMPP ID; ask the XMPP administrator to reissue it`,
  xmppMechanisms: (): string => 'the XMPP administrator should offer SCRAM-SHA-256 (or SCRAM-SHA-1); PLAIN is used only over TLS and only when no SCRAM is offered',
  xmppDomain: (): string => `pass --xmpp-domain DOMAIN to check the XMPP server of that domain`,
};

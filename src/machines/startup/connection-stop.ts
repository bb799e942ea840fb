// A start-up connection that fails on its first attempt stops start-up (seed §1.1: CTI unreachable
// stops and notifies; §5.2: a TLS-only server on a plain port stops immediately). This turns the
// connection's named outcome into a reason that says which firewall rule or portal setting to fix.
import type { ConnectionName, ConnectionOutcome, Endpoint } from '../connection/contract.ts';
import type { StartupStop } from './contract.ts';

const LABEL: Record<ConnectionName, string> = {
  oci: 'the BroadWorks OCI server',
  cap: 'the BroadWorks OCI server (CAP)',
  cti: 'the BroadWorks CTI server',
  imp: 'the Kakapo IM&P server',
  xmpp: 'the XMPP server',
};

/** What the server's answer was, for each named answer problem (contract.ts TransportFailureKind). */
const ANSWER_PROBLEMS = {
  'server-error': 'an error of its own',
  garbled: 'a document that is not well-formed',
  'too-large': 'a document over the size limit',
  doctype: 'a document with a DOCTYPE declaration, which is refused',
  unexpected: 'an answer of the wrong kind',
} as const;

interface PortalNames {
  plainPort: string;
  useTls: string;
  tlsPort: string;
  tlsProtocol: string;
  certificateHost: string;
}

function portalNames(connection: ConnectionName): PortalNames {
  const p = connection === 'cti' ? 'CTI' : 'OCI';
  return {
    plainPort: connection === 'cti' ? '"CTI Port"' : '"VoIP Server Port"',
    useTls: `"Use ${p} protocol over TLS"`,
    tlsPort: `"${p} over TLS server port"`,
    tlsProtocol: `"${p} over TLS security protocol"`,
    certificateHost: `"${p} over TLS certificate host"`,
  };
}

export function stopForConnectionFailure(
  connection: ConnectionName,
  endpoint: Endpoint,
  outcome: ConnectionOutcome,
): StartupStop {
  const where = `${LABEL[connection]} at ${endpoint.host}:${endpoint.port}`;
  const names = portalNames(connection);
  const base = { connection, outcome };

  if (outcome.kind === 'auth') {
    return {
      ...base,
      code: 'badCredentials',
      reason:
        `${where} refused the login (${outcome.message}). Check the login ID and password; they are the ` +
        `user's BroadWorks credentials.`,
    };
  }

  // seed §5.2: a server that accepts TLS only cannot be reached on its port in plain.
  const plainHandshakeClosed =
    endpoint.tls === null &&
    outcome.phase === 'authenticating' &&
    (outcome.kind === 'peer-closed' || outcome.kind === 'reset');
  if (outcome.kind === 'tls-required' || plainHandshakeClosed) {
    const what =
      outcome.kind === 'tls-required'
        ? 'answered the plain connection with TLS'
        : 'closed the plain connection during login, as a TLS-only server does';
    return {
      ...base,
      code: 'tlsOnlyServerOnPlainPort',
      reason:
        `${where} ${what}: that port accepts TLS only (seed §5.2). In the Kakapo portal, either set ` +
        `${names.plainPort} to the server's plain port, or turn on ${names.useTls} with ${names.tlsPort} and ` +
        `${names.tlsProtocol} set.`,
    };
  }

  // issue 10: the server answered, but not with a session — not a password, firewall or TLS matter.
  const answered = ANSWER_PROBLEMS[outcome.kind as keyof typeof ANSWER_PROBLEMS];
  if (answered !== undefined) {
    return {
      ...base,
      code: connection === 'cti' ? 'ctiUnreachable' : 'ociUnreachable',
      reason:
        `${where} answered the ${outcome.phase === 'authenticating' ? 'login' : 'connection'} with ${answered} (${outcome.message}). ` +
        `The login ID and password were not refused and the port is open; check that ${endpoint.host}:${endpoint.port} is ` +
        `the ${LABEL[connection].replace(/^the /, '')}'s own port and that the server is in service. Once start-up is ready, ` +
        `such an answer is retried every 15 seconds.`,
    };
  }

  if (outcome.kind === 'tls' || outcome.phase === 'securing') {
    return { ...base, code: 'tlsHandshakeFailed', reason: tlsReason(where, endpoint, outcome, names) };
  }

  // Refused, timed out, unreachable, reset: a firewall or a wrong host/port (seed §5.1, §5.2).
  const how =
    outcome.kind === 'refused'
      ? 'refused the connection'
      : outcome.kind === 'timeout'
        ? 'did not answer (timed out)'
        : outcome.kind === 'unreachable'
          ? 'could not be reached'
          : 'dropped the connection';
  const firewall = `allow outbound TCP port ${endpoint.port} to ${endpoint.host} on the customer firewall (seed §5.1)`;
  if (connection === 'cti') {
    return {
      ...base,
      code: 'ctiUnreachable',
      reason:
        `${where} ${how} (${outcome.message}); start-up stops because BroadWorks is configured for CTI ` +
        `(seed §1.1). ${capitalize(firewall)}, and check the CTI server host and ${names.plainPort} in the ` +
        `Kakapo portal: when the host is blank Unity uses the OCI host, which usually fails (seed §5.2).`,
    };
  }
  return {
    ...base,
    code: 'ociUnreachable',
    reason:
      `${where} ${how} (${outcome.message}). ${capitalize(firewall)}, and check ${names.plainPort} / ` +
      `${names.tlsPort} in the Kakapo portal.`,
  };
}

function tlsReason(where: string, endpoint: Endpoint, outcome: ConnectionOutcome, names: PortalNames): string {
  const tls = endpoint.tls;
  const version = tls?.version ?? 'the configured version';
  const servername = tls?.servername ?? endpoint.host;
  const cause = outcome.kind === 'tls' ? outcome.cause : 'handshake-closed';
  switch (cause) {
    case 'version-refused':
      return (
        `${where} refused TLS version ${version} (${outcome.message}). Set ${names.tlsProtocol} in the Kakapo ` +
        `portal to the version the server is configured for (seed §4.1, §5.2).`
      );
    case 'certificate-name-mismatch':
      return (
        `The certificate of ${where} does not name "${servername}" (${outcome.message}). Set ` +
        `${names.certificateHost} in the Kakapo portal to the host name on the certificate (seed §4.1, §5.2).`
      );
    case 'certificate-untrusted':
      return (
        `The certificate of ${where} is not trusted (${outcome.message}). Install the certificate authority ` +
        `that issued it on this computer, or have the server use a certificate from a trusted authority.`
      );
    case 'handshake-closed':
      return (
        `${where} closed the connection during the TLS handshake (${outcome.message}). Usually ` +
        `${names.tlsProtocol} (now ${version}) or ${names.certificateHost} (now "${servername}") is wrong in the ` +
        `Kakapo portal (seed §5.2).`
      );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

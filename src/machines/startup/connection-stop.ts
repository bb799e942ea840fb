// A start-up connection that fails on its first attempt stops start-up (seed §1.1: CTI unreachable
// stops and notifies; §5.2: a TLS-only server on a plain port stops immediately). This turns the
// connection's named outcome into a reason that says which firewall rule or portal setting to fix.
import type { ConnectionName, ConnectionOutcome, Endpoint } from '../connection/contract.ts';
import type { StartupStop } from './contract.ts';
import { capitalize, happened } from './reason-text.ts';

const LABEL: Record<ConnectionName, string> = {
  oci: 'the BroadWorks OCI server',
  cap: 'the BroadWorks OCI server (CAP)',
  cti: 'the BroadWorks CTI server',
  imp: 'the Kakapo IM&P server',
  xmpp: 'the XMPP server',
};

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
  const place = `${endpoint.host}:${endpoint.port}`;
  const where = `${LABEL[connection]} at ${place}`;
  // A message that names the host is about this connection and says where itself.
  const said = (what: string): string => happened(where, what, outcome.message, endpoint.host);
  const names = portalNames(connection);
  const base = { connection, outcome };

  if (outcome.kind === 'auth') {
    return {
      ...base,
      code: 'badCredentials',
      reason:
        `${said('refused the login')} Check the login ID and password; they are the ` +
        `user's BroadWorks credentials.`,
    };
  }

  // issue 10: the server answered, and the answer is what ended the attempt; each its own reason.
  const replied = replyStop(said, connection, outcome, names);
  if (replied !== null) return { ...base, ...replied };

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
        `${capitalize(where)} ${what}: that port accepts TLS only. In the Kakapo portal, either set ` +
        `${names.plainPort} to the server's plain port, or turn on ${names.useTls} with ${names.tlsPort} and ` +
        `${names.tlsProtocol} set.`,
    };
  }

  if (outcome.kind === 'tls' || outcome.phase === 'securing') {
    return { ...base, code: 'tlsHandshakeFailed', reason: tlsReason(said, endpoint, outcome, names) };
  }

  // Refused, timed out, unreachable, reset: a firewall or a wrong host/port (seed §5.1, §5.2).
  const how =
    outcome.kind === 'refused'
      ? 'refused the connection'
      : outcome.kind === 'timeout'
        ? 'did not answer in time'
        : outcome.kind === 'unreachable'
          ? 'could not be reached'
          : 'dropped the connection';
  const firewall = `allow outbound TCP port ${endpoint.port} to ${endpoint.host} on the customer firewall`;
  if (connection === 'cti') {
    return {
      ...base,
      code: 'ctiUnreachable',
      reason:
        `${said(how)} Start-up stops because BroadWorks is configured for CTI. ` +
        `${capitalize(firewall)}, and check the CTI server host and ${names.plainPort} in the ` +
        `Kakapo portal: when the host is blank Unity uses the OCI host, which usually fails.`,
    };
  }
  return {
    ...base,
    code: 'ociUnreachable',
    reason:
      `${said(how)} ${capitalize(firewall)}, and check ${names.plainPort} / ` +
      `${names.tlsPort} in the Kakapo portal.`,
  };
}

const SERVER_OF: Record<ConnectionName, string> = {
  oci: 'BroadWorks OCI server',
  cap: 'BroadWorks OCI server',
  cti: 'BroadWorks CTI server',
  imp: 'Kakapo IM&P server',
  xmpp: 'XMPP server',
};

/** A stop for an answer the client could not use, or null when the outcome is no such answer. */
function replyStop(said: (what: string) => string, connection: ConnectionName, outcome: ConnectionOutcome, names: PortalNames): Pick<StartupStop, 'code' | 'reason'> | null {
  const port = connection === 'imp' || connection === 'xmpp' ? 'the server port' : names.plainPort;
  const support = 'If the port is right, send the ConnectionLog.txt to the system provider: the server (or a proxy in between) is misbehaving.';
  switch (outcome.kind) {
    case 'server-error':
      return {
        code: 'serverError',
        reason:
          `${said('answered with a server error')} This is not a password or firewall problem: the ` +
          `server is busy or failing. Try again in a few minutes; if it lasts, the system provider must look at the server.`,
      };
    case 'garbled':
      return {
        code: 'garbledReply',
        reason:
          `${said('sent a reply the client cannot read')} Usually that port is not the ${SERVER_OF[connection]}: ` +
          `check ${port} in the Kakapo portal. ${support}`,
      };
    case 'too-large':
      return {
        code: 'replyTooLarge',
        reason:
          `${said("sent a reply over the client's limits")} The client does not read a reply over its limits, ` +
          `so no answer arrives. This is not a TLS or password problem. ${support}`,
      };
    case 'doctype':
      return {
        code: 'doctypeReply',
        reason:
          `${said('sent a reply with a DOCTYPE declaration')} The ${SERVER_OF[connection]} never sends one, ` +
          `and the client refuses to read it. Check ${port} in the Kakapo portal: it may lead to a web server or a proxy. ${support}`,
      };
    case 'unexpected':
      return {
        code: 'unexpectedReply',
        reason:
          `${said('answered with a document of the wrong kind')} Check ${port} in the Kakapo portal: ` +
          `it should lead to the ${SERVER_OF[connection]}. ${support}`,
      };
    default:
      return null;
  }
}

function tlsReason(said: (what: string) => string, endpoint: Endpoint, outcome: ConnectionOutcome, names: PortalNames): string {
  const tls = endpoint.tls;
  const version = tls?.version ?? 'the configured version';
  const servername = tls?.servername ?? endpoint.host;
  const cause = outcome.kind === 'tls' ? outcome.cause : 'handshake-closed';
  switch (cause) {
    case 'version-refused':
      return (
        `${said(`refused TLS version ${version}`)} Set ${names.tlsProtocol} in the Kakapo ` +
        `portal to the version the server is configured for.`
      );
    case 'certificate-name-mismatch':
      return (
        `${said(`presented a certificate that does not name "${servername}"`)} Set ` +
        `${names.certificateHost} in the Kakapo portal to the host name on the certificate.`
      );
    case 'certificate-untrusted':
      return (
        `${said('presented a certificate that is not trusted')} Install the certificate authority ` +
        `that issued it on this computer, or have the server use a certificate from a trusted authority.`
      );
    case 'handshake-closed':
      return (
        `${said('closed the connection during the TLS handshake')} Usually ` +
        `${names.tlsProtocol}, now ${version}, or ${names.certificateHost}, now "${servername}", is wrong in the ` +
        `Kakapo portal.`
      );
  }
}


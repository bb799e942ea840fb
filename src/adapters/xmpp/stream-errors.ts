// Stream errors (RFC 6120 §4.9.3) as messages a person can act on. Each defined condition says what
// happened and what to do; the server's own <text/> follows it (an administrator's kick reason, a
// "Replaced by new connection"). Only `conflict` stops the automatic reconnect: another login took
// this resource, and reconnecting would knock that login off in turn (RFC 6120 §4.9.3.3, §7.7.2.2).
import { cleanServerText, withServerText } from './server-text.ts';

export interface StreamErrorFacts {
  /** The defined condition, e.g. `policy-violation`; anything else is treated as undefined-condition. */
  condition: string;
  /** The server's <text/>, if any. */
  text: string | undefined;
  /** The content of the condition element (RFC 6120 §4.9.3.19: see-other-host carries the new host). */
  detail?: string | undefined;
  /** The XMPP domain of the stream. */
  domain: string;
}

export interface StreamErrorMeaning {
  /** What a person reads: what happened and what to do, then the server's text. */
  message: string;
  /** False only for `conflict`: not reconnected without the user. */
  reconnect: boolean;
}

type Describe = (f: StreamErrorFacts) => string;

/** The client sent something the server could not accept: a fault of this client or of the server. */
const refusedXml = (what: string): Describe => (f) =>
  `the XMPP server ${f.domain} ended the session because it could not accept ${what} (${f.condition}); this client reconnects, and if it happens again, send the connection log to the client's support`;

// RFC 6120 §4.9.3.1 … §4.9.3.25, one line each.
const CONDITIONS: Record<string, Describe> = {
  'bad-format': refusedXml('the XML this client sent'),
  'bad-namespace-prefix': refusedXml('a namespace prefix this client sent'),
  conflict: (f) =>
    `another login of the same XMPP account and resource took over this session on ${f.domain} (conflict); this client does not reconnect by itself, so the two logins do not keep knocking each other off: end the other login (or give it another resource), then connect again`,
  'connection-timeout': (f) =>
    `the XMPP server ${f.domain} ended the session because it heard nothing from this client for too long (connection-timeout); this client reconnects — if it keeps happening, a firewall or proxy on the way may be dropping idle connections`,
  'host-gone': (f) =>
    `the XMPP server no longer serves ${f.domain}, the domain of the user's XMPP ID (host-gone); the Integrated IM&P ID in the user's BroadWorks profile may be out of date: ask the administrator`,
  'host-unknown': (f) =>
    `the XMPP server reached does not serve ${f.domain}, the domain of the user's XMPP ID (host-unknown); check the Integrated IM&P ID in the user's BroadWorks profile and that ${f.domain} resolves to its XMPP server`,
  'improper-addressing': refusedXml('a stanza without the addresses it needs'),
  'internal-server-error': (f) =>
    `the XMPP server ${f.domain} had an internal error and ended the session (internal-server-error); this client reconnects — if it keeps happening, the XMPP administrator should look at the server's log`,
  'invalid-from': refusedXml('the address this client sent from'),
  'invalid-namespace': refusedXml('the stream namespace this client used'),
  'invalid-xml': refusedXml('the XML this client sent, which its validation rejected'),
  'not-authorized': (f) =>
    `the XMPP server ${f.domain} ended the session because this client sent something before it was logged in (not-authorized); this client reconnects and logs in again`,
  'not-well-formed': refusedXml('the XML this client sent, which it found not well-formed'),
  'policy-violation': (f) =>
    `the XMPP server ${f.domain} ended the session under one of its policies (policy-violation): an administrator closed it, or a limit such as message size or rate was exceeded; this client reconnects — if it is ended again, ask the XMPP administrator why`,
  'remote-connection-failed': (f) =>
    `the XMPP server ${f.domain} could not reach a server it needs for this session (remote-connection-failed); this client reconnects — if it keeps happening, the XMPP administrator should check the server's connections`,
  reset: (f) =>
    `the XMPP server ${f.domain} asked this client to log in again (reset), usually after a security change such as a new password; this client reconnects — if the password was changed, the login needs the new one`,
  'resource-constraint': (f) =>
    `the XMPP server ${f.domain} is short of resources and ended the session (resource-constraint); this client reconnects — if it keeps happening, the XMPP administrator should check the server's load`,
  'restricted-xml': refusedXml('XML features it does not allow (comments, processing instructions, DTDs or entity references)'),
  'see-other-host': (f) =>
    `the XMPP server ${f.domain} sends this client to another server${f.detail ? `, ${f.detail}` : ''} (see-other-host); this client reconnects to ${f.domain} as configured — if the service has moved, the XMPP administrator should update the DNS records of ${f.domain}`,
  'system-shutdown': (f) =>
    `the XMPP server ${f.domain} is shutting down (system-shutdown); this client reconnects when it is back`,
  'undefined-condition': (f) => `the XMPP server ${f.domain} ended the session without saying why (undefined-condition); this client reconnects`,
  'unsupported-encoding': refusedXml('the character encoding this client used'),
  'unsupported-feature': (f) =>
    `the XMPP server ${f.domain} requires a feature this client does not support (unsupported-feature); this client reconnects, and if it happens again, the XMPP administrator should check which features the server makes mandatory`,
  'unsupported-stanza-type': refusedXml('a kind of stanza this client sent'),
  'unsupported-version': (f) =>
    `the XMPP server ${f.domain} does not support XMPP 1.0, the version this client speaks (unsupported-version); the XMPP administrator should upgrade or reconfigure the server`,
};

/** The RFC 6120 §4.9.3 defined conditions, for tests and documentation. */
export const STREAM_ERROR_CONDITIONS: readonly string[] = Object.keys(CONDITIONS);

/**
 * What a stream error means for the person using the client.
 *
 * @example
 * describeStreamError({ condition: 'policy-violation', text: 'Kicked by admin', domain: 'xmpp.example.com' }).message;
 * // 'the XMPP server xmpp.example.com ended the session under one of its policies … The server said: "Kicked by admin"'
 */
export function describeStreamError(facts: StreamErrorFacts): StreamErrorMeaning {
  const known = Object.hasOwn(CONDITIONS, facts.condition) ? CONDITIONS[facts.condition] : undefined;
  const detail = cleanServerText(facts.detail);
  const base = known
    ? known({ ...facts, detail })
    : `the XMPP server ${facts.domain} ended the session with a condition this client does not know (${cleanServerText(facts.condition)?.slice(0, 64) ?? 'none'}); this client reconnects`;
  return { message: withServerText(base, facts.text), reconnect: facts.condition !== 'conflict' };
}

// Messages a user can act on (issue 13 item 5): every reason start-up can stop with, enumerated by
// driving the start-up machine through each way each connection, the portal and the profile can
// fail, with the failure messages the effects and drivers really write. Each reason is one plain
// text: no parenthesis inside another, no clause said twice, no citation of a document that does
// not ship, a sentence that starts with a capital and ends with a period.
import { describe, expect, it } from 'vitest';
import { messages, type Where } from '../../../src/effects/failure-messages.ts';
import type { ConnectionEvent, ConnectionName, TlsFailureCause, TransportFailureKind } from '../../../src/machines/connection/contract.ts';
import type { PortalFailure, StopCode } from '../../../src/machines/startup/contract.ts';
import { STOP_CODES } from '../../../src/machines/startup/startup-machine.ts';
import { defaultBranding, defaultInput, defaultProfile, startScriptedSession, type Script } from '../support/scripted-session.ts';

const TRANSPORT_KINDS: readonly TransportFailureKind[] = [
  'refused', 'timeout', 'unreachable', 'reset', 'peer-closed', 'tls-required',
  'server-error', 'garbled', 'too-large', 'doctype', 'unexpected',
];
const TLS_CAUSES: readonly TlsFailureCause[] = ['version-refused', 'certificate-name-mismatch', 'certificate-untrusted', 'handshake-closed'];

/** What the effects and drivers write when a connection to `w` fails (details as Node and OpenSSL give them). */
function failureMessages(w: Where): string[] {
  return [
    messages.dns(w, 'ENOTFOUND'),
    messages.refused(w),
    messages.badPort(w),
    messages.connectTimeout(w, 10_000),
    messages.unreachable(w),
    messages.handshakeTimeout(w, 10_000),
    messages.reset(w),
    messages.closed(w, 'while connecting'),
    messages.tlsVersionRefused(w, 'TLSv1.2', 'unsupported protocol (alert 70)'),
    messages.tlsNotTls(w, 'TLSv1.2'),
    messages.tlsObsoleteRefused(w, 'TLSv1', 'no protocols available'),
    messages.certificateName(w, 'cert.example.test', "Host: cert.example.test. is not in the cert's altnames: DNS:other.example.test"),
    messages.certificateExpired(w, 'CERT_HAS_EXPIRED'),
    messages.certificateUntrusted(w, 'SELF_SIGNED_CERT_IN_CHAIN'),
    messages.handshakeClosed(w, 'TLSv1.2'),
    messages.tlsAlert(w, 'alert 40 (handshake failure)'),
    messages.tlsExpected(w),
    // Drivers' fragments: with the place, without it, with parentheses of their own.
    `the server at ${w.host}:${w.port} closed the connection`,
    `the server at ${w.host}:${w.port} sent a document the client cannot frame (TOO_LARGE); the connection was closed`,
    'the CTI server answered the login with 503: Service Unavailable',
    '[Error 4962] Invalid password',
    'ErrorResponse (4003): the command is not allowed',
    'socket hang up',
  ];
}

const plainBranding = defaultBranding;
const tlsBranding = {
  ...defaultBranding,
  connectivity: {
    ...defaultBranding.connectivity,
    ociTls: { enabled: true, port: 2209, securityProtocol: 'TLSv1.2' as const },
    cti: { host: 'cti.example.test', port: 8011, tls: { enabled: true, port: 8012, securityProtocol: 'TLSv1.2' as const } },
  },
};

interface Stop {
  code: StopCode;
  reason: string;
  how: string;
}

function stopOf(script: Script, how: string): Stop | null {
  const session = startScriptedSession(script);
  const output = session.output();
  return output === undefined ? null : { code: output.code, reason: output.reason, how };
}

/** Every stop reason the enumeration reaches. */
function everyStop(): Stop[] {
  const stops: Stop[] = [];
  const add = (stop: Stop | null): void => void (stop !== null && stops.push(stop));
  const connections: readonly ConnectionName[] = ['oci', 'cti', 'imp', 'xmpp'];
  for (const branding of [plainBranding, tlsBranding]) {
    const tls = branding === tlsBranding ? 'TLS' : 'plain';
    for (const name of connections) {
      const w = { host: `${name}.example.test`, port: (name === 'cti' ? 8011 : 2208) + (tls === 'TLS' ? 1 : 0) };
      for (const message of failureMessages(w)) {
        for (const kind of TRANSPORT_KINDS) {
          const failure = { kind, message };
          const fail = (e: { attempt: number }): ConnectionEvent => ({ type: 'TRANSPORT.FAILED', attempt: e.attempt, failure });
          const drop = (e: { attempt: number }): ConnectionEvent => ({ type: 'TRANSPORT.DROPPED', attempt: e.attempt, failure });
          add(stopOf({ branding: () => ({ type: 'BRANDING.LOADED', branding }), connections: { [name]: { connect: fail } } }, `${tls} ${name} connect ${kind}: ${message}`));
          add(stopOf({ branding: () => ({ type: 'BRANDING.LOADED', branding }), connections: { [name]: { authenticate: drop } } }, `${tls} ${name} login ${kind}: ${message}`));
        }
        for (const cause of TLS_CAUSES) {
          const secure = (e: { attempt: number }): ConnectionEvent => ({ type: 'TLS.FAILED', attempt: e.attempt, failure: { cause, message } });
          add(stopOf({ branding: () => ({ type: 'BRANDING.LOADED', branding }), connections: { [name]: { secure } } }, `${tls} ${name} tls ${cause}: ${message}`));
        }
        const refuse = (e: { attempt: number }): ConnectionEvent => ({ type: 'AUTH.FAILED', attempt: e.attempt, message });
        add(stopOf({ branding: () => ({ type: 'BRANDING.LOADED', branding }), connections: { [name]: { authenticate: refuse } } }, `${tls} ${name} auth: ${message}`));
      }
    }
  }
  // CAP on R20: its refusal, and the missing service found in the profile.
  add(stopOf({ profile: () => ({ type: 'PROFILE.LOADED', release: '20', profile: { ...defaultProfile, clientCallControl: false } }) }, 'cap service missing'));
  add(stopOf({ profile: () => ({ type: 'PROFILE.LOADED', release: '20', profile: defaultProfile }), connections: { cap: { authenticate: (e) => ({ type: 'AUTH.FAILED', attempt: e.attempt, message: 'registerResponse failure' }) } } }, 'cap refused'));
  // The portal: every failure kind, with the effects' messages, for the default portal and another one.
  const portalWhere = { host: 'portal.unityclient.com', port: 443 };
  for (const portal of [undefined, { host: 'portal.example.net', port: 8443 }]) {
    const input = portal === undefined ? defaultInput : { ...defaultInput, portal };
    for (const kind of ['refused', 'timeout', 'unreachable', 'tls', 'http', 'bad-response'] as const) {
      for (const message of [...failureMessages(portal ?? portalWhere), messages.http(portalWhere, 'answered 502 Bad Gateway'), messages.requestTimeout(portalWhere, 30_000)]) {
        const failure: PortalFailure = { kind, message };
        for (const what of ['branding', 'license'] as const) {
          const script: Script = what === 'branding' ? { branding: () => ({ type: 'BRANDING.FAILED', failure }) } : { license: () => ({ type: 'LICENSE.FAILED', failure }) };
          const session = startScriptedSession(script, input);
          const output = session.output();
          if (output !== undefined) stops.push({ code: output.code, reason: output.reason, how: `portal ${what} ${kind}: ${message}` });
        }
      }
    }
  }
  for (const message of ['UnknownProvider', 'no branding for "oci.example.test" (404)', '']) {
    add(stopOf({ branding: () => ({ type: 'BRANDING.NOT_FOUND', message }) }, `unknown server: ${message}`));
  }
  for (const message of ['ErrorResponse (4003): the command is not allowed', 'no UserGetResponse23V2 within 30 s', 'The server at oci.example.test:2208 closed the connection. Check the port.']) {
    add(stopOf({ profile: () => ({ type: 'PROFILE.FAILED', message }) }, `profile: ${message}`));
  }
  for (const status of ['Expired', 'Unlicensed'] as const) {
    add(stopOf({ license: () => ({ type: 'LICENSE.LOADED', license: { status, features: { imp: true, xmpp: true, callCenter: false, reception: false } } }) }, `license ${status}`));
  }
  // The plan: an unsupported release, a TLS block without its port or protocol.
  add(stopOf({ profile: () => ({ type: 'PROFILE.LOADED', release: '16.0', profile: defaultProfile }) }, 'release 16'));
  add(stopOf({ profile: () => ({ type: 'PROFILE.LOADED', release: 'R-x', profile: defaultProfile }) }, 'release unreadable'));
  for (const connectivity of [
    { ...defaultBranding.connectivity, ociTls: { enabled: true, securityProtocol: 'TLSv1.2' as const } },
    { ...defaultBranding.connectivity, ociTls: { enabled: true, port: 2209 } },
    { ...defaultBranding.connectivity, cti: { port: 8011, tls: { enabled: true, port: 8012 } } },
    { ...defaultBranding.connectivity, cti: { port: 8011, tls: { enabled: true, securityProtocol: 'TLSv1.2' as const } } },
  ]) {
    add(stopOf({ branding: () => ({ type: 'BRANDING.LOADED', branding: { ...defaultBranding, connectivity } }) }, `plan ${JSON.stringify(connectivity)}`));
  }
  const closed = startScriptedSession();
  closed.send('startup', { type: 'CLOSE' });
  const output = closed.output();
  if (output !== undefined) stops.push({ code: output.code, reason: output.reason, how: 'closed by the user' });
  return stops;
}

/** The deepest nesting of parentheses in `text`. */
function parenthesisDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '(') deepest = Math.max(deepest, ++depth);
    if (ch === ')') depth--;
  }
  return deepest;
}

/**
 * Runs of five words said twice (compared without case and punctuation): a clause repeated. A
 * quoted name (a portal setting, a host) is one word: naming a setting twice is no repetition.
 */
function repeatedClauses(text: string): string[] {
  const words = text.replace(/"[^"]*"/g, (q) => `«${q.length}»`).toLowerCase().replace(/[^\w\s:.-]|[.:](?=\s|$)/g, ' ').split(/\s+/).filter((w) => w !== '');
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) {
    const run = words.slice(i, i + 5).join(' ');
    if (seen.has(run)) twice.add(run);
    seen.add(run);
  }
  return [...twice];
}

describe('the reasons start-up stops with', () => {
  const stops = everyStop();

  it('the checks find what they look for', () => {
    expect(parenthesisDepth('a (b (c) d) e')).toBe(2);
    expect(parenthesisDepth('a (b) c (d)')).toBe(1);
    expect(repeatedClauses('The server at h:1 refused the connection (The server at h:1 refused the connection: nothing listens).')).toEqual(['the server at h:1 refused', 'server at h:1 refused the', 'at h:1 refused the connection']);
    expect(repeatedClauses('Check the port. Check the firewall rule.')).toEqual([]);
  });

  it('reach every stop code', () => {
    expect(stops.length).toBeGreaterThan(1000);
    expect([...new Set(stops.map((s) => s.code))].sort()).toEqual([...STOP_CODES].sort());
  });

  it('never open a parenthesis inside another', () => {
    const nested = stops.filter((s) => parenthesisDepth(s.reason) > 1).map((s) => `${s.how}\n  → ${s.reason}`);
    expect(nested.slice(0, 5)).toEqual([]);
  });

  it('never say a clause twice', () => {
    const repeated = stops.flatMap((s) => repeatedClauses(s.reason).map((c) => `${s.how}\n  "${c}" twice in → ${s.reason}`));
    expect(repeated.slice(0, 5)).toEqual([]);
  });

  it('quote failure messages that read the same way themselves', () => {
    const own = failureMessages({ host: 'oci.example.test', port: 2209 }).filter((m) => /^[A-Z0-9]/.test(m));
    expect(own.length).toBeGreaterThan(15);
    for (const message of own) {
      expect(parenthesisDepth(message), message).toBeLessThanOrEqual(1);
      expect(repeatedClauses(message), message).toEqual([]);
    }
  });

  it('are sentences that cite no document a user does not have', () => {
    const bad = stops.filter((s) => !/^["A-Z0-9]/.test(s.reason) || !/\.$/.test(s.reason) || /seed|§|\.md\b|issue \d/.test(s.reason)).map((s) => `${s.how}\n  → ${s.reason}`);
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

// Every way start-up stops: a named final state, with a reason that says what to change.
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../../src/machines/connection/contract.ts';
import { STOP_CODES } from '../../../src/machines/startup/startup-machine.ts';
import type { StopCode } from '../../../src/machines/startup/contract.ts';
import { defaultBranding, defaultInput, defaultProfile, startScriptedSession, type Script } from '../support/scripted-session.ts';

const withConnectivity = (connectivity: Partial<typeof defaultBranding.connectivity>): Script['branding'] => () => ({
  type: 'BRANDING.LOADED',
  branding: { ...defaultBranding, connectivity: { ...defaultBranding.connectivity, ...connectivity } },
});
const release = (r: string, profile = defaultProfile): Script['profile'] => () => ({ type: 'PROFILE.LOADED', release: r, profile });
const failConnect = (kind: 'refused' | 'timeout' | 'unreachable', message: string) => (e: { attempt: number }): ConnectionEvent => ({
  type: 'TRANSPORT.FAILED',
  attempt: e.attempt,
  failure: { kind, message },
});

const reached = new Set<StopCode>();

function stopsWith(script: Script, code: StopCode, input = defaultInput) {
  const s = startScriptedSession(script, input);
  expect(s.state()).toBe(code);
  expect(s.system.actor.getSnapshot().status).toBe('done');
  const output = s.output();
  expect(output?.code).toBe(code);
  reached.add(code);
  return { s, reason: output?.reason ?? '' };
}

describe('start-up stops', () => {
  it('stops when the portal cannot be reached, naming the firewall rule', () => {
    const { s, reason } = stopsWith(
      { branding: () => ({ type: 'BRANDING.FAILED', failure: { kind: 'timeout', message: 'no answer in 30 s' } }) },
      'portalUnreachable',
    );
    expect(reason).toMatch(/TCP 443/);
    expect(reason).toMatch(/portal\.unityclient\.com/);
    expect(s.effectsOf('effect.connect')).toEqual([]);
  });

  it('names the portal the client asked when it is not the default one (its host and port)', () => {
    const portal = { host: 'portal.example.net', port: 8443 };
    const unreachable = stopsWith(
      { branding: () => ({ type: 'BRANDING.FAILED', failure: { kind: 'timeout', message: 'no answer in 30 s' } }) },
      'portalUnreachable',
      { ...defaultInput, portal },
    ).reason;
    expect(unreachable).toMatch(/Allow outbound HTTPS \(TCP 8443\) to portal\.example\.net on the customer firewall/);
    expect(unreachable).not.toMatch(/unityclient|TCP 443/);
    const intercepted = stopsWith(
      { license: () => ({ type: 'LICENSE.FAILED', failure: { kind: 'tls', message: 'self-signed certificate' } }) },
      'portalUnreachable',
      { ...defaultInput, portal },
    ).reason;
    expect(intercepted).toMatch(/HTTPS to portal\.example\.net/);
    expect(intercepted).not.toMatch(/unityclient/);
  });

  it('stops when the license request cannot reach the portal', () => {
    const { reason } = stopsWith(
      { license: () => ({ type: 'LICENSE.FAILED', failure: { kind: 'refused', message: 'ECONNREFUSED' } }) },
      'portalUnreachable',
    );
    expect(reason).toMatch(/license/);
  });

  it('stops when the portal knows neither the user nor the server host', () => {
    const { s, reason } = stopsWith({ branding: () => ({ type: 'BRANDING.NOT_FOUND', message: 'UnknownProvider' }) }, 'portalUnknownServer');
    expect(s.effectsOf('effect.fetchBranding')).toHaveLength(2);
    expect(reason).toMatch(/oci\.example\.test/);
    expect(reason).toMatch(/Server Hostnames/);
  });

  it('stops on bad credentials and does not retry', () => {
    const { s, reason } = stopsWith(
      { connections: { oci: { authenticate: (e) => ({ type: 'AUTH.FAILED', attempt: e.attempt, message: '[Error 4962] Invalid password' }) } } },
      'badCredentials',
    );
    expect(reason).toMatch(/login ID and password/);
    expect(s.effectsOf('effect.close', 'oci')[0]?.effect).toMatchObject({ reason: 'auth-failed' });
    s.advance(60_000);
    expect(s.effectsOf('effect.connect', 'oci')).toHaveLength(1);
  });

  it('stops when OCI cannot be reached, naming the port to open', () => {
    const { reason } = stopsWith({ connections: { oci: { connect: failConnect('refused', 'ECONNREFUSED') } } }, 'ociUnreachable');
    expect(reason).toMatch(/oci\.example\.test:2208/);
    expect(reason).toMatch(/allow outbound TCP port 2208/i);
  });

  it('stops immediately when a TLS-only server is reached on a plain port (seed §5.2)', () => {
    const { s, reason } = stopsWith(
      {
        connections: {
          oci: {
            authenticate: (e) => ({
              type: 'TRANSPORT.DROPPED',
              attempt: e.attempt,
              failure: { kind: 'tls-required', message: 'server sent a TLS alert record' },
            }),
          },
        },
      },
      'tlsOnlyServerOnPlainPort',
    );
    expect(reason).toMatch(/"VoIP Server Port"/);
    expect(reason).toMatch(/"Use OCI protocol over TLS"/);
    s.advance(60_000);
    expect(s.effectsOf('effect.connect', 'oci')).toHaveLength(1);
  });

  it('treats a plain login the server closes as a TLS-only port too', () => {
    stopsWith(
      {
        connections: {
          oci: {
            authenticate: (e) => ({ type: 'TRANSPORT.DROPPED', attempt: e.attempt, failure: { kind: 'peer-closed', message: 'EOF' } }),
          },
        },
      },
      'tlsOnlyServerOnPlainPort',
    );
  });

  it('stops when the TLS handshake is refused, naming the portal setting by cause', () => {
    const ociTls = withConnectivity({ ociTls: { enabled: true, port: 2209, securityProtocol: 'TLSv1.1' } });
    const version = stopsWith(
      {
        branding: ociTls,
        connections: {
          oci: { secure: (e) => ({ type: 'TLS.FAILED', attempt: e.attempt, failure: { cause: 'version-refused', message: 'unsupported protocol' } }) },
        },
      },
      'tlsHandshakeFailed',
    );
    expect(version.reason).toMatch(/"OCI over TLS security protocol"/);
    expect(version.reason).toMatch(/TLSv1\.1/);
    const name = stopsWith(
      {
        branding: ociTls,
        connections: {
          oci: {
            secure: (e) => ({
              type: 'TLS.FAILED',
              attempt: e.attempt,
              failure: { cause: 'certificate-name-mismatch', message: 'ERR_TLS_CERT_ALTNAME_INVALID' },
            }),
          },
        },
      },
      'tlsHandshakeFailed',
    );
    expect(name.reason).toMatch(/"OCI over TLS certificate host"/);
    expect(name.reason).toMatch(/"oci\.example\.test"/);
  });

  it('names the CTI settings when CTI over TLS fails', () => {
    const { reason } = stopsWith(
      {
        branding: withConnectivity({ cti: { host: 'cti.example.test', port: 8011, tls: { enabled: true, port: 8012, securityProtocol: 'TLSv1.2' } } }),
        connections: {
          cti: { secure: (e) => ({ type: 'TLS.FAILED', attempt: e.attempt, failure: { cause: 'handshake-closed', message: 'socket hang up' } }) },
        },
      },
      'tlsHandshakeFailed',
    );
    expect(reason).toMatch(/CTI server at cti\.example\.test:8012/);
    expect(reason).toMatch(/"CTI over TLS security protocol"/);
  });

  it('stops on a release older than R17, and on one it cannot read', () => {
    expect(stopsWith({ profile: release('16sp1') }, 'unsupportedRelease').reason).toMatch(/R17/);
    expect(stopsWith({ profile: release('banana') }, 'unsupportedRelease').reason).toMatch(/could not be read/);
  });

  it('stops before connecting when OCI over TLS has no port, and before CTI when CTI TLS has no protocol', () => {
    const oci = stopsWith({ branding: withConnectivity({ ociTls: { enabled: true, securityProtocol: 'TLSv1.2' } }) }, 'protocolPlanError');
    expect(oci.s.effectsOf('effect.connect')).toEqual([]);
    expect(oci.reason).toMatch(/"OCI over TLS server port"/);
    const cti = stopsWith(
      { branding: withConnectivity({ cti: { port: 8011, tls: { enabled: true, port: 8012 } } }), profile: release('22') },
      'protocolPlanError',
    );
    expect(cti.s.effectsOf('effect.connect', 'cti')).toEqual([]);
    expect(cti.reason).toMatch(/security protocol/);
  });

  it('stops when the release or profile cannot be read', () => {
    stopsWith({ profile: () => ({ type: 'PROFILE.FAILED', message: '[Error 4008] User not found' }) }, 'profileUnavailable');
  });

  it('stops and notifies when CTI cannot be reached (seed §1.1), pointing at the firewall and the CTI host', () => {
    const { s, reason } = stopsWith(
      { branding: withConnectivity({ cti: { port: 8011 } }), connections: { cti: { connect: failConnect('timeout', 'ETIMEDOUT') } } },
      'ctiUnreachable',
    );
    // seed §3.3: without a CTI host Unity uses the OCI host.
    expect(s.effectsOf('effect.connect', 'cti')[0]?.effect).toMatchObject({ host: 'oci.example.test', port: 8011 });
    expect(reason).toMatch(/allow outbound TCP port 8011/i);
    expect(reason).toMatch(/CTI server host/);
    // The OCI connection is closed, not left open.
    expect(s.effectsOf('effect.close', 'oci')[0]?.effect).toMatchObject({ reason: 'user' });
    s.advance(120_000);
    expect(s.effectsOf('effect.connect', 'cti')).toHaveLength(1);
  });

  // issue 10 item 5: an answer the client cannot use stops start-up with its own code and advice,
  // never as bad credentials, a TLS-only port or a firewall.
  it.each([
    ['server-error', 'serverError', /server error.*not a password or firewall problem.*Try again/s],
    ['garbled', 'garbledReply', /cannot read.*check "VoIP Server Port"/s],
    ['too-large', 'replyTooLarge', /over its limits.*not a TLS or password problem/s],
    ['doctype', 'doctypeReply', /DOCTYPE declaration.*web server or a proxy/s],
    ['unexpected', 'unexpectedReply', /wrong kind.*check "VoIP Server Port"/is],
  ] as const)('stops on an OCI login answered with %s as %s, with advice that fits', (kind, code, advice) => {
    const { s, reason } = stopsWith(
      { connections: { oci: { authenticate: (e) => ({ type: 'TRANSPORT.DROPPED', attempt: e.attempt, failure: { kind, message: `the OCI server sent ${kind}` } }) } } },
      code,
    );
    expect(reason).toMatch(advice);
    expect(reason).toContain(`the OCI server sent ${kind}`);
    expect(reason).not.toMatch(/password\b.*Check|TLS only|firewall \(|seed §/);
    expect(s.effectsOf('effect.connect', 'oci')).toHaveLength(1);
  });

  it('names the CTI portal setting when the CTI server answers with a DOCTYPE', () => {
    const { reason } = stopsWith(
      { connections: { cti: { authenticate: (e) => ({ type: 'TRANSPORT.DROPPED', attempt: e.attempt, failure: { kind: 'doctype', message: 'DOCTYPE_REFUSED' } }) } } },
      'doctypeReply',
    );
    expect(reason).toMatch(/CTI server at .*"CTI Port"/s);
  });

  it('alerts and stops when CAP is needed but Client Call Control is not assigned', () => {
    const before = stopsWith({ profile: release('20', { ...defaultProfile, clientCallControl: false }) }, 'capServiceMissing');
    expect(before.s.effectsOf('effect.connect', 'cap')).toEqual([]);
    expect(before.reason).toMatch(/Client Call Control/);
    const refused = stopsWith(
      {
        profile: release('20'),
        connections: { cap: { authenticate: (e) => ({ type: 'AUTH.FAILED', attempt: e.attempt, message: 'registerResponse failure' }) } },
      },
      'capServiceMissing',
    );
    expect(refused.reason).toMatch(/Client Call Control/);
  });

  it('stops when the license is expired or missing', () => {
    const license = (status: 'Expired' | 'Unlicensed'): Script['license'] => () => ({
      type: 'LICENSE.LOADED',
      license: { status, features: { imp: true, xmpp: true, callCenter: false, reception: false } },
    });
    const expired = stopsWith({ license: license('Expired') }, 'licenseDenied');
    expect(expired.reason).toMatch(/expired/);
    expect(expired.s.effectsOf('effect.connect', 'imp')).toEqual([]);
    expect(stopsWith({ license: license('Unlicensed') }, 'licenseDenied').reason).toMatch(/no Unity license/);
  });

  it('closes every connection when the user quits, and never reconnects', () => {
    const s = startScriptedSession();
    s.send('startup', { type: 'CLOSE' });
    expect(s.state()).toBe('closed');
    reached.add('closed');
    for (const name of ['oci', 'cti', 'imp', 'xmpp']) {
      expect(s.effectsOf('effect.close', name).map((e) => e.effect['reason'])).toEqual(['user']);
    }
    const connects = s.effectsOf('effect.connect').length;
    s.advance(3_600_000);
    expect(s.effectsOf('effect.connect')).toHaveLength(connects);
    expect(s.effectsOf('effect.keepalive')).toEqual([]);
  });

  it('has a test for every final state', () => {
    expect([...reached].sort()).toEqual([...STOP_CODES].sort());
  });
});

// OCI link against the lab's real OCS (r22-cti): login paths, session events, keepalive, timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, VirtualTimeScheduler, toArray, take } from 'rxjs';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { createOciLink, type OciLinkEvent } from '../../../src/adapters/oci/oci-link.ts';
import { openOcs, sequentialIds } from './support/ocs-connection.ts';

let lab: Lab;
const ann = () => lab.users.find((u) => u.loginId === 'ann@lab.test')!;

beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti', seed: 'oci-link-login' });
});
afterAll(async () => {
  await lab?.stop();
});

async function link(tls = false, scheduler?: VirtualTimeScheduler) {
  const conn = await openOcs(lab, { tls });
  const oci = createOciLink({ stream: conn.stream, ids: sequentialIds(), ...(scheduler ? { scheduler } : {}) });
  return { conn, oci };
}

describe('OCI link: login (oci-p.md §5)', () => {
  it('logs in with the two-stage signed login on plain TCP and never puts the password on the wire', async () => {
    const { conn, oci } = await link(false);
    const result = await oci.login({ userId: ann().loginId, password: ann().password, overTls: true });
    expect(result).toEqual({
      ok: true,
      value: { userId: 'ann@lab.test', method: 'LoginRequest14sp4', loginType: 'User', groupId: 'G-Lab', serviceProviderId: 'SP-Lab', isEnterprise: false, userDomain: 'lab.test' },
    });
    const wire = conn.written();
    expect(wire).toContain('xsi:type="AuthenticationRequest"');
    expect(wire).toContain('<signedPassword>');
    expect(wire).not.toContain('LoginRequest22V5');
    expect(wire).not.toContain(ann().password);
    expect(wire).toContain(`<sessionId xmlns="">${oci.sessionId}</sessionId>`);
    expect(oci.sessionId).toBe('test-session-1');
    oci.close();
  });

  it('uses the single-stage LoginRequest22V5 over TLS', async () => {
    const { conn, oci } = await link(true);
    const result = await oci.login({ userId: ann().loginId, password: ann().password });
    expect(result.ok && result.value.method).toBe('LoginRequest22V5');
    expect(oci.secure).toBe(true);
    expect(conn.written()).not.toContain('AuthenticationRequest');
    oci.close();
  });

  it('over TLS to a pre-R22 server (no LoginRequest22V5) it falls back to the signed login', async () => {
    const r21 = await startLab({ scenario: 'r21-cap', seed: 'oci-r21-tls' });
    try {
      const conn = await openOcs(r21, { tls: true });
      const oci = createOciLink({ stream: conn.stream, ids: sequentialIds() });
      const u = r21.users.find((x) => x.loginId === 'ann@lab.test')!;
      const result = await oci.login({ userId: u.loginId, password: u.password });
      expect(result.ok && result.value.method).toBe('LoginRequest14sp4');
      expect(conn.written()).toContain('xsi:type="LoginRequest22V5"');
      oci.close();
    } finally {
      await r21.stop();
    }
  });

  it('a wrong password fails as auth with the [Error 4962] summary and without the password', async () => {
    const { oci } = await link(false);
    const wrong = 'Not-The-Password-42';
    const result = await oci.login({ userId: ann().loginId, password: wrong });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('auth');
    expect(result.error.message).toContain('[Error 4962]');
    expect(JSON.stringify(result.error)).not.toContain(wrong);
    expect(JSON.stringify(result.error)).not.toContain(ann().password);
    oci.close();
  });

  it('a wrong password over TLS (single-stage) is an auth failure too, not a fallback to the signed login', async () => {
    const { conn, oci } = await link(true);
    const result = await oci.login({ userId: ann().loginId, password: 'wrong-tls-password' });
    expect(!result.ok && result.error.kind === 'auth' && result.error.code).toBe(4962);
    expect(conn.written()).not.toContain('AuthenticationRequest');
    oci.close();
  });

  it('an unknown user fails as auth with [Error 4008]', async () => {
    const { oci } = await link(false);
    const result = await oci.login({ userId: 'nobody@lab.test', password: 'whatever-1' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'auth', code: 4008 });
    expect(!result.ok && result.error.message).toContain('[Error 4008] User not found: nobody@lab.test');
    oci.close();
  });
});

describe('OCI link: keepalive and session events', () => {
  it('answers a keepalive with VerifySessionIsValidRequest once logged in, and fails it before', async () => {
    const { conn, oci } = await link(false);
    const before = await oci.keepalive();
    expect(!before.ok && before.error.kind).toBe('server-error');
    await oci.login({ userId: ann().loginId, password: ann().password });
    expect(await oci.keepalive()).toEqual({ ok: true, value: undefined });
    expect(conn.written()).toContain('xsi:type="VerifySessionIsValidRequest"');
    oci.close();
  });

  it('a LogoutRequest pushed by the server ends the session (one event, no drop), later requests fail as closed', async () => {
    const { oci } = await link(false);
    const seen = firstValueFrom(oci.events$.pipe(toArray()));
    await oci.login({ userId: 'bob@lab.test', password: lab.users.find((u) => u.loginId === 'bob@lab.test')!.password });
    expect(lab.oci.pushLogout('bob@lab.test')).toBe(1);
    const events = await seen; // completes when the OCS closes the socket after the push
    expect(events).toEqual([{ type: 'session-ended', reason: 'Open Client Server Forced Logout' }]);
    const after = await oci.keepalive();
    expect(!after.ok && after.error.kind).toBe('closed');
  });

  it('a dropped connection is reported as a drop with a transport kind', async () => {
    const other = await startLab({ scenario: 'r22-cti', seed: 'oci-drop' });
    try {
      const conn = await openOcs(other);
      const oci = createOciLink({ stream: conn.stream, ids: sequentialIds() });
      const cy = other.users.find((u) => u.loginId === 'cy@lab.test')!;
      await oci.login({ userId: cy.loginId, password: cy.password });
      const dropped = firstValueFrom(oci.events$.pipe(filter((e): e is Extract<OciLinkEvent, { type: 'dropped' }> => e.type === 'dropped')));
      await other.fault('oci', 'drop-all');
      const event = await dropped;
      expect(['peer-closed', 'reset']).toContain(event.kind);
      expect(event.message).toContain('ocs.lab.test');
    } finally {
      await other.stop();
    }
  });

  it('my own logout is answered, closes the connection and is not reported as a drop', async () => {
    const { oci } = await link(false);
    const events = firstValueFrom(oci.events$.pipe(toArray()));
    await oci.login({ userId: ann().loginId, password: ann().password });
    expect(await oci.logout()).toEqual({ ok: true, value: undefined });
    expect(await events).toEqual([]);
  });

  it('garbage from the server is a typed protocol-error event, and the session carries on', async () => {
    const { oci } = await link(false);
    await oci.login({ userId: ann().loginId, password: ann().password });
    const errors = firstValueFrom(oci.events$.pipe(filter((e) => e.type === 'protocol-error'), take(2), toArray()));
    lab.oci.tcp.forEachConnection((c) => {
      c.send('<?xml version="1.0"?><BroadsoftDocument protocol="OCI" xmlns="C"><sessionId>x</sessionId><command></BroadsoftDocument>\n');
      c.send('<?xml version="1.0"?><BroadsoftDocument protocol="ZZZ"><junk/></BroadsoftDocument>\n');
    });
    const [malformed, foreign] = await errors;
    expect(malformed).toMatchObject({ type: 'protocol-error', code: 'MALFORMED_XML' });
    expect(foreign).toMatchObject({ type: 'protocol-error', code: 'UNKNOWN_TYPE' });
    expect(await oci.keepalive()).toEqual({ ok: true, value: undefined });
    oci.close();
  });
});

describe('OCI link: correlation and timeouts (oci-p.md §4)', () => {
  it('pipelined requests are matched FIFO', async () => {
    const { oci } = await link(false);
    await oci.login({ userId: ann().loginId, password: ann().password });
    const [a, release, b] = await Promise.all([oci.keepalive(), oci.fetchRelease(), oci.keepalive()]);
    expect(a.ok && b.ok).toBe(true);
    expect(release.ok && release.value).toMatchObject({ text: '22.0', major: 22, source: 'version' });
    oci.close();
  });

  it('a request unanswered within the timeout fails as timeout; its late answer is not taken for the next one', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { oci } = await link(false, scheduler);
    const loggedIn = oci.login({ userId: ann().loginId, password: ann().password });
    // The virtual clock does not move by itself: login answers arrive in real time.
    expect((await loggedIn).ok).toBe(true);
    await lab.fault('oci', { type: 'delay', ms: 150 });
    try {
      const keepalive = oci.keepalive();
      scheduler.flush(); // the request timer fires before the delayed answer comes
      const timedOut = await keepalive;
      expect(!timedOut.ok && timedOut.error.kind).toBe('timeout');
      const release = await oci.fetchRelease(); // the keepalive's late SuccessResponse arrives first
      expect(release.ok && release.value.major).toBe(22);
    } finally {
      await lab.fault('oci', 'clear');
    }
    oci.close();
  });
});

// The lab OCS behaves as a real one where the public evidence says how (issue 9 item 4): the error
// for a type the release lacks, bounded echoes, both envelope forms, release forms, and connections
// that time out when idle, left mid-document or mid-TLS-handshake (short values here).
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRaw, connectRawTls, command, ociRequest, type RawClient } from './support/raw-client.ts';
import { PASSWORDS, signed, startTestOcs, type Ocs } from './support/ocs-fixture.ts';

const running: Ocs[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const o of running.splice(0)) await o.server.stop();
});
async function start(overrides: Parameters<typeof startTestOcs>[0] = {}): Promise<Ocs> {
  const o = await startTestOcs(overrides);
  running.push(o);
  return o;
}
async function connect(o: Ocs): Promise<RawClient> {
  const c = await connectRaw(o.server.endpoints.plain!.port);
  clients.push(c);
  return c;
}
async function loggedIn(o: Ocs): Promise<RawClient> {
  const c = await connect(o);
  c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
  const nonce = /<nonce>(\d+)</.exec(await c.next())![1]!;
  c.write(ociRequest('s', command('LoginRequest14sp4', `<userId>ann@lab.test</userId><signedPassword>${signed(nonce, PASSWORDS.ann)}</signedPassword>`)));
  expect(await c.next()).toContain('LoginResponse14sp4');
  return c;
}

describe('lab OCS: errors as a real server writes them', () => {
  it('a type the release lacks gets [Error 6004] OCI XML Request validation error naming the type, whatever the login state', async () => {
    const o = await start({ release: '20.sp1' });
    const c = await connect(o);
    c.write(ociRequest('s', command('UserGetRequest22', '<userId>ann@lab.test</userId>'), command('UserIntegratedIMPGetRequest21sp1', '<userId>ann@lab.test</userId>')));
    const reply = await c.next();
    expect(reply).toContain("<summary>[Error 6004] OCI XML Request validation error</summary><summaryEnglish>[Error 6004] OCI XML Request validation error</summaryEnglish><detail>Invalid xsi:type qname: 'UserGetRequest22' in element BroadsoftDocument@C</detail>");
    expect(reply).toContain("Invalid xsi:type qname: 'UserIntegratedIMPGetRequest21sp1'");
  });

  it('R21 without the service pack lacks UserGetRequest21sp1 and UserIntegratedIMPGetRequest21sp1; 21.sp1 has them', async () => {
    for (const [release, known] of [['21', false], ['21.sp1', true], ['21.sp1_1.551', true]] as const) {
      const c = await loggedIn(await start({ release }));
      c.write(ociRequest('s', command('UserGetRequest21sp1', '<userId>ann@lab.test</userId>'), command('UserGetRequest21', '<userId>ann@lab.test</userId>')));
      const reply = await c.next();
      expect(reply.includes('UserGetResponse21sp1'), release).toBe(known);
      expect(reply).toContain('xsi:type="UserGetResponse21"');
    }
  });

  it('a request the user may not run gets [Error 4003] Unauthorized request, not a release error', async () => {
    const c = await loggedIn(await start({ userMayReadRelease: false }));
    c.write(ociRequest('s', command('SystemSoftwareVersionGetRequest'), command('UserGetRequest22', '<userId>bob@lab.test</userId>')));
    const reply = await c.next();
    expect(reply).toContain('<summary>[Error 4003] Unauthorized request: SystemSoftwareVersionGetRequest</summary>');
    expect(reply).toContain('<summary>[Error 4003] Unauthorized request: UserGetRequest22</summary>');
  });

  it('a 1 MB userId is refused with a short answer: the schema limit is named, the value is not echoed back', async () => {
    const c = await connect(await start());
    const huge = 'x'.repeat(1_000_000);
    // One command: the whole request stays under the OCS's 1 MiB request limit.
    c.write(ociRequest('s', command('AuthenticationRequest', `<userId>${huge}@lab.test</userId>`)));
    const reply = await c.next();
    expect(reply.length).toBeLessThan(2_000);
    expect(reply).toContain('[Error 6004] OCI XML Request validation error');
    expect(reply).toContain('element userId is longer than 161 characters');
  });

  it('an unknown user is quoted back whole only up to the UserId limit of 161 characters', async () => {
    const c = await connect(await start());
    const id = `${'u'.repeat(152)}@lab.test`; // 161 characters: valid, unknown
    c.write(ociRequest('s', command('AuthenticationRequest', `<userId>${id}</userId>`)));
    const summary = /<summary>([^<]*)<\/summary>/.exec(await c.next())![1]!;
    expect(summary).toBe(`[Error 4008] User not found: ${id}`);
  });
});

describe('lab OCS: envelope and release forms', () => {
  it('writes a newline between the XML declaration and the root when the scenario asks, one line otherwise', async () => {
    for (const declarationNewline of [true, false]) {
      const c = await connect(await start({ declarationNewline }));
      c.write(ociRequest('s', command('VerifySessionIsValidRequest')));
      const reply = await c.next();
      expect(reply.startsWith(`<?xml version="1.0" encoding="ISO-8859-1"?>${declarationNewline ? '\n' : ''}<BroadsoftDocument`)).toBe(true);
      expect(reply.endsWith('</BroadsoftDocument>\n')).toBe(true);
    }
  });

  it('answers SystemSoftwareVersionGetRequest with the release text as configured (forms such as 21.sp1_1.551 and 24)', async () => {
    for (const release of ['21.sp1_1.551', '24', '17.sp4']) {
      const c = await loggedIn(await start({ release }));
      c.write(ociRequest('s', command('SystemSoftwareVersionGetRequest')));
      expect(await c.next()).toContain(`<version>${release}</version>`);
    }
  });
});

describe('lab OCS: connections time out', () => {
  it('an idle logged-in session is told LogoutRequest (Open Client Server Forced Logout) and closed', async () => {
    const c = await loggedIn(await start({ timeouts: { idleMs: 150 } }));
    const pushed = await c.next();
    expect(pushed).toContain('<command xsi:type="LogoutRequest" xmlns=""><userId>ann@lab.test</userId><reason>Open Client Server Forced Logout</reason></command>');
    await c.closed;
  });

  it('an idle connection that never logged in is closed; traffic keeps a connection open', async () => {
    const o = await start({ timeouts: { idleMs: 200 } });
    const idle = await connect(o);
    const busy = await connect(o);
    const started = Date.now();
    const keep = setInterval(() => busy.write(ociRequest('k', command('VerifySessionIsValidRequest'))), 60);
    expect(await idle.closed).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(keep);
    expect(busy.socket.destroyed).toBe(false);
  });

  it('a document left unfinished is dropped after unfinishedDocumentMs', async () => {
    const o = await start({ timeouts: { unfinishedDocumentMs: 150 } });
    const c = await connect(o);
    c.write('<?xml version="1.0"?><BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">s</sessionId><command');
    await c.closed;
    expect(o.errors.some((e) => String(e).includes('unfinished'))).toBe(true);
  });

  it('a TLS handshake that never finishes is dropped after tlsHandshakeMs', async () => {
    const o = await start({ timeouts: { tlsHandshakeMs: 150 } });
    const socket = net.connect({ host: '127.0.0.1', port: o.server.endpoints.tls!.port });
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    await new Promise((r) => socket.once('close', r)); // nothing sent: no ClientHello
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    // a real handshake still works
    const tlsClient = await connectRawTls(o.server.endpoints.tls!.port, o.caCertPem, 'ocs.lab.test');
    clients.push(tlsClient);
    tlsClient.write(ociRequest('t', command('VerifySessionIsValidRequest')));
    expect(await tlsClient.next()).toContain('c:ErrorResponse');
  });
});

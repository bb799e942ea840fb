import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { connectRaw, connectRawTls, ociRequest, command, ociReply, type RawClient } from './support/raw-client.ts';
import { startTestOcs, signed, PASSWORDS, type Ocs } from './support/ocs-fixture.ts';

let ocs: Ocs;
const clients: RawClient[] = [];
const track = (c: RawClient): RawClient => (clients.push(c), c);
const plain = async () => track(await connectRaw(ocs.server.endpoints.plain!.port));
const secure = async () => track(await connectRawTls(ocs.server.endpoints.tls!.port, ocs.caCertPem, 'ocs.lab.test'));

beforeAll(async () => {
  ocs = await startTestOcs();
});
afterAll(async () => {
  await ocs.server.stop();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const SUCCESS = '<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>';
const error = (summary: string, detail?: string) =>
  `<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>${summary}</summary><summaryEnglish>${summary}</summaryEnglish>${detail ? `<detail>${detail}</detail>` : ''}</command>`;
const LOGIN_FIELDS =
  '<loginType>User</loginType><locale>en_US</locale><encoding>ISO-8859-1</encoding><groupId>G-Lab</groupId><serviceProviderId>SP-Lab</serviceProviderId><isEnterprise>false</isEnterprise><passwordExpiresDays>2147483647</passwordExpiresDays><userDomain>lab.test</userDomain>';

async function authenticate(c: RawClient, userId: string, sessionId = 's1'): Promise<string> {
  c.write(ociRequest(sessionId, command('AuthenticationRequest', `<userId>${userId}</userId>`)));
  const reply = await c.next();
  const nonce = /<nonce>(\d+)<\/nonce>/.exec(reply)?.[1];
  expect(reply).toBe(
    ociReply(sessionId, `<command echo="" xsi:type="AuthenticationResponse" xmlns=""><userId>${userId}</userId><nonce>${nonce}</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>`),
  );
  return nonce!;
}

async function login(c: RawClient, userId = 'ann@lab.test', password = PASSWORDS.ann, sessionId = 's1'): Promise<string> {
  const nonce = await authenticate(c, userId, sessionId);
  c.write(ociRequest(sessionId, command('LoginRequest14sp4', `<userId>${userId}</userId><signedPassword>${signed(nonce, password)}</signedPassword>`)));
  return c.next();
}

describe('lab OCI server: login (oci-p.md §5)', () => {
  it('two-stage signed login answers AuthenticationResponse then LoginResponse14sp4, byte for byte', async () => {
    const c = await plain();
    expect(await login(c)).toBe(ociReply('s1', `<command echo="" xsi:type="LoginResponse14sp4" xmlns="">${LOGIN_FIELDS}</command>`));
  });

  it('a wrong password gets [Error 4962], an unknown user [Error 4008], in the real ErrorResponse form', async () => {
    const c = await plain();
    expect(await login(c, 'ann@lab.test', 'wrong')).toBe(ociReply('s1', error('[Error 4962] Invalid password')));
    c.write(ociRequest('s2', command('AuthenticationRequest', '<userId>nobody@lab.test</userId>')));
    expect(await c.next()).toBe(ociReply('s2', error('[Error 4008] User not found: nobody@lab.test')));
  });

  it('a nonce signs one attempt only', async () => {
    const c = await plain();
    const nonce = await authenticate(c, 'ann@lab.test');
    const attempt = ociRequest('s1', command('LoginRequest14sp4', `<userId>ann@lab.test</userId><signedPassword>${signed(nonce, PASSWORDS.ann)}</signedPassword>`));
    c.write(attempt);
    expect(await c.next()).toContain('LoginResponse14sp4');
    c.write(attempt);
    expect(await c.next()).toContain('[Error 4962]');
  });

  it('single-stage LoginRequest22V5 works over TLS and is refused in plain TCP', async () => {
    const s = await secure();
    s.write(ociRequest('t1', command('LoginRequest22V5', `<userId>ann@lab.test</userId><password>${PASSWORDS.ann}</password>`)));
    expect(await s.next()).toBe(ociReply('t1', `<command echo="" xsi:type="LoginResponse22V5" xmlns="">${LOGIN_FIELDS}</command>`));
    const p = await plain();
    p.write(ociRequest('t2', command('LoginRequest22V5', `<userId>ann@lab.test</userId><password>${PASSWORDS.ann}</password>`)));
    const refused = await p.next();
    expect(refused).toContain('xsi:type="c:ErrorResponse"');
    expect(refused).not.toContain(PASSWORDS.ann); // never echo secrets
  });

  it('requests other than login before a login get an ErrorResponse', async () => {
    const c = await plain();
    c.write(ociRequest('s1', command('VerifySessionIsValidRequest'), command('UserGetRequest22', '<userId>ann@lab.test</userId>')));
    const reply = await c.next();
    expect(reply.match(/c:ErrorResponse/g)).toHaveLength(2);
  });
});

describe('lab OCI server: session commands', () => {
  it('answers release, profile 22 with userId and impId, IM&P and keepalive in request order, echo preserved', async () => {
    const c = await plain();
    await login(c);
    c.write(
      ociRequest(
        's9',
        command('SystemSoftwareVersionGetRequest', '', 'a'),
        command('UserGetRequest22', '<userId>ann@lab.test</userId>'),
        command('UserIntegratedIMPGetRequest21sp1', '<userId>ann@lab.test</userId>'),
        command('VerifySessionIsValidRequest', '', 'k'),
      ),
    );
    expect(await c.next()).toBe(
      ociReply(
        's9',
        '<command echo="a" xsi:type="SystemSoftwareVersionGetResponse" xmlns=""><version>22.0</version></command>' +
          '<command echo="" xsi:type="UserGetResponse22" xmlns=""><serviceProviderId>SP-Lab</serviceProviderId><groupId>G-Lab</groupId><userId>ann@lab.test</userId><lastName>Lee</lastName><firstName>Ann</firstName><callingLineIdLastName>Lee</callingLineIdLastName><callingLineIdFirstName>Ann</callingLineIdFirstName><phoneNumber>6175552001</phoneNumber><extension>2001</extension><language>English</language><timeZone>America/New_York</timeZone><timeZoneDisplayName>(GMT-04:00) (US) Eastern Time</timeZoneDisplayName><defaultAlias>ann@lab.test</defaultAlias><emailAddress>ann@lab.test</emailAddress><countryCode>1</countryCode><impId>ann@xmpp.lab.test</impId></command>' +
          '<command echo="" xsi:type="UserIntegratedIMPGetResponse21sp1" xmlns=""><isActive>true</isActive><impId>ann@xmpp.lab.test</impId></command>' +
          SUCCESS.replace('echo=""', 'echo="k"'),
      ),
    );
  });

  it('UserGetResponse21sp1 has no userId; a user may not read another profile', async () => {
    const c = await plain();
    await login(c);
    c.write(ociRequest('s1', command('UserGetRequest21sp1', '<userId>ann@lab.test</userId>'), command('UserGetRequest22', '<userId>bob@lab.test</userId>')));
    const reply = await c.next();
    expect(reply).toContain('<command echo="" xsi:type="UserGetResponse21sp1" xmlns=""><serviceProviderId>SP-Lab</serviceProviderId><groupId>G-Lab</groupId><lastName>Lee</lastName>');
    expect(reply).toMatch(/<command type="Error"[^>]*><summary>\[Error 4003\] Unauthorized request: UserGetRequest22<\/summary>/);
  });

  it('an unknown command type gets the real validation error in its position', async () => {
    const c = await plain();
    await login(c);
    c.write(ociRequest('s1', command('GroupGetListInServiceProviderRequest', '<serviceProviderId>x</serviceProviderId>'), command('VerifySessionIsValidRequest')));
    const reply = await c.next();
    expect(reply).toMatch(
      /^.*<command type="Error"[^>]*><summary>\[Error 6004\] OCI XML Request validation error<\/summary><summaryEnglish>[^<]*<\/summaryEnglish><detail>Invalid xsi:type qname: 'GroupGetListInServiceProviderRequest' in element BroadsoftDocument@C<\/detail><\/command>.*c:SuccessResponse.*$/s,
    );
  });

  it('LogoutRequest: SuccessResponse, then the session and its socket are gone', async () => {
    const c = await plain();
    await login(c);
    c.write(ociRequest('s1', command('LogoutRequest', '<userId>ann@lab.test</userId><reason>Connection close</reason>')));
    expect(await c.next()).toBe(ociReply('s1', SUCCESS));
    expect(await c.closed).toBe('');
  });

  it('the server can push LogoutRequest (Open Client Server Forced Logout) to a user\'s sessions', async () => {
    const c = await plain();
    await login(c, 'bob@lab.test', PASSWORDS.bob, 'push-1');
    const other = await plain();
    await login(other);
    expect(ocs.server.pushLogout('bob@lab.test')).toBe(1);
    expect(await c.next()).toBe(
      ociReply('push-1', '<command xsi:type="LogoutRequest" xmlns=""><userId>bob@lab.test</userId><reason>Open Client Server Forced Logout</reason></command>'),
    );
    await c.closed;
    other.write(ociRequest('s2', command('VerifySessionIsValidRequest')));
    expect(await other.next()).toBe(ociReply('s2', SUCCESS));
  });
});

describe('lab OCI server: tolerated client variants (oci-p.md §2)', () => {
  const loginDoc = (nonce: string, head: string, tail = '') =>
    `${head}<sessionId xmlns="">v</sessionId><command xsi:type="LoginRequest14sp4" xmlns=""><userId>ann@lab.test</userId><signedPassword>${signed(nonce, PASSWORDS.ann)}</signedPassword></command></BroadsoftDocument>${tail}`;

  const variants: [string, string, string][] = [
    ['no declaration, no newline', '<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">', ''],
    ['single quotes, CRLF', "<?xml version='1.0' encoding='ISO-8859-1'?>\r\n<BroadsoftDocument protocol='OCI' xmlns='C' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>", '\r\n'],
    ['leading whitespace, xmlns before protocol, spaces around =', '  \n<?xml version="1.0"?>\n<BroadsoftDocument xmlns:xsi = "http://www.w3.org/2001/XMLSchema-instance" xmlns = "C" protocol = "OCI">', '\n'],
  ];
  for (const [name, head, tail] of variants) {
    it(`accepts ${name}`, async () => {
      const c = await plain();
      const nonce = await authenticate(c, 'ann@lab.test');
      c.write(loginDoc(nonce, head, tail));
      const reply = await c.next();
      expect(reply).toContain('xsi:type="LoginResponse14sp4"');
      expect(reply.endsWith('</BroadsoftDocument>\n')).toBe(true);
      expect(reply.split('\n')).toHaveLength(2); // one line + "\n"
    });
  }

  it('answers UTF-8 requests in UTF-8 and undeclared ones in ISO-8859-1', async () => {
    const c = await plain();
    c.write(`<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">u</sessionId>${command('VerifySessionIsValidRequest')}</BroadsoftDocument>`);
    expect(await c.next()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><BroadsoftDocument/);
    c.write(`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">u</sessionId>${command('VerifySessionIsValidRequest')}</BroadsoftDocument>`);
    expect(await c.next()).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?><BroadsoftDocument/);
  });

  it('handles two documents in one chunk and one document sent byte by byte', async () => {
    const c = await plain();
    const doc = ociRequest('b', command('VerifySessionIsValidRequest'));
    c.write(doc + doc);
    expect(await c.next()).toContain('c:ErrorResponse');
    expect(await c.next()).toContain('c:ErrorResponse');
    for (const byte of Buffer.from(doc)) c.write(Buffer.from([byte]));
    expect(await c.next()).toContain('<sessionId xmlns="">b</sessionId>');
  });

  it('closes a connection whose document grows past 1 MiB without an end tag', async () => {
    const c = await plain();
    c.write('<BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">' + 'x'.repeat(1_100_000));
    await c.closed;
    expect(ocs.errors.some((e) => (e as { code?: string }).code === 'TOO_LARGE')).toBe(true);
  });

  it('closes on garbage instead of crashing, and keeps serving others', async () => {
    const bad = await plain();
    bad.write('<BroadsoftDocument protocol="OCI"><<<</BroadsoftDocument>');
    await bad.closed;
    const good = await plain();
    expect(await login(good)).toContain('LoginResponse14sp4');
  });
});

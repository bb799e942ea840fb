import { describe, it, expect, afterEach } from 'vitest';
import { connectRaw, connectRawTls, ociRequest, command, capRequest, type RawClient } from './support/raw-client.ts';
import { startTestOcs, signed, PASSWORDS, type Ocs } from './support/ocs-fixture.ts';

let ocs: Ocs | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await ocs?.server.stop();
  ocs = undefined;
});

async function start(overrides = {}): Promise<Ocs> {
  ocs = await startTestOcs(overrides, false);
  return ocs;
}
async function connect(o: Ocs): Promise<RawClient> {
  const c = await connectRaw(o.server.endpoints.plain!.port);
  clients.push(c);
  return c;
}

const CAP_HEAD = '<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0">';
const capReply = (commandType: string, data: string) =>
  `${CAP_HEAD}<command commandType="${commandType}"><commandData>${data}</commandData></command></BroadsoftDocument>\n`;

async function register(c: RawClient, userId: string, password: string, userType = 'CallClient'): Promise<string> {
  c.write(capRequest('registerAuthentication', `<user userType="${userType}"><id>${userId}</id><applicationId>unity</applicationId></user>`));
  const challenge = await c.next();
  const nonce = /<nonce>(\d+)<\/nonce>/.exec(challenge)?.[1] ?? '';
  expect(challenge).toBe(
    capReply('responseAuthentication', `<user userType="${userType}"><id>${userId}</id><applicationId>unity</applicationId></user><nonce>${nonce}</nonce><algorithm>MD5</algorithm>`),
  );
  c.write(capRequest('registerRequest', `<user userType="${userType}"><id>${userId}</id><securePassword>${signed(nonce, password)}</securePassword><applicationId>unity</applicationId></user>`));
  return c.next();
}

describe('lab OCS: CAP on the OCI connection (cap.md)', () => {
  it('registers a user with Client Call Control on the same socket as its OCI session', async () => {
    const o = await start();
    const c = await connect(o);
    c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
    expect(await c.next()).toContain('AuthenticationResponse');
    expect(await register(c, 'ann@lab.test', PASSWORDS.ann)).toBe(
      capReply('registerResponse', '<user userType="CallClient" userUid="1017"><id>ann@lab.test</id><applicationId>unity</applicationId></user>'),
    );
    c.write(capRequest('acknowledgement', '<user userType="CallClient" id="ann@lab.test" userUid="1017"><message messageName="registerResponse"/><applicationId>unity</applicationId></user>'));
    // OCI still answers on the same connection after CAP registration.
    c.write(ociRequest('s', command('VerifySessionIsValidRequest')));
    expect(await c.next()).toContain('c:ErrorResponse'); // OCI not logged in: CAP registration is separate
  });

  it('refuses registration without Client Call Control, with the lab failureCause', async () => {
    const o = await start();
    const c = await connect(o);
    expect(await register(c, 'cy@lab.test', PASSWORDS.cy)).toBe(
      capReply('registerResponse', '<user userType="CallClient"><id>cy@lab.test</id><applicationId>unity</applicationId><failure failureCause="Client Call Control service is not assigned to the user"/></user>'),
    );
  });

  it('refuses a wrong securePassword', async () => {
    const o = await start();
    const c = await connect(o);
    expect(await register(c, 'ann@lab.test', 'nope')).toContain('failureCause="Invalid userId or password"');
  });

  it('streams callUpdate and sessionUpdate for an incoming call, and callAction Answer/Hold/Release drive the call', async () => {
    const o = await start();
    const c = await connect(o);
    await register(c, 'ann@lab.test', PASSWORDS.ann);
    const call = o.telephony.placeIncomingCall('ann@lab.test', { number: '+15550100', name: 'Outside' });
    expect(await c.next()).toBe(
      capReply('callUpdate', `<user userType="CallClient" userUid="1017" id="ann@lab.test"><call callId="${call.callId}" extTrackingId="${call.extTrackingId}"><state>1</state><remoteNumber>+15550100</remoteNumber><remoteName>Outside</remoteName><personality>2</personality></call></user>`),
    );
    expect(await c.next()).toBe(capReply('sessionUpdate', '<user userType="CallClient" userUid="1017" id="ann@lab.test"><offHook>False</offHook><numCalls>1</numCalls></user>'));
    const act = (type: string) =>
      capRequest('callAction', `<user userType="CallClient" userUid="1017"><action actionType="${type}"><actionParam actionParamName="CallId">${call.callId}</actionParam></action><applicationId>unity</applicationId></user>`, '15.0');
    c.write(act('Answer'));
    expect(await c.next()).toMatch(/commandType="callUpdate".*<state>2<\/state>/);
    expect(await c.next()).toMatch(/commandType="sessionUpdate".*<offHook>True<\/offHook>/);
    expect(o.telephony.call(call.callId).state).toBe('Active');
    c.write(act('Hold'));
    expect(await c.next()).toMatch(/<state>3<\/state>/);
    await c.next();
    c.write(act('Release'));
    expect(await c.next()).toMatch(/<state>5<\/state><remoteNumber>\+15550100<\/remoteNumber><remoteName>Outside<\/remoteName><personality>2<\/personality><releaseCause>Normal<\/releaseCause>/);
    expect(await c.next()).toContain('<numCalls>0</numCalls>');
    expect(o.telephony.calls('ann@lab.test')).toEqual([]);
  });

  it('Dial rings the other lab user; BLF monitoring streams the monitored user\'s calls with monitored tags', async () => {
    const o = await start();
    const bob = await connect(o);
    await register(bob, 'bob@lab.test', PASSWORDS.bob, 'AttendantConsole');
    bob.write(capRequest('monitoringUsersRequest', '<user userType="AttendantConsole" id="bob@lab.test"><monitoring monType="Add"><monUser>ann@lab.test</monUser><monUser>ghost@lab.test</monUser></monitoring><applicationId>unity</applicationId></user>'));
    const response = await bob.next();
    expect(response).toContain('commandType="monitoringUsersResponse"');
    expect(response).toContain('ann@lab.test');
    expect(response).not.toContain('ghost@lab.test');
    expect(await bob.next()).toContain('<monitoredUserId>ann@lab.test</monitoredUserId>'); // initial BLF state
    const ann = await connect(o);
    await register(ann, 'ann@lab.test', PASSWORDS.ann);
    ann.write(capRequest('callAction', '<user userType="CallClient" userUid="1017"><action actionType="Dial"><actionParam actionParamName="Number">2003</actionParam></action><applicationId>unity</applicationId></user>'));
    expect(await ann.next()).toMatch(/commandType="callUpdate".*<state>1<\/state><remoteNumber>2003<\/remoteNumber>/);
    expect(await bob.next()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="callUpdate"><commandData><user userType="AttendantConsole" userUid="1022" id="bob@lab.test"><monitoredUserUid>1017<\/monitoredUserUid><monitoredUserId>ann@lab.test<\/monitoredUserId><call callId="[^"]+" extTrackingId="[^"]+"><state>1<\/state><remoteNumber>2003<\/remoteNumber>/,
    );
    expect(o.telephony.calls('cy@lab.test')).toHaveLength(1);
  });

  it('serverStatusRequest is silent by default and answered when the scenario asks', async () => {
    const o = await start();
    const c = await connect(o);
    await register(c, 'ann@lab.test', PASSWORDS.ann);
    c.write(capRequest('serverStatusRequest', '<user userType="CallClient" userUid="1017"><applicationId>unity</applicationId></user>'));
    c.write(ociRequest('after', command('VerifySessionIsValidRequest')));
    expect(await c.next()).toContain('<sessionId xmlns="">after</sessionId>'); // nothing came before it
    await o.server.stop();
    const o2 = await start({ capServerStatusReply: true });
    const d = await connect(o2);
    await register(d, 'ann@lab.test', PASSWORDS.ann);
    d.write(capRequest('serverStatusRequest', '<user userType="CallClient" userUid="1017"><applicationId>unity</applicationId></user>'));
    expect(await d.next()).toContain('commandType="serverStatusResponse"');
  });

  it('unRegister stops the pushes', async () => {
    const o = await start();
    const c = await connect(o);
    await register(c, 'ann@lab.test', PASSWORDS.ann);
    c.write(capRequest('unRegister', '<user userType="CallClient" userLogoutReason="ClientLogout" id="ann@lab.test"><applicationId>unity</applicationId></user>'));
    c.write(ociRequest('sync', command('VerifySessionIsValidRequest')));
    await c.next(); // unRegister was handled before this answer
    o.telephony.placeIncomingCall('ann@lab.test', { number: '1' });
    c.write(ociRequest('sync2', command('VerifySessionIsValidRequest')));
    expect(await c.next()).toContain('<sessionId xmlns="">sync2</sessionId>');
  });
});

describe('lab OCS: release options (oci-p.md §8)', () => {
  async function loggedIn(o: Ocs): Promise<RawClient> {
    const c = await connect(o);
    c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
    const nonce = /<nonce>(\d+)</.exec(await c.next())![1]!;
    c.write(ociRequest('s', command('LoginRequest14sp4', `<userId>ann@lab.test</userId><signedPassword>${signed(nonce, PASSWORDS.ann)}</signedPassword>`)));
    expect(await c.next()).toContain('LoginResponse14sp4');
    return c;
  }

  it('refuses SystemSoftwareVersionGetRequest to a user-level login when configured', async () => {
    const o = await start({ userMayReadRelease: false });
    const c = await loggedIn(o);
    c.write(ociRequest('s', command('SystemSoftwareVersionGetRequest')));
    expect(await c.next()).toContain('[Error 4003] Unauthorized request: SystemSoftwareVersionGetRequest');
  });

  it('an R21 server refuses UserGetRequest22 and LoginRequest22V5 but answers 21sp1 (how clients probe)', async () => {
    const o = await start({ release: '21.sp1', cleartextLogin: 'anywhere' });
    const c = await loggedIn(o);
    c.write(ociRequest('s', command('UserGetRequest22', '<userId>ann@lab.test</userId>'), command('UserGetRequest21sp1', '<userId>ann@lab.test</userId>'), command('SystemSoftwareVersionGetRequest')));
    const reply = await c.next();
    expect(reply).toMatch(/\[Error 6004\][^]*Invalid xsi:type qname: 'UserGetRequest22'.*UserGetResponse21sp1.*<version>21.sp1<\/version>/);
    c.write(ociRequest('s', command('LoginRequest22V5', `<userId>ann@lab.test</userId><password>${PASSWORDS.ann}</password>`)));
    expect(await c.next()).toContain("Invalid xsi:type qname: 'LoginRequest22V5'");
  });

  it('an R17 server answers UserGetResponse17sp4 without impId', async () => {
    const o = await start({ release: '17.sp4' });
    const c = await loggedIn(o);
    c.write(ociRequest('s', command('UserGetRequest17sp4', '<userId>ann@lab.test</userId>')));
    const reply = await c.next();
    expect(reply).toContain('xsi:type="UserGetResponse17sp4"');
    expect(reply).not.toContain('impId');
  });

  it('close-mid-login closes right after the first login document, unanswered', async () => {
    const o = await start();
    await o.server.fault({ type: 'close-mid-login' });
    const c = await connect(o);
    c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
    expect(await c.closed).toBe('');
  });

  it('half-open leaves a keepalive unanswered; after clear the session answers again', async () => {
    const o = await start();
    const c = await loggedIn(o);
    await o.server.fault({ type: 'half-open' });
    c.write(ociRequest('lost', command('VerifySessionIsValidRequest')));
    await expect.poll(() => o.server.tcp.ignoredBytes).toBeGreaterThan(0);
    await o.server.fault({ type: 'clear' });
    c.write(ociRequest('after', command('VerifySessionIsValidRequest')));
    expect(await c.next()).toContain('<sessionId xmlns="">after</sessionId>');
  });

  it('close-mid-tls hangs up the OCI TLS port during the handshake', async () => {
    ocs = await startTestOcs({}, true);
    await ocs.server.fault({ type: 'close-mid-tls' });
    const outcome = await connectRawTls(ocs.server.endpoints.tls!.port, ocs.caCertPem, 'ocs.lab.test').then(
      () => 'connected',
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(outcome).toBe('ECONNRESET');
  });

  it('serves 200 concurrent OCI sessions (login + keepalive) without errors', async () => {
    const o = await start();
    const sessions = await Promise.all(
      Array.from({ length: 200 }, async (_, k) => {
        const c = await connect(o);
        const user = ['ann', 'bob', 'cy'][k % 3] as 'ann' | 'bob' | 'cy';
        c.write(ociRequest(`c${k}`, command('AuthenticationRequest', `<userId>${user}@lab.test</userId>`)));
        const nonce = /<nonce>(\d+)</.exec(await c.next())![1]!;
        c.write(ociRequest(`c${k}`, command('LoginRequest14sp4', `<userId>${user}@lab.test</userId><signedPassword>${signed(nonce, PASSWORDS[user])}</signedPassword>`), command('VerifySessionIsValidRequest')));
        return c.next();
      }),
    );
    sessions.forEach((reply, k) => {
      expect(reply).toContain(`<sessionId xmlns="">c${k}</sessionId>`);
      expect(reply).toMatch(/LoginResponse14sp4.*c:SuccessResponse/);
    });
    expect(o.server.loggedInCount).toBe(200);
    expect(o.errors).toEqual([]);
  });
});
